// A whole visit on LiveKit, against the in-process development server the OpenConnect server
// starts when FEATURE_LIVEKIT is on and no LIVEKIT_URL is set: the unmodified livekit-client and
// its own call page in Debian's Chromium, with fake media, and a consented recording —
// which staff then find, play, download and delete on the facility's recordings page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './support/artifacts.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { en, t } from './support/strings.ts';
import { runVisitFlow, staffSignIn } from './support/visit-flow.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startTestServer({ FEATURE_LIVEKIT: 'true', PROVIDER_TYPE: 'livekit' }),
    launchChromium({ args: ['--autoplay-policy=no-user-gesture-required'] }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Reloads the recordings page until the visit's recording can be played (its file is composed). */
async function waitForPlayable(page: Page, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const play = page.getByRole('button', { name: en['recordings.play'] });
  for (;;) {
    await page.getByRole('heading', { name: en['recordings.title'], level: 1 }).waitFor();
    await page.getByRole('list', { name: en['recordings.title'] }).waitFor();
    if ((await play.count()) > 0) return;
    if (Date.now() > deadline) throw new Error('the recording never became playable');
    await page.waitForTimeout(2_000);
    await page.reload();
  }
}

describe('a visit on LiveKit', () => {
  it('takes a visitor from the invite link through the waiting room into a call with staff', async () => {
    await runVisitFlow({ browser, server, provider: 'livekit', artifacts: 'visit-livekit' });
  });

  it('lists the visit’s recording for staff to play, download and delete', async () => {
    for (const viewport of [
      { width: 1280, height: 800, name: 'desktop' },
      { width: 390, height: 844, name: 'phone' },
    ]) {
      const context = await browser.newContext({ viewport });
      try {
        const page = await context.newPage();
        const facilityId = await staffSignIn(page, server);
        await page.getByRole('link', { name: en['recordings.link'] }).click();
        await page.waitForURL(`${server.url}/facilities/${facilityId}/recordings`);
        await waitForPlayable(page);
        const item = page
          .getByRole('listitem')
          .filter({ has: page.getByRole('heading') })
          .first();
        await item.getByText(/^Started by /).waitFor();
        await item.getByText(/^Size /).waitFor();
        // Its consent record: the visitor and the host each answered "I understand" in the call.
        await item.getByText(en['recordingConsent.show']).click();
        for (const person of ['Ann Visitor', `(${en['recordingConsent.role.host']})`]) {
          await expect
            .poll(() => item.locator('.consent-list__item', { hasText: person }).textContent())
            .toMatch(/^.+ Agreed/);
        }

        // Playing loads the file through the Range route into a real <video>; focus moves there.
        await item.getByRole('button', { name: en['recordings.play'] }).click();
        const player = item.locator('video');
        await player.waitFor();
        await player.evaluate(
          (video) =>
            new Promise<void>((resolve, reject) => {
              const ready = () => video.readyState >= 1 && video.duration > 0;
              if (ready()) return resolve();
              video.addEventListener('loadedmetadata', () => (ready() ? resolve() : undefined));
              video.addEventListener('error', () => reject(new Error('the player could not load')));
            }),
        );
        expect(await player.evaluate((v) => v === v.ownerDocument.activeElement)).toBe(true);
        await screenshot(page, `recordings/${viewport.name}-playing`);

        // Downloading: the same file as an attachment, for signed-in staff only.
        const href = await item
          .getByRole('link', { name: en['recordings.download'] })
          .getAttribute('href');
        const download = await context.request.get(`${server.url}${href}`);
        expect(download.status()).toBe(200);
        expect(download.headers()['content-disposition']).toMatch(/^attachment; filename=/);
        expect((await download.body()).subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // EBML
        const anonymous = await fetch(`${server.url}${href}`);
        expect(anonymous.status).toBe(401);

        if (viewport.name === 'phone') {
          // Deleting asks first and says what stays; afterwards the item says it was deleted.
          await item.getByRole('button', { name: en['recordings.delete'] }).click();
          const title = (await item.getByRole('heading').textContent()) ?? '';
          await item
            .getByText(t('recordings.delete.question', { title }), { exact: true })
            .waitFor();
          await screenshot(page, `recordings/${viewport.name}-confirm-delete`);
          await item.getByRole('button', { name: en['recordings.delete'] }).click();
          await page.getByText(t('recordings.deleted', { title })).waitFor();
          await item.getByText(/^Deleted /).waitFor();
          expect(await item.getByRole('button', { name: en['recordings.play'] }).count()).toBe(0);
          expect((await context.request.get(`${server.url}${href}`)).status()).toBe(409);
          await screenshot(page, `recordings/${viewport.name}-deleted`);
        }
      } finally {
        await context.close();
      }
    }
  });
});
