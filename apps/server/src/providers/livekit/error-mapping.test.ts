import { TwirpError } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../provider-error.ts';
import { mapLiveKitError } from './error-mapping.ts';

const twirp = (status: number, code: string | undefined, message = 'boom') =>
  new TwirpError('Error', message, status, code);

describe('mapLiveKitError', () => {
  const rows: [string, unknown, string, ProviderError['code'], boolean][] = [
    [
      'room not_found',
      twirp(404, 'not_found', 'requested room does not exist'),
      'closeRoom',
      'ROOM_NOT_FOUND',
      false,
    ],
    [
      'participant not_found',
      twirp(404, 'not_found', 'participant not found'),
      'removeParticipant',
      'PARTICIPANT_NOT_FOUND',
      false,
    ],
    [
      'not_found on removeParticipant',
      twirp(404, 'not_found', 'requested room does not exist'),
      'removeParticipant',
      'PARTICIPANT_NOT_FOUND',
      false,
    ],
    ['unauthenticated', twirp(401, 'unauthenticated'), 'createRoom', 'PERMISSION_DENIED', false],
    [
      'permission_denied',
      twirp(403, 'permission_denied'),
      'createRoom',
      'PERMISSION_DENIED',
      false,
    ],
    ['invalid_argument', twirp(400, 'invalid_argument'), 'createRoom', 'INVALID_ARGUMENT', false],
    ['malformed', twirp(400, 'malformed'), 'createRoom', 'INVALID_ARGUMENT', false],
    ['already_exists', twirp(409, 'already_exists'), 'createRoom', 'INVALID_ARGUMENT', false],
    ['resource_exhausted', twirp(429, 'resource_exhausted'), 'createRoom', 'RATE_LIMITED', true],
    ['deadline_exceeded', twirp(408, 'deadline_exceeded'), 'listParticipants', 'TIMEOUT', true],
    ['unavailable', twirp(503, 'unavailable'), 'createRoom', 'PROVIDER_UNAVAILABLE', true],
    ['internal', twirp(500, 'internal'), 'createRoom', 'PROVIDER_UNAVAILABLE', true],
    ['unimplemented', twirp(501, 'unimplemented'), 'createRoom', 'PROVIDER_UNAVAILABLE', true],
    ['a bare 502 from a proxy', twirp(502, undefined), 'createRoom', 'PROVIDER_UNAVAILABLE', true],
    ['a bare 504 from a proxy', twirp(504, undefined), 'createRoom', 'TIMEOUT', true],
    ['a bare 429', twirp(429, undefined), 'createRoom', 'RATE_LIMITED', true],
    ['a bare 403', twirp(403, undefined), 'createRoom', 'PERMISSION_DENIED', false],
    [
      'a refused connection',
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
      'createRoom',
      'PROVIDER_UNAVAILABLE',
      true,
    ],
    [
      'an abort timeout',
      Object.assign(new Error('The operation was aborted due to timeout'), {
        name: 'TimeoutError',
      }),
      'createRoom',
      'TIMEOUT',
      true,
    ],
    ['something else entirely', 'a string', 'createRoom', 'PROVIDER_UNAVAILABLE', true],
  ];

  it.each(rows)('maps %s to our code', (_name, error, operation, code, retryable) => {
    const mapped = mapLiveKitError(error, operation);
    expect(mapped).toBeInstanceOf(ProviderError);
    expect(mapped.code).toBe(code);
    expect(mapped.retryable).toBe(retryable);
    expect(mapped.provider).toBe('livekit');
    expect(mapped.cause).toBe(error);
  });

  it('passes ProviderErrors through unchanged', () => {
    const original = new ProviderError('ROOM_FULL', 'full', { provider: 'livekit' });
    expect(mapLiveKitError(original, 'joinRoom')).toBe(original);
  });
});
