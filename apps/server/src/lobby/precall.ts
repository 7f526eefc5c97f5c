// The visitor's pre-call check on the server: short-lived ICE configuration for the page's network
// test (the same STUN/TURN servers a p2p visit uses, TURN credentials of a few minutes), and the
// result the page measured, kept on the waiting-room entry and pushed to the facility's staff so
// they see it beside "Let in". Only the entry's own visitor may do either, and only while waiting.
import type { PrecallIceConfig, PrecallReport, PrecallResult } from '@openconnect/contracts';
import { AppError } from '../errors/app-error.ts';
import { turnIceServer } from '../providers/p2p/turn.ts';
import type { Services } from '../services.ts';
import type { LobbyEntryRow } from '../storage/tables.ts';
import { publishPresence } from './lobby.ts';

/** How long the test's TURN credentials last: the test takes seconds; a retry asks again. */
export const PRECALL_ICE_TTL_SECONDS = 300;

const notWaiting = () =>
  new AppError('CONFLICT', 'The pre-call check is for visitors who are still waiting.');

/** Whether an ICE server entry is a TURN relay. */
const isTurn = (server: { urls: string | string[] }) =>
  [server.urls].flat().some((url) => /^turns?:/.test(url));

/**
 * ICE configuration for a waiting visitor's network test: the p2p STUN/TURN servers, with TURN
 * credentials of their own that expire in PRECALL_ICE_TTL_SECONDS, and `relay` whenever there
 * is a TURN server, so the test measures the path a relayed call would take.
 */
export function precallIce(
  deps: Pick<Services, 'config'>,
  row: Pick<LobbyEntryRow, 'id' | 'status'>,
  nowMs = Date.now(),
): PrecallIceConfig {
  if (row.status !== 'waiting') throw notWaiting();
  const { p2p } = deps.config;
  const notAfter = Math.floor(nowMs / 1000) + PRECALL_ICE_TTL_SECONDS;
  const iceServers = p2p.turn
    ? [...p2p.iceServers, turnIceServer(p2p.turn, `precall-${row.id}`, notAfter, nowMs)]
    : [...p2p.iceServers];
  return {
    iceServers,
    iceTransportPolicy: iceServers.some(isTurn) ? 'relay' : 'all',
    expiresAt: new Date(notAfter * 1000).toISOString(),
  };
}

/** Stores a waiting visitor's check result on their entry and tells the facility's staff. */
export async function savePrecall(
  deps: Pick<Services, 'db' | 'bus'>,
  row: Pick<LobbyEntryRow, 'id' | 'status'>,
  result: PrecallResult,
): Promise<PrecallReport> {
  if (row.status !== 'waiting') throw notWaiting();
  const report: PrecallReport = { ...result, checkedAt: new Date().toISOString() };
  const updated = await deps.db
    .updateTable('lobby_entries')
    .set({ precall: JSON.stringify(report) })
    .where('id', '=', row.id)
    .where('status', '=', 'waiting')
    .returning('id')
    .executeTakeFirst();
  // Let in or gone between the check and this request: nobody decides on it any more.
  if (!updated) throw notWaiting();
  await publishPresence(deps, row.id);
  return report;
}
