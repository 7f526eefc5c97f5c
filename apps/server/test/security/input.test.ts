// Input checked at the edge: control characters in any text field, unreadable or reordering
// display names, and unfit webhook ids are refused with 400 VALIDATION_FAILED — never a 500 from
// the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { P2PPeerMessage } from '@openconnect/contracts';
import { createApiHarness, type ApiHarness } from '../support/api.ts';
import { backends } from '../support/databases.ts';
import { LIVEKIT_ENV, postSigned, roomStarted } from './livekit-webhooks.ts';

const list = await backends();

describe.each(list)('input checked at the edge on $name', (backend) => {
  let h: ApiHarness;
  let admin: string;
  let code: string;
  let visitId: string;
  let entryId: string;
  let visitorToken: string;
  let inviteId: string;

  beforeAll(async () => {
    h = await createApiHarness(backend, LIVEKIT_ENV);
    admin = await h.signIn();
    ({ code, visitId } = await h.visitWithInvite(admin, 'Visit for input checks'));
    ({ entryId, visitorToken } = await h.knock(code, 'Ada'));
    const invites = await h.request({
      method: 'GET',
      url: `/api/v1/visits/${visitId}/invites`,
      cookie: admin,
    });
    inviteId = invites.json<{ id: string }[]>()[0]!.id;
  }, 180_000);
  afterAll(() => h.close(), 180_000);

  const refused = (res: { statusCode: number; body: string }) => {
    expect(res.statusCode, res.body).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('VALIDATION_FAILED');
  };

  const fields = () => [
    {
      name: 'a display name (knock)',
      url: `/api/v1/invites/${code}/lobby`,
      body: (text: string) => ({ displayName: text }),
      staff: false,
    },
    {
      name: 'a visit title',
      url: '/api/v1/visits',
      body: (text: string) => ({ facilityId: h.demoFacilityId, title: text }),
      staff: true,
    },
    {
      name: 'a facility name',
      url: '/api/v1/facilities',
      body: (text: string) => ({ name: text }),
      staff: true,
    },
    {
      name: 'a facility timezone',
      url: '/api/v1/facilities',
      body: (text: string) => ({ name: 'Elm House', timezone: text }),
      staff: true,
    },
    {
      name: 'a staff name',
      url: '/api/v1/staff',
      body: (text: string) => ({
        email: 'new.staff@example.test',
        displayName: text,
        password: 'another-long-password',
        role: 'staff',
        facilityIds: [h.demoFacilityId],
      }),
      staff: true,
    },
    {
      name: 'a deny reason',
      url: `/api/v1/lobby/${entryId}/deny`,
      body: (text: string) => ({ reason: text }),
      staff: true,
    },
    {
      name: 'a message to a visitor',
      url: `/api/v1/lobby/${entryId}/message`,
      body: (text: string) => ({ text }),
      staff: true,
    },
    {
      name: 'a sign-in email',
      url: '/api/v1/auth/sign-in',
      body: (text: string) => ({ email: `ad${text}@example.test`, password: 'whatever-it-is' }),
      staff: false,
    },
    {
      name: 'a staff email',
      url: '/api/v1/staff',
      body: (text: string) => ({
        email: `new${text}@example.test`,
        displayName: 'New Staff',
        password: 'another-long-password',
        role: 'staff',
        facilityIds: [h.demoFacilityId],
      }),
      staff: true,
    },
    {
      name: 'a visit start time',
      url: '/api/v1/visits',
      body: (text: string) => ({
        facilityId: h.demoFacilityId,
        title: 'Timed',
        scheduledStart: `2030-01-01T10:00:00${text}Z`,
      }),
      staff: true,
    },
    {
      name: 'an invite kind',
      url: `/api/v1/visits/${visitId}/invites`,
      body: (text: string) => ({ kind: `shared${text}` }),
      staff: true,
    },
    {
      name: 'an address to send an invite to',
      url: `/api/v1/invites/${inviteId}/send`,
      body: (text: string) => ({ channel: 'email', to: `ann${text}@example.test` }),
      staff: true,
    },
    {
      name: 'a visitor’s comment on their call',
      url: `/api/v1/lobby/${entryId}/feedback`,
      body: (text: string) => ({ rating: 4, comment: text }),
      staff: false,
      visitor: true,
    },
    {
      name: 'a call-quality report',
      url: '/api/v1/telemetry',
      body: (text: string) => ({ provider: `p2p${text}`, kind: 'reconnect' }),
      staff: true,
    },
  ];

  /** Routes whose path or query string carries text: refused before any lookup, never a 500. */
  const addresses = (text: string) => {
    const t = encodeURIComponent(text);
    return [
      { url: `/api/v1/invites/${code.slice(0, 10)}${t}${code.slice(10)}`, staff: false },
      { url: `/api/v1/invites/${code.slice(0, 10)}${t}${code.slice(10)}/lobby`, staff: false },
      { url: `/api/v1/lobby/${entryId.slice(0, 8)}${t}`, staff: false },
      { url: `/api/v1/visits?facilityId=${h.demoFacilityId}${t}`, staff: true },
      { url: `/api/v1/visits?facilityId=${h.demoFacilityId}&status=live${t}`, staff: true },
      { url: `/api/v1/audit?before=2030-01-01T00:00:00${t}Z`, staff: true },
      { url: `/api/v1/visits/${visitId.slice(0, 8)}${t}/participants`, staff: true },
    ];
  };

  it.each(['a\u0000b', 'a\u0007b', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'a\u009bb'])(
    'refuses the control character in %j in every text field with 400',
    async (text) => {
      for (const field of fields()) {
        const res = await h.request({
          method: 'POST',
          url: field.url,
          cookie: field.staff ? admin : undefined,
          ...('visitor' in field ? { headers: { authorization: `Bearer ${visitorToken}` } } : {}),
          payload: field.body(text),
        });
        expect.soft(res.statusCode, `${field.name}: ${res.body}`).toBe(400);
        expect.soft(res.json().error.code, field.name).toBe('VALIDATION_FAILED');
      }
    },
  );

  it.each(['a\u0000b', 'a\u001bb', 'a\u009bb', 'a\u202eb'])(
    'refuses %j in paths and query strings with a 4xx, never a 5xx',
    async (text) => {
      for (const address of addresses(text)) {
        const res = await h.request({
          method: address.url.endsWith('/lobby') ? 'POST' : 'GET',
          url: address.url,
          cookie: address.staff ? admin : undefined,
          ...(address.url.endsWith('/lobby') ? { payload: { displayName: 'Ada' } } : {}),
        });
        expect.soft(res.statusCode, `${address.url}: ${res.body}`).toBeGreaterThanOrEqual(400);
        expect.soft(res.statusCode, `${address.url}: ${res.body}`).toBeLessThan(500);
      }
    },
  );

  it('keeps tab and newline in messages but not in one-line fields', async () => {
    const message = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${entryId}/message`,
      cookie: admin,
      payload: { text: 'Nearly ready.\nOne\tmoment.' },
    });
    expect(message.statusCode, message.body).toBe(201);
    refused(
      await h.request({
        method: 'POST',
        url: '/api/v1/visits',
        cookie: admin,
        payload: { facilityId: h.demoFacilityId, title: 'Two\nlines' },
      }),
    );
  });

  it.each([
    ['a right-to-left override', 'Ada\u202egnp.exe'],
    ['a left-to-right isolate', '\u2066Ada\u2069'],
    ['only zero-width characters', '\u200b\u200c\u200d\u2060\ufeff'],
    ['only combining marks', '\u0301\u0301'],
  ])('refuses a display name with %s', async (_what, displayName) => {
    refused(
      await h.request({
        method: 'POST',
        url: `/api/v1/invites/${code}/lobby`,
        payload: { displayName },
      }),
    );
    refused(
      await h.request({
        method: 'POST',
        url: '/api/v1/staff',
        cookie: admin,
        payload: {
          email: 'someone@example.test',
          displayName,
          password: 'another-long-password',
          role: 'staff',
          facilityIds: [h.demoFacilityId],
        },
      }),
    );
  });

  it('still welcomes names in any script, with accents and emoji', async () => {
    for (const displayName of ['Zoë', 'محمد', '李小龍', 'José 👋']) {
      const res = await h.request({
        method: 'POST',
        url: `/api/v1/invites/${code}/lobby`,
        payload: { displayName },
      });
      expect(res.statusCode, `${displayName}: ${res.body}`).toBe(201);
    }
  });

  it('drops chat between p2p peers that holds control characters, as the API would', () => {
    const chat = (text: string) => P2PPeerMessage.safeParse({ type: 'chat', text }).success;
    expect(['a\u0000b', 'a\u001bb', 'a\u0085b'].map(chat)).toEqual([false, false, false]);
    expect(chat('See you soon.\n\tLove, Ada')).toBe(true);
  });

  it('refuses a signed webhook whose event id could not be stored, and applies a sane one', async () => {
    refused(await postSigned(h, roomStarted('EV_a\u0000b')));
    refused(await postSigned(h, roomStarted('x'.repeat(500))));
    const ok = await postSigned(h, roomStarted('EV_input_ok'));
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
