// (Browser-side code is passed to evaluate() as strings: this project compiles without DOM types.)
// The waiting room talking both ways, in real browsers against a server on PostgreSQL: an
// administrator edits the facility's canned messages on the dashboard; staff send one with a
// click from the console's queue; the waiting visitor reads it and answers; staff see the answer
// on the visitor's card; a reload keeps the thread. The visitor sees no estimated wait while the
// facility has no history, and a range once admissions are on record (seeded in the database).
// Each of these pages is scanned with axe-core (serious or critical findings fail).
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { createVisit, knock, startCallWorld, type CallWorld } from './support/call-steps.ts';
import { en, t } from './support/strings.ts';
import { expectHeading } from './support/visit-flow.ts';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const databaseName = `openconnect_e2e_${randomBytes(6).toString('hex')}`;
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

async function admin<T>(run: (client: pg.Client) => Promise<T>, url = adminUrl): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const canned = 'Running about 10 minutes late';

describe('a waiting room that talks both ways', () => {
  let world: CallWorld;
  let staff: Page;
  let visitor: Page;
  let visit: { facilityId: string; inviteUrl: string; visitId: string };
  const title = 'Messages and estimate';
  const artifacts = 'waiting-room-messages';

  beforeAll(async () => {
    await admin((c) => c.query(`create database ${databaseName}`));
    // The server keeps its rows here, so the spec can seed a history of admissions.
    world = await startCallWorld('p2p', { DATABASE_URL: databaseUrl });
  }, 60_000);
  afterAll(async () => {
    await world?.close();
    await admin((c) => c.query(`drop database if exists ${databaseName} with (force)`));
  });

  it('lets an administrator keep the facility’s canned messages on the dashboard', async () => {
    staff = await world.newPerson();
    visit = await createVisit(staff, world.server, title);
    const box = staff.getByLabel(t('canned.label', { count: 10 }));
    await box.waitFor();
    await box.fill(`${canned}\nThe nurse is on her way`);
    await staff.getByRole('button', { name: en['canned.save'] }).click();
    await staff.getByText(en['canned.saved']).waitFor();
    await staff.reload();
    expect(await staff.getByLabel(t('canned.label', { count: 10 })).inputValue()).toBe(
      `${canned}\nThe nurse is on her way`,
    );
    expect(await seriousViolations(staff, `${artifacts}/dashboard-canned`)).toEqual([]);
  });

  it('shows no estimated wait without a history of admissions', async () => {
    visitor = await world.newPerson();
    await knock(visitor, visit.inviteUrl, 'Bo Visitor');
    await visitor.getByText(en['lobby.waiting.next']).waitFor();
    // Staff write first: once the thread shows, the lazily loaded part of the page is there.
    await staff.goto(`${world.server.url}/facilities/${visit.facilityId}/console`);
    const entry = staff.getByRole('article', { name: 'Bo Visitor' });
    await entry.getByRole('button', { name: en['console.message'] }).click();
    await entry
      .getByRole('group', { name: t('console.canned.title', { name: 'Bo Visitor' }) })
      .getByRole('button', { name: canned })
      .click();
    await entry.getByText(t('console.message.sent', { name: 'Bo Visitor' })).waitFor();
    await visitor.getByText(canned).waitFor({ timeout: 10_000 });
    expect(await visitor.getByText(/Estimated wait/).count()).toBe(0);
  });

  it('lets the visitor answer, and staff see the answer on the waiting card', async () => {
    await visitor.getByLabel(en['lobby.reply.label']).fill('Thanks, I will wait here.');
    await visitor.getByRole('button', { name: en['lobby.reply.send'] }).click();
    await visitor.getByText('Thanks, I will wait here.').waitFor();
    const entry = staff.getByRole('article', { name: 'Bo Visitor' });
    await entry.getByText(t('console.thread.visitor', { name: 'Bo Visitor' })).waitFor({
      timeout: 10_000,
    });
    await entry.getByText('Thanks, I will wait here.').waitFor();
    expect(await seriousViolations(staff, `${artifacts}/console-thread`)).toEqual([]);

    // The thread is kept: a reload of the visitor's page shows it whole.
    await visitor.reload();
    await expectHeading(visitor, en['lobby.waiting.title']);
    await visitor.getByText(canned).waitFor({ timeout: 10_000 });
    await visitor.getByText('Thanks, I will wait here.').waitFor();
  });

  it('shows an estimated range once the facility has admitted visitors recently', async () => {
    // Five visitors admitted an hour ago after waiting 4, 6, 7, 9 and 12 minutes.
    await admin(async (c) => {
      const invite = await c.query<{ id: string }>('select id from invites where room_id = $1', [
        visit.visitId,
      ]);
      for (const minutes of [4, 6, 7, 9, 12]) {
        const id = randomUUID();
        await c.query(
          `insert into lobby_entries (id, room_id, facility_id, invite_id, display_name, token_hash,
             identity, status, created_at, decided_at, last_seen_at)
           values ($1, $2, (select facility_id from rooms where id = $2), $3, $4, 'seeded', $5, 'admitted',
             now() - interval '1 hour' - make_interval(mins => $6), now() - interval '1 hour', now())`,
          [id, visit.visitId, invite.rows[0]!.id, `Earlier ${minutes}`, `visitor-${id}`, minutes],
        );
      }
    }, databaseUrl);

    // Bo is next in line: the middle half of recent waits, 6 to 9 minutes, rounded out.
    await visitor.reload();
    await visitor
      .getByText(t('lobby.estimate.range', { from: 5, to: 10 }))
      .waitFor({ timeout: 10_000 });
    await visitor.getByText(canned).waitFor();
    // Screenshots of the thread and the estimate come with the scans.
    expect(await seriousViolations(visitor, `${artifacts}/visitor-1280x800`)).toEqual([]);
    await visitor.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(visitor, `${artifacts}/visitor-390x844`)).toEqual([]);

    // Someone knocking now is second in line: twice as long.
    const second = await world.newPerson({ width: 390, height: 844 });
    await knock(second, visit.inviteUrl, 'Cy Visitor');
    await second
      .getByText(t('lobby.estimate.range', { from: 10, to: 20 }))
      .waitFor({ timeout: 10_000 });
  });
});
