// Adding someone to a call: staff create a personal invite with a role for a live (or scheduled)
// visit; the person either waits to be let in or is let in on arrival. The answer says how full
// the call is, by the provider's own limit.
import { z } from 'zod';
import { Invite, InviteRoleSchema } from './invites.ts';
import { ProviderType } from './providers.ts';

export const AddPersonBody = z.strictObject({
  role: InviteRoleSchema,
  /** Let the person in as soon as they ask (when the call has room); otherwise they wait. */
  admitOnArrival: z.boolean().default(false),
  /** Minutes until the link stops working: 5 minutes to 1 day; 2 hours by default. */
  expiresInMinutes: z.number().int().min(5).max(1440).default(120),
});
export type AddPersonBody = z.infer<typeof AddPersonBody>;

/** How full a call is: people connected, added people not yet arrived, and the provider's limit. */
export const CallCapacity = z.object({
  provider: ProviderType.nullable(),
  max: z.number().int().positive(),
  present: z.number().int().nonnegative(),
  /** Extra invites created for this call whose person has not come in yet. */
  pending: z.number().int().nonnegative(),
});
export type CallCapacity = z.infer<typeof CallCapacity>;

export const AddedPerson = z.object({ invite: Invite, capacity: CallCapacity });
export type AddedPerson = z.infer<typeof AddedPerson>;
