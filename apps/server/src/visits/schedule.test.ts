import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import {
  assertBookable,
  isWaitingRoomOpen,
  startOfDay,
  waitingRoomOpensAt,
  zoneOffsetMs,
} from './schedule.ts';

const at = (iso: string) => new Date(iso);

describe('the waiting-room window', () => {
  it('opens the set minutes before the start, and is always open without a start', () => {
    const start = at('2026-07-01T14:30:00Z');
    expect(waitingRoomOpensAt(start, 15)).toEqual(at('2026-07-01T14:15:00Z'));
    expect(waitingRoomOpensAt(start, 0)).toEqual(start);
    expect(waitingRoomOpensAt(null, 15)).toBeNull();
    expect(isWaitingRoomOpen(start, 15, at('2026-07-01T14:14:59Z'))).toBe(false);
    expect(isWaitingRoomOpen(start, 15, at('2026-07-01T14:15:00Z'))).toBe(true);
    expect(isWaitingRoomOpen(null, 15, at('2000-01-01T00:00:00Z'))).toBe(true);
  });
});

describe('days in a facility’s time zone', () => {
  it('knows a zone’s offset, daylight saving included', () => {
    expect(zoneOffsetMs('Europe/London', at('2026-01-15T12:00:00Z'))).toBe(0);
    expect(zoneOffsetMs('Europe/London', at('2026-07-15T12:00:00Z'))).toBe(3_600_000);
    expect(zoneOffsetMs('Asia/Kolkata', at('2026-07-15T12:00:00Z'))).toBe(19_800_000);
    expect(zoneOffsetMs('America/New_York', at('2026-07-15T12:00:00Z'))).toBe(-14_400_000);
  });

  it('finds the midnight that begins today and tomorrow there', () => {
    // 22:30 UTC on 1 July is 23:30 on 1 July in London and already 2 July in Auckland (UTC+12).
    const now = at('2026-07-01T22:30:00Z');
    expect(startOfDay('Europe/London', now)).toEqual(at('2026-06-30T23:00:00Z'));
    expect(startOfDay('Europe/London', now, 1)).toEqual(at('2026-07-01T23:00:00Z'));
    expect(startOfDay('Pacific/Auckland', now)).toEqual(at('2026-07-01T12:00:00Z'));
    expect(startOfDay('UTC', now, 2)).toEqual(at('2026-07-03T00:00:00Z'));
  });

  it('gets tomorrow right across a clock change', () => {
    // London moves to summer time at 01:00 UTC on 29 March 2026.
    const saturday = at('2026-03-28T12:00:00Z');
    expect(startOfDay('Europe/London', saturday, 1)).toEqual(at('2026-03-29T00:00:00Z'));
    expect(startOfDay('Europe/London', saturday, 2)).toEqual(at('2026-03-29T23:00:00Z'));
  });
});

describe('booking a start and end', () => {
  const now = at('2026-07-01T12:00:00Z');
  const refusal = (start: string | null, end: string | null) => {
    try {
      assertBookable(start ? at(start) : null, end ? at(end) : null, now);
      return undefined;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { code: error.code, details: error.details };
    }
  };

  it('accepts a visit up to 12 hours long with its end ahead, or none at all', () => {
    expect(refusal('2026-07-01T13:00:00Z', '2026-07-02T01:00:00Z')).toBeUndefined();
    expect(refusal('2026-07-01T11:00:00Z', '2026-07-01T12:30:00Z')).toBeUndefined();
    expect(refusal('2026-07-01T13:00:00Z', null)).toBeUndefined();
    expect(refusal(null, null)).toBeUndefined();
  });

  it('names the field of each refusal', () => {
    const path = (start: string | null, end: string | null) =>
      (refusal(start, end)?.details as { issues: { path: string }[] } | undefined)?.issues[0]?.path;
    expect(path('2026-07-01T13:00:00Z', '2026-07-01T13:00:00Z')).toBe('scheduledEnd');
    expect(path('2026-07-01T13:00:00Z', '2026-07-02T01:00:01Z')).toBe('scheduledEnd');
    expect(path(null, '2026-07-01T13:00:00Z')).toBe('scheduledStart');
    expect(path('2026-07-01T10:00:00Z', '2026-07-01T11:00:00Z')).toBe('scheduledEnd');
    expect(path('2027-08-01T10:00:00Z', null)).toBe('scheduledStart');
    expect(refusal('2026-07-01T10:00:00Z', '2026-07-01T11:00:00Z')?.code).toBe('VALIDATION_FAILED');
  });
});
