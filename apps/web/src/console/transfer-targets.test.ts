import { describe, expect, it } from 'vitest';
import type { LobbyEntry, Visit } from '@openconnect/contracts';
import { transferTargets } from './transfer-targets.ts';

const visit = (id: string, title: string, status: Visit['status']): Visit => ({
  id,
  facilityId: 'f',
  title,
  status,
  provider: 'p2p',
  scheduledStart: null,
  scheduledEnd: null,
  createdBy: 's',
  createdAt: '2026-01-01T10:00:00.000Z',
  endedAt: null,
});

describe('transferTargets', () => {
  it('offers the open visits other than the entry’s own, live ones first, then by title', () => {
    const entry = { visitId: 'own' } as LobbyEntry;
    const targets = transferTargets(entry, [
      visit('own', 'Own', 'live'),
      visit('ended', 'Ended', 'ended'),
      visit('b', 'Bravo', 'scheduled'),
      visit('a', 'Alpha', 'scheduled'),
      visit('z', 'Zulu', 'live'),
    ]);
    expect(targets.map((v) => v.id)).toEqual(['z', 'a', 'b']);
  });
});
