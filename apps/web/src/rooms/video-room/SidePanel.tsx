// A panel the page hosting the call adds beside the chat (the host's queue of people waiting):
// its bar button with a count badge, and the panel itself, a side panel on wide screens and a
// drawer over the stage on phones, like the chat.
import { useEffect, useRef, type ReactNode } from 'react';
import { t } from '../../i18n/t.ts';
import { Button } from '../../ui/Button.tsx';

export interface SidePanelSpec {
  /** The bar button's words and the panel's heading ("Waiting"). */
  label: string;
  /** The number in the button's badge (0 shows none). */
  count: number;
  /** The button's accessible name with the count; it must begin with `label`. */
  countLabel: string;
  /** The panel's contents. */
  content: ReactNode;
  /** The latest change worth saying, for the call's live region. */
  announcement?: string;
}

/** The page's panel, with its heading (focused on open) and a close button. */
export function SidePanel({ spec, onClose }: { spec: SidePanelSpec; onClose(): void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <aside
      className="chat side-panel"
      aria-labelledby="side-panel-title"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div className="chat__header">
        <h2 id="side-panel-title" ref={headingRef} tabIndex={-1}>
          {spec.label}
        </h2>
        <Button variant="link" onClick={onClose}>
          {t('room.panel.close')}
        </Button>
      </div>
      <div className="side-panel__content">{spec.content}</div>
    </aside>
  );
}
