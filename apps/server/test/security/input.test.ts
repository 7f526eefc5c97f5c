// Input checked at the edge: control characters in any text field, unreadable or reordering
// display names, and unfit webhook ids are refused with 400 VALIDATION_FAILED — never a 500 from
// the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../support/api.ts';
import { backends } from '../support/databases.ts';
import { LIVEKIT_ENV, postSigned, roomStarted } from './livekit-webhooks.ts';

const list = await backends();

describe.each(list)('input checked at the edge on $name', (backend) => {
  let h: ApiHarness;
  let admin: string;
  let code: string;
  let entryId: string;

  beforeAll(async () => {
    h = await createApiHarness(backend, LIVEKIT_ENV);
    admin = await h.signIn();
    ({ code } = await h.visitWithInvite(admin, 'Visit for input checks'));
    ({ entryId } = await h.knock(code, 'Ada'));
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
  ];

  it.each(['a\u0000b', 'a\u0007b', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'a\u009bb'])(
    'refuses the control character in %j in every text field with 400',
    async (text) => {
      for (const field of fields()) {
        const res = await h.request({
          method: 'POST',
          url: field.url,
          cookie: field.staff ? admin : undefined,
          payload: field.body(text),
        });
        expect.soft(res.statusCode, `${field.name}: ${res.body}`).toBe(400);
        expect.soft(res.json().error.code, field.name).toBe('VALIDATION_FAILED');
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
    expect(message.statusCode, message.body).toBe(204);
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

  it('refuses a signed webhook whose event id could not be stored, and applies a sane one', async () => {
    refused(await postSigned(h, roomStarted('EV_a\u0000b')));
    refused(await postSigned(h, roomStarted('x'.repeat(500))));
    const ok = await postSigned(h, roomStarted('EV_input_ok'));
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
