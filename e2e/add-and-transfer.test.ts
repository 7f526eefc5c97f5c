// (Browser-side code is passed to evaluate() as strings: this project compiles without DOM types.)
// Adding someone to a call and moving a waiting visitor, in real browsers: mid-call, staff add an
// interpreter from the call's side panel on p2p (let in on arrival) and on LiveKit (waits, then
// let in from the panel); the interpreter joins and is labelled on the tiles and in the queue.
// Then a waiting visitor is moved from the console to another visit: their page follows without
// knocking again, says where they now wait, and they are let in to the new visit's call.
import type { ProviderName } from '@openconnect/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/artifacts.ts';
import { seriousViolations } from './support/axe.ts';
import {
  createVisit,
  joinAsHost,
  knock,
  REMOTE_CAMERA,
  startCallWorld,
  type CallWorld,
} from './support/call-steps.ts';
import { en, t } from './support/strings.ts';
import { expectHeading, expectVideoPlaying } from './support/visit-flow.ts';

/** Screenshots for review, at the two sizes every page is checked at. */
const SHOTS = '/tmp/transfer-shots';

async function shootBothSizes(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}-1280x800.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390x844.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, `add-and-transfer/${name}`);
}

/** Opens the invite and asks to join, without waiting for any particular next page. */
async function askToJoin(page: Page, inviteUrl: string, name: string): Promise<void> {
  await page.goto(inviteUrl);
  await page.getByRole('button', { name: en['landing.getReady'] }).click();
  await expectHeading(page, en['lobby.title']);
  await page.getByLabel(en['lobby.name']).fill(name);
  await page.getByRole('button', { name: en['lobby.ask'] }).click();
}

const INTERPRETER_TILE = '.tile[data-kind="camera"][data-identity^="interpreter-"]';

describe.each<[ProviderName, boolean]>([
  ['p2p', true],
  ['p2p', false],
  ['livekit', false],
])('adding an interpreter mid-call on %s (let in on arrival: %s)', (provider, onArrival) => {
  let world: CallWorld;
  let host: Page;
  let interpreter: Page;
  let inviteUrl: string;
  const variant = onArrival ? 'on-arrival' : 'waits';
  const title = `Clinic with an interpreter (${provider}, ${variant})`;

  beforeAll(async () => {
    world = await startCallWorld(provider);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('creates a role link from the call’s side panel, saying how full the call is', async () => {
    host = await world.newPerson();
    const visit = await createVisit(host, world.server, title);
    await joinAsHost(host, world.server, visit.facilityId, title, provider);
    await host
      .getByRole('toolbar', { name: en['room.controls'] })
      .getByRole('button', { name: en['call.queue.title'], exact: true })
      .click();
    const panel = host.getByRole('complementary', { name: en['call.queue.title'] });
    const add = panel.getByRole('region', { name: en['call.add.title'] });
    await add.waitFor();
    // The host is in the call; p2p allows 4, a LiveKit room 10.
    const max = provider === 'p2p' ? 4 : 10;
    // (The count of people connected may lag the host's own join by a moment.)
    await expect
      .poll(() => add.getByTestId('call-capacity').textContent(), { timeout: 10_000 })
      .toContain(` of ${max} `);
    await add.getByRole('button', { name: en['call.add.open'] }).click();
    await add.getByLabel(en['room.role.interpreter']).check();
    await add
      .getByLabel(onArrival ? en['call.add.arrival.admit'] : en['call.add.arrival.wait'])
      .check();
    if (onArrival) await shootBothSizes(host, `add-person-panel-${provider}`);
    expect(
      await seriousViolations(host, `add-and-transfer/axe-add-person-${provider}-${variant}`),
    ).toEqual([]);
    await add.getByRole('button', { name: en['call.add.create'] }).click();
    const link = add.getByLabel(t('call.add.link', { role: 'interpreter' }));
    inviteUrl = await link.inputValue();
    expect(inviteUrl).toMatch(/\/join\/[A-Za-z0-9_-]{22}$/);
    await add.getByText(onArrival ? en['call.add.link.admit'] : en['call.add.link.wait']).waitFor();
    await add.getByRole('button', { name: en['invite.send.open'] }).waitFor();
    await add.getByText(t('call.add.capacity', { present: 1, max, pending: 1 })).waitFor();
    await shootBothSizes(host, `add-person-link-${provider}-${variant}`);
  });

  it('lets the interpreter in (on arrival, or from the panel) and labels them in the call', async () => {
    interpreter = await world.newPerson();
    await askToJoin(interpreter, inviteUrl, 'Ana Interpreter');
    if (!onArrival) {
      await expectHeading(interpreter, en['lobby.waiting.title']);
      const panel = host.getByRole('complementary', { name: en['call.queue.title'] });
      const entry = panel.getByRole('article', { name: 'Ana Interpreter' });
      // The queue labels the person with their role.
      await entry.getByText(en['console.role.interpreter'], { exact: true }).waitFor();
      await entry
        .getByRole('button', { name: t('console.admit.label', { name: 'Ana Interpreter' }) })
        .click();
    }
    await interpreter.locator(`.room[data-provider="${provider}"]`).waitFor({ timeout: 20_000 });
    await expectVideoPlaying(host, `${INTERPRETER_TILE} video`);
    await expectVideoPlaying(interpreter, REMOTE_CAMERA);
    // Both sides see the role on the interpreter's tile (the interpreter on their own).
    for (const page of [host, interpreter]) {
      await expect
        .poll(() => page.locator(`${INTERPRETER_TILE} .tile__role`).first().textContent())
        .toBe(en['room.role.interpreter']);
    }
    await screenshot(host, `add-and-transfer/interpreter-in-call-${provider}-${variant}`);
    expect(world.problems.flatMap((p) => p.errors)).toEqual([]);
  });
});

describe('moving a waiting visitor to another visit', () => {
  const provider: ProviderName = 'p2p';
  let world: CallWorld;
  let staff: Page;
  let visitor: Page;
  let facilityId: string;
  const from = 'Morning clinic';
  const to = 'Afternoon clinic';

  beforeAll(async () => {
    world = await startCallWorld(provider);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('moves the visitor from the console; their page follows and says where they now wait', async () => {
    staff = await world.newPerson();
    const morning = await createVisit(staff, world.server, from);
    await createVisit(staff, world.server, to);
    facilityId = morning.facilityId;
    visitor = await world.newPerson();
    await knock(visitor, morning.inviteUrl, 'Carla Visitor');
    await staff.goto(`${world.server.url}/facilities/${facilityId}/console`);
    const entry = staff.getByRole('article', { name: 'Carla Visitor' });
    await entry.getByText(t('console.queue.visit', { title: from })).waitFor();
    await entry
      .getByRole('button', { name: t('console.move.label', { name: 'Carla Visitor' }) })
      .click();
    // The form takes the keyboard: its choice of visit is focused.
    await expect
      .poll(() =>
        entry
          .getByLabel(t('console.move.to', { name: 'Carla Visitor' }))
          .evaluate((field) => field === field.ownerDocument.activeElement),
      )
      .toBe(true);
    await entry.getByLabel(t('console.move.to', { name: 'Carla Visitor' })).selectOption({
      label: to,
    });
    await screenshot(staff, 'add-and-transfer/console-move-form');
    expect(await seriousViolations(staff, 'add-and-transfer/axe-move-form')).toEqual([]);
    await entry.getByRole('button', { name: en['console.move.confirm'], exact: true }).click();
    await entry.getByText(t('console.queue.visit', { title: to })).waitFor();

    // The visitor never knocked again: the same waiting page, now naming the new visit.
    await visitor.getByText(t('lobby.moved', { title: to })).waitFor({ timeout: 10_000 });
    await expectHeading(visitor, en['lobby.waiting.title']);
    await visitor.getByText(en['lobby.waiting.next']).waitFor();
    await shootBothSizes(visitor, 'moved-visitor');
    expect(await seriousViolations(visitor, 'add-and-transfer/axe-moved-visitor')).toEqual([]);
    // A reload keeps it: the page resumes the same entry and still says where it waits.
    await visitor.reload();
    await visitor.getByText(t('lobby.moved', { title: to })).waitFor({ timeout: 10_000 });
  });

  it('lets the moved visitor in to the new visit’s call', async () => {
    await joinAsHost(staff, world.server, facilityId, to, provider);
    await staff
      .getByRole('toolbar', { name: en['room.controls'] })
      .getByRole('button', { name: t('call.queue.count', { count: 1 }) })
      .click();
    const panel = staff.getByRole('complementary', { name: en['call.queue.title'] });
    await panel
      .getByRole('button', { name: t('console.admit.label', { name: 'Carla Visitor' }) })
      .click();
    await visitor.locator(`.room[data-provider="${provider}"]`).waitFor({ timeout: 20_000 });
    // The call is the afternoon visit's, on both sides.
    await visitor.getByText(to, { exact: true }).first().waitFor();
    await expectVideoPlaying(staff, REMOTE_CAMERA);
    await expectVideoPlaying(visitor, REMOTE_CAMERA);
    expect(world.problems.flatMap((p) => p.errors)).toEqual([]);
  });
});
