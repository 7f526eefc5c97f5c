import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/ApiError.ts';
import { loadMessages } from '../i18n/t.ts';
import { queueErrorMessage } from './queue-errors.ts';

describe('queueErrorMessage', () => {
  beforeAll(() => loadMessages('staff'));

  it('says a call is full with its numbers', () => {
    const full = new ApiError('ROOM_FULL', 'full', {
      status: 409,
      details: { provider: 'p2p', max: 4, present: 4, pending: 0 },
    });
    expect(queueErrorMessage(full)).toBe(
      'The call is full (4 of 4). Let them in once someone has left.',
    );
  });

  it('falls back to the usual sentence for other failures', () => {
    expect(queueErrorMessage(new ApiError('NETWORK_ERROR', 'offline'))).not.toMatch(/full/);
    expect(queueErrorMessage(new ApiError('ROOM_FULL', 'full', { status: 409 }))).not.toMatch(/\(/);
  });
});
