// Removal keeps its word, through the product's pages: staff choose a link for one person or a
// shared (family) link on the dashboard; removing someone from the visit in the console says what
// will happen to their link, and it happens. A fresh browser (no ticket, no cookies) with the same
// link then cannot knock on a personal link, nor on a shared link staff withdrew, and can knock
// again on a shared link staff left working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { en, t } from './support/strings.ts';
import { screenshot } from './support/artifacts.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { expectHeading, staffSignIn } from './support/visit-flow.ts';

let server: TestServer;
let browser: Browser;
let staff: BrowserContext;
let dashboard: Page;
let consolePage: Page;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startTestServer(),
    launchChromium({ args: ['--autoplay-policy=no-user-gesture-required'] }),
  ]);
  staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  dashboard = await staff.newPage();
  const facilityId = await staffSignIn(dashboard, server);
  consolePage = await staff.newPage();
  await consolePage.goto(`${server.url}/facilities/${facilityId}/console`);
  await consolePage.getByText(en['console.queue.empty']).waitFor();
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await staff?.close();
  await browser?.close();
  await server?.close();
});

/** Creates a visit on the dashboard and returns its link, of the kind asked for. */
async function visitWithLink(title: string, kind: 'personal' | 'shared'): Promise<string> {
  await dashboard.getByLabel(en['visits.form.name']).fill(title);
  await dashboard.getByLabel(en['visits.form.name']).press('Enter');
  const link = dashboard.getByLabel(t('invite.label', { title }));
  const first = await link.inputValue();
  const card = dashboard.getByRole('article', { name: title });
  // A new visit's link is shared, and says what that means.
  await card.getByText(t('invite.kind.current', { kind: en['invite.kind.shared'] })).waitFor();
  await card.getByText(en['invite.kind.shared.hint']).first().waitFor();
  if (kind === 'shared') return first;

  await card.getByRole('button', { name: en['invite.newLink'] }).click();
  await card.getByRole('radio', { name: en['invite.kind.personal'] }).check();
  await card.getByText(en['invite.kind.personal.hint']).waitFor();
  await screenshot(dashboard, 'removal/1-dashboard-link-kinds');
  await card.getByRole('button', { name: en['invite.kind.create'] }).click();
  await card.getByText(t('invite.kind.current', { kind: en['invite.kind.personal'] })).waitFor();
  const personal = await link.inputValue();
  expect(personal).not.toBe(first);
  // The link staff just made has focus, so they hear which one it is (moved there by an effect,
  // which runs after the new link is painted).
  await expect.poll(() => dashboard.evaluate('document.activeElement?.value')).toBe(personal);
  return personal;
}

/** A visitor in a fresh browser opens the link and asks to join; resolves on the waiting page. */
async function knock(url: string, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const visitor = await context.newPage();
  await visitor.goto(url);
  await visitor.getByRole('button', { name: en['landing.getReady'] }).click();
  await visitor.getByLabel(en['lobby.name']).fill(name);
  await visitor.getByRole('button', { name: en['lobby.ask'] }).click();
  await expectHeading(visitor, en['lobby.waiting.title']);
  return visitor;
}

/** A fresh browser opening the link is told it no longer works, and is offered no way to ask. */
async function cannotKnock(url: string, artifact: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(url);
  await expectHeading(page, en['landing.gone.title']);
  expect(await page.getByRole('button', { name: en['landing.getReady'] }).count()).toBe(0);
  await screenshot(page, artifact);
  await context.close();
}

/** Staff admit the visitor, who joins the call; returns the visit's panel in the console. */
async function admit(visitor: Page, name: string, title: string) {
  const entry = consolePage.getByRole('article', { name });
  await entry.getByRole('button', { name: t('console.admit.label', { name }) }).click();
  await visitor.locator('.room').waitFor({ timeout: 20_000 });
  const panel = consolePage.getByRole('article', { name: title });
  await panel.getByText(name, { exact: true }).waitFor({ timeout: 15_000 });
  return panel;
}

describe('removal and the link someone came through', () => {
  it('withdraws a link for one person with that person', async () => {
    const title = 'Tea with Gran (personal)';
    const url = await visitWithLink(title, 'personal');
    const name = 'Nephew Sam';
    const visitor = await knock(url, name);
    const panel = await admit(visitor, name, title);

    await panel
      .getByRole('button', { name: t('console.participant.remove.label', { name }) })
      .click();
    const confirm = panel.getByRole('group', {
      name: t('console.participant.remove.question', { name }),
    });
    await confirm.getByText(en['console.participant.remove.personal']).waitFor();
    // Nothing to choose: a personal link always goes with its person.
    expect(await confirm.getByRole('checkbox').count()).toBe(0);
    await screenshot(consolePage, 'removal/2-console-remove-personal');
    await confirm.getByRole('button', { name: en['console.participant.remove.yes'] }).click();
    await expectHeading(visitor, en['lobby.removed.title'], 20_000);

    await cannotKnock(url, 'removal/3-personal-link-withdrawn');
  });

  it('withdraws a shared link for everyone when staff tick the box', async () => {
    const title = 'Sunday call (shared, withdrawn)';
    const url = await visitWithLink(title, 'shared');
    const name = 'Cousin Lee';
    const visitor = await knock(url, name);
    const panel = await admit(visitor, name, title);

    await panel
      .getByRole('button', { name: t('console.participant.remove.label', { name }) })
      .click();
    const confirm = panel.getByRole('group', {
      name: t('console.participant.remove.question', { name }),
    });
    await confirm.getByText(en['console.participant.remove.shared']).waitFor();
    await confirm.getByLabel(en['console.participant.remove.withdraw']).check();
    await confirm.getByText(en['console.participant.remove.sharedWithdrawn']).waitFor();
    await screenshot(consolePage, 'removal/4-console-remove-shared-withdraw');
    await confirm
      .getByRole('button', { name: en['console.participant.remove.withdraw.yes'] })
      .click();
    await expectHeading(visitor, en['lobby.removed.title'], 20_000);

    await cannotKnock(url, 'removal/5-shared-link-withdrawn');
  });

  it('keeps a shared link working when staff leave the box unticked', async () => {
    const title = 'Sunday call (shared, kept)';
    const url = await visitWithLink(title, 'shared');
    const name = 'Aunt Jo';
    const visitor = await knock(url, name);
    const panel = await admit(visitor, name, title);

    await panel
      .getByRole('button', { name: t('console.participant.remove.label', { name }) })
      .click();
    const confirm = panel.getByRole('group', {
      name: t('console.participant.remove.question', { name }),
    });
    await confirm.getByText(en['console.participant.remove.shared']).waitFor();
    await confirm.getByRole('button', { name: en['console.participant.remove.yes'] }).click();
    await expectHeading(visitor, en['lobby.removed.title'], 20_000);

    // As the confirmation said: they can knock again with the link, and staff decide again.
    await knock(url, name);
    await consolePage.getByRole('article', { name }).waitFor({ timeout: 10_000 });
  });
});
