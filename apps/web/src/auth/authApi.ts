// Staff sign-in, sign-out and "who am I" against /api/v1/auth.
import type { SignInBody, StaffMember } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import { apiFetch as defaultFetch } from '../api/client.ts';

export interface AuthApi {
  signIn(body: SignInBody): Promise<StaffMember>;
  signOut(): Promise<void>;
  /** The signed-in staff member, or null when nobody is signed in. */
  me(): Promise<StaffMember | null>;
}

/** The auth endpoints, over the given client. */
export function createAuthApi(apiFetch = defaultFetch): AuthApi {
  return {
    signIn: (body) => apiFetch<StaffMember>('/auth/sign-in', { method: 'POST', body }),
    signOut: () => apiFetch<void>('/auth/sign-out', { method: 'POST' }),
    async me() {
      try {
        return await apiFetch<StaffMember>('/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return null;
        throw error;
      }
    },
  };
}
