import { errorCodes } from '@openconnect/contracts';
import { describe, expect, it } from 'vitest';
import { httpStatusFor } from './http-status.ts';

describe('httpStatusFor', () => {
  it('answers client mistakes with 4xx and only server faults with 5xx', () => {
    const serverSide = new Set(['INTERNAL', 'PROVIDER_UNAVAILABLE', 'RECORDING_FAILED', 'TIMEOUT']);
    for (const code of errorCodes) {
      const status = httpStatusFor(code);
      if (serverSide.has(code)) expect(status, code).toBeGreaterThanOrEqual(500);
      else expect(status, code).toBeLessThan(500);
    }
  });

  it('maps the codes clients branch on to their conventional statuses', () => {
    expect(httpStatusFor('UNAUTHENTICATED')).toBe(401);
    expect(httpStatusFor('FORBIDDEN')).toBe(403);
    expect(httpStatusFor('ROOM_FULL')).toBe(409);
    expect(httpStatusFor('GONE')).toBe(410);
    expect(httpStatusFor('RATE_LIMITED')).toBe(429);
  });
});
