// Staff sign-in and the signed-in staff member.
import { z } from 'zod';
import { DisplayName } from './text.ts';
import { Id } from './ids.ts';

export const StaffRole = z.enum(['admin', 'staff']);
export type StaffRole = z.infer<typeof StaffRole>;

export const SignInBody = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});
export type SignInBody = z.infer<typeof SignInBody>;

export const StaffMember = z.object({
  id: Id,
  email: z.string(),
  displayName: z.string(),
  role: StaffRole,
  facilityIds: z.array(Id),
  /** Operators run the whole deployment: the global LiveKit switch and percentage rollout. */
  isOperator: z.boolean().optional(),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const CreateStaffBody = z.strictObject({
  email: z.email().max(254),
  displayName: DisplayName({ max: 120 }),
  password: z.string().min(12).max(1024),
  role: StaffRole,
  facilityIds: z.array(Id).max(1000),
});
export type CreateStaffBody = z.infer<typeof CreateStaffBody>;
