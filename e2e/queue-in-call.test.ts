// (Browser-side code is passed to evaluate() as strings: this project compiles without DOM types.)
// The queue inside the host's call, on both providers: staff join through the same device check
// visitors get; in the call a "Waiting" button counts who waits for this visit and opens a panel
// with this visit's and the facility's other visitors, "waiting less than a minute" with the
// exact time on hover; staff message and turn away from there, and let a visitor in, who joins
// the call. The console's queue stays live meanwhile, and the dashboard names the facility's
// video provider and the rule that chose it.
import type { ProviderName } from '@openconnect/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/artifacts.ts';
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

describe.each<ProviderName>(['p2p', 'livekit'])('the queue in the call on %s', (provider) => {
  let world: CallWorld;
  let host: Page;
  let ann: Page;
  let bo: Page;
  let facilityId: string;
  const title = `Queue in call (${provider})`;
  const other = `Another visit (${provider})`;
  const artifacts = `queue-in-call/${provider}`;

  beforeAll(async () => {
    world = await startCallWorld(provider);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('names the facility’s video provider and the rule that chose it on the dashboard', async () => {
    host = await world.newPerson();
    const visit = await createVisit(host, world.server, title);
    facilityId = visit.facilityId;
    // Neither test server sets a rule for the facility: PROVIDER_TYPE's default decides.
    const expected = t('dashboard.video', {
      provider: en[`rollout.provider.${provider}`],
      reason: en['dashboard.video.reason.default'],
    });
    await host.getByText(expected).waitFor();
    await screenshot(host, `${artifacts}/1-dashboard`);

    const otherVisit = await createVisit(host, world.server, other);
    ann = await world.newPerson();
    bo = await world.newPerson();
    await knock(ann, visit.inviteUrl, 'Ann Visitor');
    await knock(bo, otherVisit.inviteUrl, 'Bo Visitor');
  });

  it('has staff check their devices before joining, then shows who is waiting in the call', async () => {
    await joinAsHost(host, world.server, facilityId, title, provider);
    const bar = host.getByRole('toolbar', { name: en['room.controls'] });
    // Only Ann waits for this visit: the button counts her, not Bo.
    const waiting = bar.getByRole('button', { name: t('call.queue.count', { count: 1 }) });
    await waiting.waitFor({ timeout: 10_000 });
    await waiting.click();
    const panel = host.getByRole('complementary', { name: en['call.queue.title'] });
    await panel.waitFor();
    await expect.poll(() => host.evaluate('document.activeElement?.id')).toBe('side-panel-title');
    await panel.getByText(t('call.queue.summary', { visit: 1, facility: 2 })).waitFor();
    const annEntry = panel.getByRole('article', { name: 'Ann Visitor' });
    const boEntry = panel.getByRole('article', { name: 'Bo Visitor' });
    await boEntry.getByText(t('call.queue.forVisit', { title: other })).waitFor();
    const since = annEntry.getByText(en['time.waiting.justNow']);
    expect(await since.getAttribute('title')).toMatch(/\d/);
    await screenshot(host, `${artifacts}/2-queue-panel`);
    await host.setViewportSize({ width: 390, height: 844 });
    await screenshot(host, `${artifacts}/3-queue-panel-phone`);
    await host.setViewportSize({ width: 1280, height: 800 });
  });

  it('messages and turns away a visitor of another visit from the call', async () => {
    const panel = host.getByRole('complementary', { name: en['call.queue.title'] });
    const boEntry = panel.getByRole('article', { name: 'Bo Visitor' });
    await boEntry
      .getByRole('button', { name: t('call.queue.message.label', { name: 'Bo Visitor' }) })
      .click();
    await boEntry.getByLabel(t('console.message.label', { name: 'Bo Visitor' })).fill('Soon!');
    await boEntry.getByRole('button', { name: en['console.message.send'] }).click();
    await boEntry.getByText(t('call.queue.messageSent', { name: 'Bo Visitor' })).waitFor();
    await bo.getByText('Soon!').waitFor({ timeout: 10_000 });

    await boEntry
      .getByRole('button', { name: t('console.deny.label', { name: 'Bo Visitor' }) })
      .click();
    await boEntry.getByRole('button', { name: en['console.deny.confirm'], exact: true }).click();
    await expectHeading(bo, en['lobby.denied.title']);
    await boEntry.waitFor({ state: 'detached' });
    await panel.getByText(en['call.queue.nobodyElse']).waitFor();
  });

  it('lets a visitor in from the call, and they join it', async () => {
    const panel = host.getByRole('complementary', { name: en['call.queue.title'] });
    const admit = panel.getByRole('button', {
      name: t('console.admit.label', { name: 'Ann Visitor' }),
    });
    // The visible label is part of the accessible name.
    expect(await admit.textContent()).toBe(en['console.admit']);
    await admit.click();
    await ann.locator(`.room[data-provider="${provider}"]`).waitFor({ timeout: 20_000 });
    await expectVideoPlaying(host, REMOTE_CAMERA);
    await expectVideoPlaying(ann, REMOTE_CAMERA);
    await panel.getByText(en['call.queue.nobody']).waitFor();
    // No one waits for this visit any more: the button has no count.
    await host
      .getByRole('toolbar', { name: en['room.controls'] })
      .getByRole('button', { name: en['call.queue.title'], exact: true })
      .waitFor();
    await screenshot(host, `${artifacts}/4-after-let-in`);
    expect(world.problems.flatMap((p) => p.errors)).toEqual([]);
  });
});
