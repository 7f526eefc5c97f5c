// The visitor's thread and estimated wait as pure values: messages merged without repeats, in the
// order written; which sentence an estimate is; what a refused reply tells the visitor.
import type { LobbyMessage, WaitEstimate } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';

/** The longest reply the server takes (LOBBY_MESSAGE_MAX in the contracts). */
export const REPLY_MAX = 500;

/** `known` with `incoming` added: each message once (by id), oldest first. */
export function mergeMessages(
  known: readonly LobbyMessage[],
  incoming: readonly LobbyMessage[],
): LobbyMessage[] {
  const byId = new Map<string, LobbyMessage>();
  for (const m of [...known, ...incoming]) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.at.localeCompare(b.at));
}

/** How an estimate reads: a range, or "less than" when it may be any moment. */
export type EstimateWords =
  | { key: 'lobby.estimate.range'; from: number; to: number }
  | { key: 'lobby.estimate.under'; to: number };

/** The sentence for an estimate; undefined when there is none (too little history). */
export function estimateWords(
  estimate: WaitEstimate | null | undefined,
): EstimateWords | undefined {
  if (!estimate) return undefined;
  return estimate.fromMinutes === 0
    ? { key: 'lobby.estimate.under', to: estimate.toMinutes }
    : { key: 'lobby.estimate.range', from: estimate.fromMinutes, to: estimate.toMinutes };
}

/** Why a reply was refused, for the visitor: a wait in seconds, for good, or another problem. */
export type ReplyProblem =
  | { kind: 'wait'; seconds: number }
  | { kind: 'limit' }
  | { kind: 'invalid' }
  | { kind: 'other'; error: unknown };

/** Classifies a failed reply. */
export function replyProblem(error: unknown): ReplyProblem {
  if (error instanceof ApiError && error.code === 'RATE_LIMITED') {
    const details = error.details as { retryAfterSeconds?: unknown } | undefined;
    const seconds = details?.retryAfterSeconds;
    return typeof seconds === 'number' ? { kind: 'wait', seconds } : { kind: 'limit' };
  }
  if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') return { kind: 'invalid' };
  return { kind: 'other', error };
}
