// Moving a waiting visitor to another visit of the same facility.
import { z } from 'zod';
import { Id } from './ids.ts';

export const TransferBody = z.strictObject({
  /** The visit the visitor waits for from now on: open, and of the same facility. */
  visitId: Id,
});
export type TransferBody = z.infer<typeof TransferBody>;
