// The visitor's invite page: looks the code up and says plainly what the visitor can expect.
// Deliberately small and free of zod: this is the first page a visitor loads.
import type { InviteLanding } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import { getInviteLanding } from './invitesApi.ts';

/** The invite codes the server issues; anything else cannot be an invite. */
const INVITE_CODE = /^[A-Za-z0-9_-]{22,64}$/;

export type LandingState =
  | { status: 'loading' }
  | { status: 'ready'; landing: InviteLanding }
  /** The link is unknown or mistyped. */
  | { status: 'notFound' }
  /** The link expired, was withdrawn, or its visit ended. */
  | { status: 'gone' }
  /** The visit ended (when the server still describes it). */
  | { status: 'ended'; landing: InviteLanding }
  /** We could not find out: a connection or server problem, worth retrying. */
  | { status: 'failed'; error: unknown };

/** Looks an invite code up and describes what the visitor should see. */
export async function loadLanding(
  code: string,
  fetchLanding: (code: string, signal?: AbortSignal) => Promise<InviteLanding> = getInviteLanding,
  signal?: AbortSignal,
): Promise<LandingState> {
  if (!INVITE_CODE.test(code)) return { status: 'notFound' };
  try {
    const landing = await fetchLanding(code, signal);
    return landing.visitStatus === 'ended'
      ? { status: 'ended', landing }
      : { status: 'ready', landing };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') return { status: 'notFound' };
    if (error instanceof ApiError && error.code === 'GONE') return { status: 'gone' };
    throw error;
  }
}
