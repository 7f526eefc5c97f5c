// Consent to recording, per person, on LiveKit (the development server the OpenConnect server
// starts): when staff start a recording each person in the call is asked in a dialog that takes
// focus, staff see every answer arrive without reloading, someone who joins during the recording
// is asked before their camera and microphone are published, the notice goes when the recording
// stops, and where the facility needs everyone's consent Start stays disabled until all agreed.
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  createVisit,
  joinAsHost,
  knock,
  startCallWorld,
  type CallWorld,
} from './support/call-steps.ts';
import { seriousViolations } from './support/axe.ts';
import { en, t } from './support/strings.ts';
import { expectVideoPlaying } from './support/visit-flow.ts';

const SHOTS = '/tmp/consent-shots';
const LOCAL_VIDEO = '.tile[data-local] video';

/**
 * Counts the tracks a page hands to a peer connection: livekit-client publishes camera and
 * microphone with `addTransceiver(track)`, so zero means nothing of theirs was published.
 */
const countSentTracks = `(() => {
  const sent = [];
  window.sentTracks = sent;
  const proto = RTCPeerConnection.prototype;
  const addTransceiver = proto.addTransceiver;
  proto.addTransceiver = function (track, init) {
    if (typeof track !== 'string') sent.push(track.kind);
    return addTransceiver.call(this, track, init);
  };
  const addTrack = proto.addTrack;
  proto.addTrack = function (track, ...streams) {
    sent.push(track.kind);
    return addTrack.call(this, track, ...streams);
  };
})();`;
const sentTracks = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { sentTracks: string[] }).sentTracks.length);

let world: CallWorld;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  world = await startCallWorld('livekit');
}, 240_000);

afterAll(async () => {
  await world?.close();
}, 240_000);

/** A visitor (counting what they publish) knocks and is let in from the console. */
async function letIn(consolePage: Page, inviteUrl: string, name: string): Promise<Page> {
  const page = await world.newPerson();
  await page.addInitScript({ content: countSentTracks });
  await knock(page, inviteUrl, name);
  const entry = consolePage.getByRole('article', { name });
  await entry.getByRole('button', { name: t('console.admit.label', { name }) }).click();
  await page.locator('.room[data-provider="livekit"]').waitFor({ timeout: 20_000 });
  return page;
}

const noticeOf = (page: Page, kind: 'recording' | 'advance') =>
  page.getByRole('dialog', { name: en[`room.consent.${kind}.title`] });

/** The console's line for one person in a visit's consent list. */
const consentLine = (panel: Locator, name: string) =>
  panel.locator('.consent-list__item', {
    hasText: name === 'Host' ? `(${en['recordingConsent.role.host']})` : `${name} (`,
  });

async function startRecording(panel: Locator): Promise<void> {
  await panel.getByRole('button', { name: en['console.recording.start'] }).click();
  await panel.getByLabel(en['console.recording.consent']).check();
  await panel.getByRole('button', { name: en['console.recording.confirm'] }).click();
  await panel
    .getByRole('button', { name: en['console.recording.stop'] })
    .waitFor({ timeout: 20_000 });
}

/** The notice's buttons are on screen (not below the fold) at the page's size. */
async function expectOnScreen(page: Page, notice: Locator): Promise<void> {
  const viewport = page.viewportSize()!;
  for (const name of [en['room.consent.understand'], en['room.consent.leave']]) {
    const box = (await notice.getByRole('button', { name }).boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  }
}

/** Generous: three browsers with fake cameras on a small shared machine. */
const SLOW = 240_000;

describe('consent to recording on LiveKit', () => {
  let consolePage: Page;
  let panel: Locator;
  let inviteUrl: string;
  let ann: Page;

  it(
    'asks the visitor in a dialog when recording starts, and staff see the answer arrive',
    async () => {
      consolePage = await world.newPerson();
      const title = 'Recorded tea';
      const visit = await createVisit(consolePage, world.server, title);
      inviteUrl = visit.inviteUrl;
      await consolePage.goto(`${world.server.url}/facilities/${visit.facilityId}/console`);
      ann = await letIn(consolePage, inviteUrl, 'Ann Visitor');
      panel = consolePage.getByRole('article', { name: title });
      await panel.getByText('Ann Visitor', { exact: true }).waitFor({ timeout: 20_000 });

      await startRecording(panel);

      // Ann is asked in a dialog that holds focus; staff see that she was asked.
      const notice = noticeOf(ann, 'recording');
      await notice.waitFor({ timeout: 30_000 });
      await expect
        .poll(() => notice.evaluate((d) => d.contains(d.ownerDocument.activeElement)))
        .toBe(true);
      await expect
        .poll(() => consentLine(panel, 'Ann Visitor').textContent(), { timeout: 15_000 })
        .toMatch(/no answer yet/);
      await ann.screenshot({ path: `${SHOTS}/notice-1280x800.png` });
      await expectOnScreen(ann, notice);
      expect(await seriousViolations(ann, 'recording-consent/notice-1280x800')).toEqual([]);
      await ann.setViewportSize({ width: 390, height: 844 });
      await ann.screenshot({ path: `${SHOTS}/notice-390x844.png` });
      await expectOnScreen(ann, notice);
      expect(await seriousViolations(ann, 'recording-consent/notice-390x844')).toEqual([]);
      await ann.setViewportSize({ width: 1280, height: 800 });
      expect(await seriousViolations(consolePage, 'recording-consent/console-asked')).toEqual([]);

      // By keyboard: Tab reaches "I understand" first, Enter answers.
      await ann.keyboard.press('Tab');
      const focused = () =>
        (globalThis as unknown as { document: { activeElement: { textContent: string } | null } })
          .document.activeElement?.textContent;
      expect(await ann.evaluate(focused)).toBe(en['room.consent.understand']);
      await ann.keyboard.press('Enter');
      await notice.waitFor({ state: 'detached' });
      await expect
        .poll(() => consentLine(panel, 'Ann Visitor').textContent(), { timeout: 15_000 })
        .toMatch(/Agreed/);
    },
    SLOW,
  );

  it(
    'asks someone who joins during the recording before their camera and microphone are published',
    async () => {
      const bob = await letIn(consolePage, inviteUrl, 'Bob Late');
      const bobNotice = noticeOf(bob, 'recording');
      await bobNotice.waitFor({ timeout: 30_000 });
      await expect
        .poll(() => consentLine(panel, 'Bob Late').textContent(), { timeout: 15_000 })
        .toMatch(/no answer yet/);
      expect(await sentTracks(bob)).toBe(0);
      expect(await bob.locator(LOCAL_VIDEO).count()).toBe(0);
      await bobNotice.getByRole('button', { name: en['room.consent.understand'] }).click();
      await expect.poll(() => sentTracks(bob), { timeout: 30_000 }).toBeGreaterThan(0);
      await expectVideoPlaying(bob, LOCAL_VIDEO);
      await expect
        .poll(() => consentLine(panel, 'Bob Late').textContent(), { timeout: 15_000 })
        .toMatch(/Agreed/);
      await bob.context().close();
    },
    SLOW,
  );

  it(
    'takes the notice away when its recording stops before it was answered',
    async () => {
      await panel.getByRole('button', { name: en['console.recording.stop'] }).click();
      await panel
        .getByRole('button', { name: en['console.recording.start'] })
        .waitFor({ timeout: 30_000 });
      await startRecording(panel);
      await noticeOf(ann, 'recording').waitFor({ timeout: 30_000 });
      await panel.getByRole('button', { name: en['console.recording.stop'] }).click();
      await noticeOf(ann, 'recording').waitFor({ state: 'detached', timeout: 30_000 });
      // Cameras are a lot for a shared machine: this call is done.
      for (const page of [ann, consolePage]) await page.context().close();
    },
    SLOW,
  );

  it(
    'keeps Start disabled until everyone present agreed, where the facility needs that, even for people already in the call',
    async () => {
      const consolePage = await world.newPerson();
      const title = 'Consent first';
      const { facilityId, inviteUrl } = await createVisit(consolePage, world.server, title);

      await consolePage.goto(`${world.server.url}/facilities/${facilityId}/console`);
      const cara = await letIn(consolePage, inviteUrl, 'Cara Visitor');
      await expect.poll(() => sentTracks(cara), { timeout: 30_000 }).toBeGreaterThan(0);

      // An administrator turns the setting on from the recordings page during the call.
      const settings = await world.newTab(consolePage);
      await settings.goto(`${world.server.url}/facilities/${facilityId}/recordings`);
      const setting = settings.getByLabel(en['recordingSettings.requiresConsent']);
      await setting.check();
      await expect.poll(() => setting.isChecked()).toBe(true);
      await settings.reload();
      await expect.poll(() => setting.isChecked()).toBe(true);
      await settings.close();

      // Cara, already in the call, is asked in advance when her call screen next reads it.
      const advance = noticeOf(cara, 'advance');
      await advance.waitFor({ timeout: 45_000 });

      // The host, joining now, is asked before their camera and microphone are published.
      const host = await world.newTab(consolePage);
      await host.addInitScript({ content: countSentTracks });
      await joinAsHost(host, world.server, facilityId, title, 'livekit');
      await noticeOf(host, 'advance').waitFor({ timeout: 30_000 });
      expect(await sentTracks(host)).toBe(0);
      const panel = consolePage.getByRole('article', { name: title });
      const start = panel.getByRole('button', { name: en['console.recording.start'] });
      await expect
        .poll(() => consentLine(panel, 'Host').textContent(), { timeout: 20_000 })
        .toMatch(/no answer yet/);
      expect(await start.isDisabled()).toBe(true);
      await panel.getByText(en['console.recording.waitingForConsent']).waitFor();

      await advance.getByRole('button', { name: en['room.consent.understand'] }).click();
      await expect
        .poll(() => consentLine(panel, 'Cara Visitor').textContent(), { timeout: 20_000 })
        .toMatch(/Agreed/);
      expect(await start.isDisabled()).toBe(true);

      await noticeOf(host, 'advance')
        .getByRole('button', { name: en['room.consent.understand'] })
        .click();
      await expect.poll(() => sentTracks(host), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(() => start.isDisabled(), { timeout: 20_000 }).toBe(false);

      // Everyone agreed: the recording starts, and nobody is asked a second time.
      await startRecording(panel);
      await cara.getByRole('img', { name: en['room.recording'] }).waitFor({ timeout: 20_000 });
      expect(await noticeOf(cara, 'recording').count()).toBe(0);
      await expect
        .poll(() => consentLine(panel, 'Cara Visitor').textContent(), { timeout: 20_000 })
        .toMatch(/Agreed/);
    },
    SLOW,
  );
});
