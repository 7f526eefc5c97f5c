// (Browser-side code is passed to evaluate() as strings: this project compiles without DOM types.)
// Leaving and coming back, on both providers: the chat survives a reload within the visit (kept
// in the tab for that visit only); Leave asks first, and Cancel keeps the call; "You left the
// visit" offers Join again while the visit goes on, for the visitor and for staff, and joining
// again works; once staff end the visit, "You left" says there is nothing to join and the kept
// chat is gone.
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

/** The chat kept in the tab's sessionStorage, by visit. */
const keptChat = `Object.keys(sessionStorage).filter((k) => k.startsWith('openconnect.chat.'))`;

describe.each<ProviderName>(['p2p', 'livekit'])('leaving and coming back on %s', (provider) => {
  let world: CallWorld;
  let host: Page;
  let ann: Page;
  let facilityId: string;
  const title = `Leave and rejoin (${provider})`;
  const artifacts = `leave-rejoin/${provider}`;
  const room = `.room[data-provider="${provider}"]`;

  async function openChat(page: Page): Promise<void> {
    const bar = page.getByRole('toolbar', { name: en['room.controls'] });
    const chat = page.getByRole('complementary', { name: en['room.chat.title'] });
    if (await chat.count()) return;
    await bar.getByRole('button', { name: /^Chat/ }).click();
    await chat.waitFor();
  }

  /** Presses Leave and confirms it. */
  async function leave(page: Page): Promise<void> {
    await page
      .getByRole('toolbar', { name: en['room.controls'] })
      .getByRole('button', { name: en['room.leave'] })
      .click();
    await page
      .getByRole('group', { name: en['room.leave.confirm'] })
      .getByRole('button', { name: en['room.leave.yes'] })
      .click();
    await expectHeading(page, en['room.left.title']);
  }

  beforeAll(async () => {
    world = await startCallWorld(provider);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('lets a visitor in, and they chat', async () => {
    host = await world.newPerson();
    const visit = await createVisit(host, world.server, title);
    facilityId = visit.facilityId;
    ann = await world.newPerson();
    await knock(ann, visit.inviteUrl, 'Ann Visitor');
    await joinAsHost(host, world.server, facilityId, title, provider);
    await host.getByRole('button', { name: t('call.queue.count', { count: 1 }) }).click();
    await host
      .getByRole('button', { name: t('console.admit.label', { name: 'Ann Visitor' }) })
      .click();
    await ann.locator(room).waitFor({ timeout: 20_000 });
    await expectVideoPlaying(host, REMOTE_CAMERA);

    await openChat(ann);
    await ann.getByLabel(en['room.chat.input']).fill('Hello from Ann');
    await ann.getByLabel(en['room.chat.input']).press('Enter');
    await openChat(host);
    await host.locator('.chat__list').getByText('Hello from Ann').waitFor({ timeout: 10_000 });
  });

  it('keeps the chat through a reload within the visit', async () => {
    await ann.reload();
    await ann.locator(room).waitFor({ timeout: 20_000 });
    await openChat(ann);
    await ann.locator('.chat__list').getByText('Hello from Ann').waitFor();

    await host.reload();
    await host.getByRole('button', { name: en['call.preview.join'] }).click();
    await host.locator(room).waitFor({ timeout: 20_000 });
    await openChat(host);
    await host.locator('.chat__list').getByText('Hello from Ann').waitFor();
    await expectVideoPlaying(host, REMOTE_CAMERA);
    await expectVideoPlaying(ann, REMOTE_CAMERA);
  });

  it('asks before leaving; Cancel keeps the call and gives focus back to Leave', async () => {
    const bar = ann.getByRole('toolbar', { name: en['room.controls'] });
    await bar.getByRole('button', { name: en['room.leave'] }).click();
    const question = ann.getByRole('group', { name: en['room.leave.confirm'] });
    await question.waitFor();
    await expect
      .poll(() => ann.evaluate('document.activeElement?.textContent'))
      .toBe(en['room.leave.confirm']);
    await screenshot(ann, `${artifacts}/1-leave-question`);
    await question.getByRole('button', { name: en['common.cancel'] }).click();
    await question.waitFor({ state: 'detached' });
    await expect
      .poll(() => ann.evaluate('document.activeElement?.textContent'))
      .toBe(en['room.leave']);
    await expectVideoPlaying(ann, REMOTE_CAMERA);
  });

  it('offers the visitor Join again after leaving, and it works', async () => {
    await leave(ann);
    await expect.poll(() => ann.evaluate('document.activeElement?.tagName')).toBe('H1');
    await screenshot(ann, `${artifacts}/2-visitor-left`);
    await host.locator(REMOTE_CAMERA).waitFor({ state: 'detached', timeout: 20_000 });
    await ann.getByRole('button', { name: en['room.rejoin'] }).click();
    await ann.locator(room).waitFor({ timeout: 20_000 });
    await expectVideoPlaying(host, REMOTE_CAMERA);
    await expectVideoPlaying(ann, REMOTE_CAMERA);
  });

  it('offers staff Join again too, with the way back to the console', async () => {
    await leave(host);
    await host.getByRole('link', { name: en['room.backToConsole'] }).waitFor();
    await screenshot(host, `${artifacts}/3-host-left`);
    await host.getByRole('button', { name: en['room.rejoin'] }).click();
    await host.locator(room).waitFor({ timeout: 20_000 });
    await expectVideoPlaying(host, REMOTE_CAMERA);
  });

  it('says there is nothing to join once the visit has ended, and forgets the chat', async () => {
    await leave(host);
    // Staff end the visit from the console, in another tab.
    const consolePage = await world.newTab(host);
    await consolePage.goto(`${world.server.url}/facilities/${facilityId}/console`);
    const panel = consolePage.getByRole('article', { name: title });
    await panel.getByRole('button', { name: t('console.visit.end.label', { title }) }).click();
    await panel.getByRole('button', { name: en['console.visit.end.confirm'] }).click();
    await panel.waitFor({ state: 'detached', timeout: 10_000 });

    // The visitor's call ends, and their tab keeps no chat of it.
    await ann.getByText(en['room.ended.closed']).waitFor({ timeout: 20_000 });
    await expect.poll(() => ann.evaluate(keptChat)).toEqual([]);

    // The host, who had left, is told there is nothing to join again.
    await host.getByText(en['room.left.over']).waitFor({ timeout: 10_000 });
    expect(await host.getByRole('button', { name: en['room.rejoin'] }).count()).toBe(0);
    await screenshot(host, `${artifacts}/4-host-left-visit-ended`);
    await host.getByRole('link', { name: en['room.backToConsole'] }).click();
    await host.waitForURL(`**/facilities/${facilityId}/console`);
    await expect.poll(() => host.evaluate(keptChat)).toEqual([]);
    expect(world.problems.flatMap((p) => p.errors)).toEqual([]);
  });
});
