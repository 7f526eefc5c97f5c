// (Browser-side code is passed to evaluate() as strings: this project compiles without DOM types.)
// Every page and every call state through axe-core, on both providers, at a laptop's size and a
// phone's: sign-in, dashboard, console with someone waiting, rollout; the visitor's invite page,
// waiting room and knock; the host's device check; the call (1:1, chat open, queue open, leave
// question), "You left the visit" and the ended call. Serious or critical violations fail; each
// scan's full result is kept with a screenshot under e2e/artifacts/a11y/ (git-ignored).
import type { ProviderName } from '@openconnect/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations, type Finding } from './support/axe.ts';
import {
  createVisit,
  knock,
  REMOTE_CAMERA,
  startCallWorld,
  type CallWorld,
} from './support/call-steps.ts';
import { en, t } from './support/strings.ts';
import { expectHeading, expectVideoPlaying } from './support/visit-flow.ts';

describe.each<ProviderName>(['p2p', 'livekit'])('accessibility on %s', (provider) => {
  let world: CallWorld;
  let staff: Page;
  let host: Page;
  let ann: Page;
  let facilityId: string;
  let inviteUrl: string;
  const title = `Accessible visit (${provider})`;
  const found: Record<string, Finding[]> = {};

  /** Scans `page` at both sizes under `name`. */
  async function scan(page: Page, name: string): Promise<void> {
    const size = page.viewportSize() ?? { width: 1280, height: 800 };
    for (const viewport of [
      { width: 1280, height: 800, label: 'desktop' },
      { width: 390, height: 844, label: 'phone' },
    ]) {
      await page.setViewportSize(viewport);
      const findings = await seriousViolations(page, `a11y/${provider}/${name}-${viewport.label}`);
      if (findings.length) found[`${name} (${viewport.label})`] = findings;
    }
    await page.setViewportSize(size);
  }

  beforeAll(async () => {
    world = await startCallWorld(provider);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('staff pages: sign-in, dashboard, rollout', async () => {
    staff = await world.newPerson();
    await staff.goto(`${world.server.url}/sign-in`);
    await expectHeading(staff, en['signIn.title']);
    await scan(staff, '01-sign-in');
    const visit = await createVisit(staff, world.server, title);
    facilityId = visit.facilityId;
    inviteUrl = visit.inviteUrl;
    await scan(staff, '02-dashboard');
    await staff.goto(`${world.server.url}/admin/rollout`);
    await staff.getByRole('heading', { level: 1 }).waitFor();
    await staff.getByRole('table').first().waitFor();
    await scan(staff, '03-rollout');
  });

  it('the visitor’s invite page, waiting room and knock; the console with someone waiting', async () => {
    ann = await world.newPerson();
    await ann.goto(inviteUrl);
    await expectHeading(ann, title);
    await scan(ann, '04-invite');
    await ann.getByRole('button', { name: en['landing.getReady'] }).click();
    await expectHeading(ann, en['lobby.title']);
    await expectVideoPlaying(ann, '.device-preview video');
    await scan(ann, '05-waiting-room');
    await knock(ann, inviteUrl, 'Ann Visitor');
    await scan(ann, '06-waiting');
    await staff.goto(`${world.server.url}/facilities/${facilityId}/console`);
    await staff.getByRole('article', { name: 'Ann Visitor' }).waitFor();
    await scan(staff, '07-console');
  });

  it('the host’s device check and the call in each of its states', async () => {
    host = await world.newTab(staff);
    await host.goto(`${world.server.url}/facilities/${facilityId}/console`);
    await host.getByRole('link', { name: t('console.visit.join.label', { title }) }).click();
    await expectHeading(host, t('call.preview.title', { title }));
    await expectVideoPlaying(host, '.device-preview video');
    await scan(host, '08-host-preview');
    await host.getByRole('button', { name: en['call.preview.join'] }).click();
    await host.locator(`.room[data-provider="${provider}"]`).waitFor({ timeout: 20_000 });
    await host.getByRole('button', { name: t('call.queue.count', { count: 1 }) }).click();
    await host.getByRole('complementary', { name: en['call.queue.title'] }).waitFor();
    await scan(host, '09-call-queue-open');
    await host
      .getByRole('button', { name: t('console.admit.label', { name: 'Ann Visitor' }) })
      .click();
    await ann.locator(`.room[data-provider="${provider}"]`).waitFor({ timeout: 20_000 });
    await expectVideoPlaying(ann, REMOTE_CAMERA);
    await expectVideoPlaying(host, REMOTE_CAMERA);
    await scan(ann, '10-call-one-to-one');
    await ann.getByRole('button', { name: en['room.chat'], exact: true }).click();
    await ann.getByLabel(en['room.chat.input']).fill('Hello');
    await ann.getByLabel(en['room.chat.input']).press('Enter');
    await scan(ann, '11-call-chat-open');
    await ann.getByRole('button', { name: en['room.leave'] }).click();
    await ann.getByRole('group', { name: en['room.leave.confirm'] }).waitFor();
    await scan(ann, '12-call-leave-question');
    await ann.getByRole('button', { name: en['room.leave.yes'] }).click();
    await expectHeading(ann, en['room.left.title']);
    await scan(ann, '13-you-left');
  });

  it('the ended call', async () => {
    await staff.goto(`${world.server.url}/facilities/${facilityId}/console`);
    const panel = staff.getByRole('article', { name: title });
    await panel.getByRole('button', { name: t('console.visit.end.label', { title }) }).click();
    await panel.getByRole('button', { name: en['console.visit.end.confirm'] }).click();
    await host.getByText(en['room.ended.closed']).waitFor({ timeout: 20_000 });
    await scan(host, '14-call-ended');
  });

  it('found no serious or critical violation anywhere', () => {
    expect(found).toEqual({});
    expect(world.problems.flatMap((p) => p.errors)).toEqual([]);
  });
});
