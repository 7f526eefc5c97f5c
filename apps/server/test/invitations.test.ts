// Sending an invite link to a person: by email through a real SMTP server (a local sink started
// here), or, without SMTP_URL, only logged — never the link itself in the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, Invite, NotifyChannels, SendInviteResult } from '@openconnect/contracts';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';
import { mailText, startMailSink, type MailSink } from './support/mail-sink.ts';

const [pglite] = await backends();

describe('invitations by email', () => {
  let sink: MailSink;
  let h: ApiHarness;
  let admin: string;

  beforeAll(async () => {
    sink = await startMailSink();
    h = await createApiHarness(pglite!, {
      SMTP_URL: sink.url,
      MAIL_FROM: 'Sunny Care <visits@sunny.example>',
    });
    admin = await h.signIn();
  });
  afterAll(async () => {
    await h.close();
    await sink.close();
  });

  async function invite(kind: 'personal' | 'shared' = 'personal') {
    const visit = await h.createVisit(admin, 'Tea with Grandma Rose');
    const res = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visit.id}/invites`,
      cookie: admin,
      payload: { kind },
    });
    return { visitId: visit.id, invite: res.json<Invite>() };
  }

  const send = (inviteId: string, payload: object, cookie = admin) =>
    h.request({ method: 'POST', url: `/api/v1/invites/${inviteId}/send`, cookie, payload });

  it('says email is delivered and text messages are not set up', async () => {
    const res = await h.request({ method: 'GET', url: '/api/v1/notify/channels', cookie: admin });
    expect(res.json<NotifyChannels>()).toEqual({ email: 'deliver', sms: 'none' });
  });

  it('delivers the link to the person, says what happens next, and audits it masked', async () => {
    const { invite: link } = await invite();
    const res = await send(link.id, { channel: 'email', to: 'rose.family@example.org' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<SendInviteResult>()).toEqual({
      channel: 'email',
      to: 'ro***@example.org',
      outcome: 'sent',
    });
    const mail = sink.received.at(-1)!;
    expect(mail.to).toEqual(['rose.family@example.org']);
    expect(mail.from).toBe('visits@sunny.example');
    expect(mail.raw).toMatch(/^Subject: Video visit: Tea with Grandma Rose\r?$/m);
    const body = mailText(mail.raw);
    expect(body).toContain(link.url);
    expect(body).toContain('You will wait in a waiting room until staff let you in.');
    const audit = await h.request({
      method: 'GET',
      url: `/api/v1/audit?facilityId=${h.demoFacilityId}&limit=50`,
      cookie: admin,
    });
    const entry = audit.json<AuditEvent[]>().find((e) => e.action === 'invite.send');
    expect(entry?.targetId).toBe(link.id);
    expect(JSON.stringify(entry)).not.toContain('rose.family');
  });

  it('refuses bad addresses, withdrawn links, other facilities and text messages clearly', async () => {
    const { invite: link } = await invite();
    const bad = await send(link.id, { channel: 'email', to: 'not an address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    const sms = await send(link.id, { channel: 'sms', to: '+447700900123' });
    expect(sms.statusCode).toBe(409);
    expect(sms.json<{ error: { message: string } }>().error.message).toMatch(/not set up/);
    expect((await send(link.id, { channel: 'sms', to: '07700 900123' })).statusCode).toBe(400);

    await h.request({ method: 'POST', url: `/api/v1/invites/${link.id}/revoke`, cookie: admin });
    const gone = await send(link.id, { channel: 'email', to: 'a@example.org' });
    expect(gone.statusCode).toBe(410);

    const other = await h.request({
      method: 'POST',
      url: '/api/v1/facilities',
      cookie: admin,
      payload: { name: 'Elsewhere' },
    });
    await h.request({
      method: 'POST',
      url: '/api/v1/staff',
      cookie: admin,
      payload: {
        email: 'elsewhere@example.test',
        displayName: 'Elsewhere admin',
        password: 'a-long-staff-password',
        role: 'admin',
        facilityIds: [other.json<{ id: string }>().id],
      },
    });
    const outsider = await h.signIn('elsewhere@example.test', 'a-long-staff-password');
    const { invite: mine } = await invite();
    expect(
      (await send(mine.id, { channel: 'email', to: 'a@example.org' }, outsider)).statusCode,
    ).toBe(404);
    expect((await send(mine.id, { channel: 'email', to: 'a@example.org' }, '')).statusCode).toBe(
      401,
    );
  });

  it('says so when the mail server refuses, and sends nothing twice', async () => {
    const { invite: link } = await invite();
    const before = sink.received.length;
    sink.refuse(true);
    const res = await send(link.id, { channel: 'email', to: 'rose@example.org' });
    sink.refuse(false);
    expect(res.statusCode).toBe(503);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/copy the link/);
    expect(sink.received.length).toBe(before);
  });
});

describe('invitations without a mail server', () => {
  let h: ApiHarness;
  let admin: string;
  const lines: string[] = [];

  beforeAll(async () => {
    h = await createApiHarness(pglite!, { LOG_LEVEL: 'info' }, undefined, {
      write: (line) => void lines.push(line),
    });
    admin = await h.signIn();
  });
  afterAll(() => h.close());

  it('only logs that it did not send, without the link or the address', async () => {
    const channels = await h.request({
      method: 'GET',
      url: '/api/v1/notify/channels',
      cookie: admin,
    });
    expect(channels.json<NotifyChannels>().email).toBe('log');
    const visit = await h.createVisit(admin, 'Logged visit');
    const link = (
      await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visit.id}/invites`,
        cookie: admin,
        payload: {},
      })
    ).json<Invite>();
    const res = await h.request({
      method: 'POST',
      url: `/api/v1/invites/${link.id}/send`,
      cookie: admin,
      payload: { channel: 'email', to: 'rose.family@example.org' },
    });
    expect(res.json<SendInviteResult>().outcome).toBe('logged');
    const log = lines.join('');
    expect(log).toContain('invitation not sent');
    expect(log).toContain('ro***@example.org');
    expect(log).not.toContain(link.code);
    expect(log).not.toContain('rose.family');
  });
});
