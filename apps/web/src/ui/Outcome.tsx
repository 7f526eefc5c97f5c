// Where a visitor's path stops for now (a link that no longer works, a visit that is over, a
// request turned away): a heading, one plain sentence, and what they may do next below it. The
// invite page and the waiting room share it: one copy in the visitor's first load.
import type { ReactNode } from 'react';
import { PageHeading } from './PageHeading.tsx';

/** A heading, a lead sentence, and anything below them. */
export function Outcome({
  title,
  body,
  children,
}: {
  title: string;
  body: string;
  children?: ReactNode;
}) {
  return (
    <>
      <PageHeading title={title} />
      <p className="lead">{body}</p>
      {children}
    </>
  );
}
