// Removal that keeps its word: someone removed from a visit cannot knock again with the link they
// came through when it was theirs alone, nor with a shared link staff chose to withdraw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, Invite, LobbyTicket, VisitParticipant } from '@openconnect/contracts';
import { createApiHarness, type ApiHarness } from '../support/api.ts';
import { backends } from '../support/databases.ts';

const [pglite] = await backends();

describe('removal and the link someone came through', () => {
  let h: ApiHarness;
  let admin: string;

  beforeAll(async () => {
    h = await createApiHarness(pglite!);
    admin = await h.signIn();
  });
  afterAll(() => h.close());

  async function visitWithLink(kind?: 'personal' | 'shared') {
    const visit = await h.createVisit(admin, `Visit ${kind ?? 'default'}`);
    const res = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visit.id}/invites`,
      cookie: admin,
      payload: kind ? { kind } : {},
    });
    expect(res.statusCode, res.body).toBe(201);
    return { visitId: visit.id, invite: res.json<Invite>() };
  }

  const knockRaw = (code: string, displayName: string) =>
    h.request({ method: 'POST', url: `/api/v1/invites/${code}/lobby`, payload: { displayName } });

  /** Knocks, is admitted and fetches credentials: a participant of the visit. */
  async function admitted(visitId: string, code: string, displayName: string) {
    const ticket = await h.knock(code, displayName);
    const admit = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/admit`,
      cookie: admin,
      payload: {},
    });
    expect(admit.statusCode, admit.body).toBe(200);
    const join = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/join`,
      headers: { authorization: `Bearer ${ticket.visitorToken}` },
      payload: {},
    });
    expect(join.statusCode, join.body).toBe(200);
    const participant = (await h.participants(admin, visitId)).find(
      (p) => p.identity === `visitor-${ticket.entryId}`,
    );
    if (!participant) throw new Error('the admitted visitor is not a participant');
    return { ticket, participant };
  }

  const remove = (visitId: string, participant: VisitParticipant, body: object = {}) =>
    h.request({
      method: 'POST',
      url: `/api/v1/visits/${visitId}/participants/${participant.id}/remove`,
      cookie: admin,
      payload: body,
    });

  async function audit(action: string, targetId: string) {
    const res = await h.request({
      method: 'GET',
      url: `/api/v1/audit?facilityId=${h.demoFacilityId}&limit=500`,
      cookie: admin,
    });
    return res.json<AuditEvent[]>().find((e) => e.action === action && e.targetId === targetId);
  }

  it('makes links shared unless staff ask for a personal one', async () => {
    expect((await visitWithLink()).invite.kind).toBe('shared');
    expect((await visitWithLink('personal')).invite.kind).toBe('personal');
  });

  it('admits one active request at a time through a personal link', async () => {
    const { invite } = await visitWithLink('personal');
    const first: LobbyTicket = await h.knock(invite.code, 'Grandson');
    const second = await knockRaw(invite.code, 'Someone else');
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/for one person/);
    await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${first.entryId}/cancel`,
      headers: { authorization: `Bearer ${first.visitorToken}` },
      payload: {},
    });
    expect((await knockRaw(invite.code, 'Grandson again')).statusCode).toBe(201);
  });

  it('withdraws a personal link with its person: a fresh browser cannot knock with it', async () => {
    const { visitId, invite } = await visitWithLink('personal');
    const { participant } = await admitted(visitId, invite.code, 'Nephew');
    expect(participant.inviteKind).toBe('personal');

    const removed = await remove(visitId, participant);
    expect(removed.statusCode, removed.body).toBe(204);

    const again = await knockRaw(invite.code, 'Nephew');
    expect(again.statusCode).toBe(410);
    expect(again.json().error.message).toMatch(/for one person, who was removed from the visit/);
    const landing = await h.request({ method: 'GET', url: `/api/v1/invites/${invite.code}` });
    expect(landing.statusCode).toBe(410);

    expect((await audit('participant.remove', participant.identity))?.details).toMatchObject({
      inviteId: invite.id,
      inviteKind: 'personal',
      linkWithdrawn: true,
    });
    expect((await audit('invite.revoke', invite.id))?.details).toMatchObject({
      reason: 'holder_removed',
    });
  });

  it('keeps a shared link working after a removal unless staff withdraw it for everyone', async () => {
    const { visitId, invite } = await visitWithLink('shared');
    const first = await admitted(visitId, invite.code, 'Cousin');
    expect(first.participant.inviteKind).toBe('shared');
    expect((await remove(visitId, first.participant)).statusCode).toBe(204);
    expect((await audit('participant.remove', first.participant.identity))?.details).toMatchObject({
      inviteKind: 'shared',
      linkWithdrawn: false,
    });

    // The rest of the family still gets in with the same link…
    const second = await admitted(visitId, invite.code, 'Aunt');
    // …until staff remove someone and withdraw the link with them.
    const withdrawn = await remove(visitId, second.participant, { withdrawLink: true });
    expect(withdrawn.statusCode, withdrawn.body).toBe(204);

    const again = await knockRaw(invite.code, 'Cousin');
    expect(again.statusCode).toBe(410);
    expect(again.json().error.message).toMatch(
      /withdrawn when someone who used it was removed from the visit/,
    );
    expect((await audit('participant.remove', second.participant.identity))?.details).toMatchObject(
      { inviteKind: 'shared', linkWithdrawn: true },
    );
    expect((await audit('invite.revoke', invite.id))?.details).toMatchObject({
      reason: 'withdrawn_on_removal',
    });
  });

  it('still tells someone with a link staff withdrew by hand that it was withdrawn', async () => {
    const { invite } = await visitWithLink('shared');
    await h.request({
      method: 'POST',
      url: `/api/v1/invites/${invite.id}/revoke`,
      cookie: admin,
      payload: {},
    });
    const res = await knockRaw(invite.code, 'Late');
    expect(res.statusCode).toBe(410);
    expect(res.json().error.message).toMatch(/This invite link was withdrawn/);
  });
});
