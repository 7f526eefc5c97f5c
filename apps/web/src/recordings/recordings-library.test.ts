import { beforeAll, describe, expect, it } from 'vitest';
import type { Recording, RecordingSummary } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import { loadMessages } from '../i18n/t.ts';
import { PAGE, type RecordingsApi } from './recordings-api.ts';
import { createRecordingsLibrary } from './recordings-library.ts';
import { fileSentence, formatDuration, formatSize } from './recording-words.ts';

beforeAll(() => loadMessages('staff'));

function summary(i: number, overrides: Partial<RecordingSummary> = {}): RecordingSummary {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    visitId: '00000000-0000-4000-8000-000000000999',
    status: 'ended',
    startedBy: '00000000-0000-4000-8000-000000000777',
    consentNotice: 'Staff confirmed that everyone present was told.',
    error: null,
    location: '/srv/recordings/visit.webm',
    startedAt: new Date(Date.UTC(2030, 0, 1, 12, 0) - i * 60_000).toISOString(),
    endedAt: new Date(Date.UTC(2030, 0, 1, 12, 5) - i * 60_000).toISOString(),
    deletedAt: null,
    deletedReason: null,
    visitTitle: `Visit ${i}`,
    startedByName: 'Nurse Ann',
    durationSeconds: 300,
    sizeBytes: 1_234_567,
    file: 'available',
    mediaType: 'video/webm',
    ...overrides,
  };
}

function fakeApi(pages: RecordingSummary[][]) {
  const calls: string[] = [];
  const api: RecordingsApi = {
    async list(facilityId, before) {
      calls.push(`list ${facilityId} ${before ?? '-'}`);
      return pages.shift() ?? [];
    },
    async remove(id) {
      calls.push(`remove ${id}`);
      const deleted: Recording = {
        ...summary(0),
        id,
        deletedAt: '2030-01-02T00:00:00.000Z',
        deletedReason: 'staff',
      };
      return deleted;
    },
  };
  return { api, calls };
}

describe('the recordings library', () => {
  it('loads a page and asks for older ones from the last start time', async () => {
    const first = Array.from({ length: PAGE }, (_, i) => summary(i));
    const { api, calls } = fakeApi([first, [summary(PAGE)]]);
    const library = createRecordingsLibrary('f1', api);
    await library.load();
    expect(library.store.get()).toMatchObject({ status: 'ready', hasMore: true });
    await library.more();
    expect(calls).toEqual(['list f1 -', `list f1 ${first.at(-1)!.startedAt}`]);
    expect(library.store.get().items).toHaveLength(PAGE + 1);
    expect(library.store.get().hasMore).toBe(false);
  });

  it('deletes only after confirming, then says so and stops playing it', async () => {
    const { api, calls } = fakeApi([[summary(1), summary(2)]]);
    const library = createRecordingsLibrary('f1', api);
    await library.load();
    const target = summary(1).id;
    library.play(target);
    await library.confirmDelete();
    expect(calls).toEqual(['list f1 -']);
    library.askDelete(target);
    await library.confirmDelete();
    const state = library.store.get();
    expect(calls.at(-1)).toBe(`remove ${target}`);
    expect(state.items[0]).toMatchObject({
      file: 'deleted',
      deletedReason: 'staff',
      sizeBytes: null,
    });
    expect(state.items[1]!.file).toBe('available');
    expect(state.playing).toBeUndefined();
    expect(state.confirming).toBeUndefined();
    expect(state.announcement).toBe('The recording of “Visit 1” was deleted.');
  });

  it('sends staff to sign in when the session is gone', async () => {
    const api: RecordingsApi = {
      list: () => Promise.reject(new ApiError('UNAUTHENTICATED', 'Sign in.', { status: 401 })),
      remove: () => Promise.reject(new Error('unused')),
    };
    const library = createRecordingsLibrary('f1', api);
    let lost = 0;
    library.onUnauthenticated(() => (lost += 1));
    await library.load();
    expect(lost).toBe(1);
    expect(library.store.get().status).toBe('failed');
  });
});

describe('recording words', () => {
  it('writes lengths and sizes as people read them', () => {
    expect(formatDuration(95)).toBe('1 min 35 s');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatSize(999, 'en')).toBe('999 byte');
    expect(formatSize(1_234_567, 'en')).toBe('1.2 MB');
    expect(formatSize(45_600_000, 'en')).toBe('46 MB');
  });

  it('says why a recording cannot be played', () => {
    expect(fileSentence(summary(1))).toBeUndefined();
    expect(fileSentence(summary(1, { status: 'active', file: 'pending' }))).toBe('Recording now');
    expect(fileSentence(summary(1, { file: 'elsewhere', location: 's3://b/v.mp4' }))).toBe(
      'Kept by the video service at s3://b/v.mp4.',
    );
    expect(
      fileSentence(
        summary(1, {
          file: 'deleted',
          deletedReason: 'retention',
          deletedAt: '2030-01-02T00:00:00.000Z',
        }),
      ),
    ).toMatch(/^Deleted .+, at the end of the retention period\.$/);
  });
});
