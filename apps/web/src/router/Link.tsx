// An anchor that navigates inside the app; modified clicks (new tab, new window) behave as usual.
import type { ComponentProps, MouseEvent } from 'react';
import { navigate } from './history.ts';

type LinkProps = Omit<ComponentProps<'a'>, 'href'> & { to: string };

/** A link to an app path. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      rest.target
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  }
  // The anchor's props are a union by role: what is left of them spreads back as one.
  return <a {...({ ...rest, href: to, onClick: handleClick } as ComponentProps<'a'>)} />;
}
