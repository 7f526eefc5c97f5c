// The call record the browser sends from the end screen: the call telemetry notes each report
// here as it goes (telemetry.ts), and the end screen takes what was noted, once, and sends it
// with the same credentials as the feedback (feedback-target.ts), with the media path last read
// from the call's stats. Taking empties it, so the next call (a join again) starts from nothing.
import type { CallRecordBody, TelemetryBody } from '@openconnect/contracts';
import type { FeedbackTarget } from './feedback-target.ts';

interface Noted {
  connectMs: number | null;
  firstFrameMs: number | null;
  reconnects: number;
  candidateType: CallRecordBody['candidateType'];
  transport: CallRecordBody['transport'];
}

const empty = (): Noted => ({
  connectMs: null,
  firstFrameMs: null,
  reconnects: 0,
  candidateType: null,
  transport: null,
});
let noted = empty();
let any = false;

/** Notes one telemetry report of the call under way. */
export function noteCallTiming(report: TelemetryBody): void {
  any = true;
  if (report.kind === 'reconnect') noted.reconnects += 1;
  else if (report.valueMs === undefined) return;
  else if (report.kind === 'time_to_connected') noted.connectMs ??= report.valueMs;
  else noted.firstFrameMs ??= report.valueMs;
}

/** The call's media path as last read from its connection's stats (telemetry-media-path.ts). */
export function noteMediaPath(path: Pick<Noted, 'candidateType' | 'transport'>): void {
  any = true;
  noted.candidateType = path.candidateType;
  noted.transport = path.transport;
}

/** What was noted since the last take (undefined when nothing was), and forgets it. */
export function takeCallRecord(dropped: boolean): CallRecordBody | undefined {
  if (!any && !dropped) return undefined;
  const record = { ...noted, dropped };
  noted = empty();
  any = false;
  return record;
}

/** Sends the call record of the call that just ended, if anything was noted; never throws. */
export function sendCallRecord(target: FeedbackTarget, dropped: boolean): void {
  const record = takeCallRecord(dropped);
  if (!record) return;
  fetch(target.base + '/call-record', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...target.headers },
    body: JSON.stringify(record),
    credentials: 'same-origin',
    keepalive: true,
  }).catch(() => undefined);
}
