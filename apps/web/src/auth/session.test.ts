import { describe, expect, it } from 'vitest';
import type { StaffMember } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import type { AuthApi } from './authApi.ts';
import { createSession } from './session.ts';

const staff: StaffMember = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'admin@example.test',
  displayName: 'Admin',
  role: 'admin',
  facilityIds: [],
};

function fakeApi(overrides: Partial<AuthApi> = {}): AuthApi & { meCalls: number } {
  const api = {
    meCalls: 0,
    async me() {
      api.meCalls += 1;
      return null;
    },
    signIn: async () => staff,
    signOut: async () => undefined,
    ...overrides,
  };
  return api;
}

describe('session', () => {
  it('asks the server only once who is signed in', async () => {
    const api = fakeApi();
    const session = createSession(api);
    await Promise.all([session.load(), session.load()]);
    await session.load();
    expect(api.meCalls).toBe(1);
    expect(session.store.get()).toEqual({ status: 'signedOut' });
  });

  it('is signed in after a successful sign-in', async () => {
    const session = createSession(fakeApi());
    await session.signIn({ email: staff.email, password: 'correct horse' });
    expect(session.store.get()).toEqual({ status: 'signedIn', staff });
  });

  it('stays signed out when the credentials are refused', async () => {
    const refused = new ApiError('UNAUTHENTICATED', 'no', { status: 401 });
    const session = createSession(
      fakeApi({
        signIn: async () => {
          throw refused;
        },
      }),
    );
    await session.load();
    await expect(session.signIn({ email: staff.email, password: 'wrong' })).rejects.toBe(refused);
    expect(session.store.get()).toEqual({ status: 'signedOut' });
  });

  it('keeps a sign-in that finished before the older "who am I" answer', async () => {
    let answerMe: (value: StaffMember | null) => void = () => undefined;
    const session = createSession(
      fakeApi({ me: () => new Promise((resolve) => (answerMe = resolve)) }),
    );
    const loading = session.load();
    await session.signIn({ email: staff.email, password: 'correct horse' });
    answerMe(null);
    await loading;
    expect(session.store.get().status).toBe('signedIn');
  });

  it('is signed out after signing out or when the session expires', async () => {
    const session = createSession(fakeApi());
    await session.signIn({ email: staff.email, password: 'correct horse' });
    await session.signOut();
    expect(session.store.get().status).toBe('signedOut');
    await session.signIn({ email: staff.email, password: 'correct horse' });
    session.expire();
    expect(session.store.get().status).toBe('signedOut');
  });
});
