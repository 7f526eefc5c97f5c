// Sign-in throttling that slows a guesser without locking the owner out: failures count per
// account and address, a success resets, and waits grow instead of a hard lock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREE_FAILURES } from '../../src/auth/sign-in-throttle.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createApiHarness, type ApiHarness } from '../support/api.ts';
import { backends } from '../support/databases.ts';

const [pglite] = await backends();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sign-in throttling', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await createApiHarness(pglite!);
  });
  afterAll(() => h.close());

  const signIn = (password: string, remoteAddress: string) =>
    h.request({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: ADMIN_EMAIL, password },
      remoteAddress,
    });

  it('signs the owner in from their address however much someone elsewhere guessed', async () => {
    for (let i = 0; i < 30; i += 1) {
      const res = await signIn(`guess ${i}`, '203.0.113.7');
      expect([401, 429]).toContain(res.statusCode);
    }
    expect((await signIn('one more guess', '203.0.113.7')).statusCode).toBe(429);
    const owner = await signIn(ADMIN_PASSWORD, '198.51.100.1');
    expect(owner.statusCode, owner.body).toBe(200);
  });

  it('makes one address wait longer after each failure past the free ones, and forgets on success', async () => {
    const address = '192.0.2.44';
    for (let i = 0; i < FREE_FAILURES - 1; i += 1) {
      expect((await signIn('wrong', address)).statusCode).toBe(401);
    }
    expect((await signIn('wrong', address)).statusCode).toBe(401);
    const first = await signIn(ADMIN_PASSWORD, address);
    expect(first.statusCode).toBe(429);
    expect(first.headers['retry-after']).toBe('1');
    expect(first.json().error.message).toMatch(/try again in 1 seconds/);

    await sleep(1_100);
    expect((await signIn('wrong', address)).statusCode).toBe(401);
    const second = await signIn(ADMIN_PASSWORD, address);
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe('2');

    await sleep(2_100);
    expect((await signIn(ADMIN_PASSWORD, address)).statusCode).toBe(200);
    // The success cleared the count: the free failures are free again.
    for (let i = 0; i < FREE_FAILURES; i += 1) {
      expect((await signIn('wrong', address)).statusCode).toBe(401);
    }
  });
});
