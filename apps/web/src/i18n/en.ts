// Every user-facing string of the web app, in English: one catalogue in parts so a visitor
// downloads only what their pages show. `en/visitor.ts` ships with the entry; `en/staff.ts`,
// `en/call.ts` and `en/waiting-outcomes.ts` load with the pages that need them (../t.ts). This
// merged object is the catalogue's type and what tests and end-to-end specs look strings up in;
// app code reads it only through t().
// Keys name the page or concept first; `{name}` marks a value filled in at run time. Translations
// copy the part files.
import { call } from './en/call.ts';
import { staff } from './en/staff.ts';
import { visitor } from './en/visitor.ts';
import { waitingOutcomes } from './en/waiting-outcomes.ts';

export const en = { ...visitor, ...waitingOutcomes, ...staff, ...call } as const;
