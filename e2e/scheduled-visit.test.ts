// Scheduled visits in the browser: before the waiting room opens the invite page says when the
// visit begins, in the facility's time zone, and opens by itself at the time; in a call near its
// end (p2p and LiveKit) host and visitor both see the countdown, an extension pushed from the
// host's call hides it on both sides, and the server ends the visit on time. Screenshots of the before-start page
// and the countdown at 1280x800 and 390x844 go to e2e/artifacts/scheduled-visit/ (and
// SCHEDULE_SHOTS_DIR when set).
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Facility, Invite, ProviderName, Visit } from '@openconnect/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/artifacts.ts';
import { seriousViolations } from './support/axe.ts';
import { startCallWorld, type CallWorld } from './support/call-steps.ts';
import { en, t } from './support/strings.ts';
import { expectHeading, staffSignIn } from './support/visit-flow.ts';

const ZONE = 'Europe/London';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** A test server on one provider, with the seeded admin signed in to its API. */
interface Booking {
  world: CallWorld;
  cookie: string;
  facilityId: string;
}

let world: CallWorld;
let cookie: string;
let facilityId: string;

/** Starts a server on `provider` whose one facility books in ZONE and lets staff extend visits. */
async function startBooking(provider: ProviderName): Promise<Booking> {
  const started = await startCallWorld(provider, { SCHEDULE_END_CHECK_SECONDS: '1' });
  const signIn = await fetch(`${started.server.url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: started.server.email, password: started.server.password }),
  });
  const booking = {
    world: started,
    cookie: signIn.headers.get('set-cookie')!.split(';')[0]!,
    facilityId: '',
  };
  const [facility] = await api<Facility[]>('GET', '/facilities', undefined, booking);
  booking.facilityId = facility!.id;
  await api(
    'PATCH',
    `/facilities/${booking.facilityId}/settings`,
    { timezone: ZONE, waitingRoomOpensMinutes: 15, endPolicy: 'extendable' },
    booking,
  );
  return booking;
}

/** The staff API, signed in as the seeded admin (of the p2p server unless told otherwise). */
async function api<T>(
  method: string,
  url: string,
  body?: unknown,
  on: Booking = { world, cookie, facilityId },
): Promise<T> {
  const { world, cookie } = on;
  const res = await fetch(`${world.server.url}/api/v1${url}`, {
    method,
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A visit booked through the API with times relative to now, and its invite link. */
async function book(
  title: string,
  startsInMs: number,
  endsInMs: number,
  on: Booking = { world, cookie, facilityId },
) {
  const visit = await api<Visit>(
    'POST',
    '/visits',
    {
      facilityId: on.facilityId,
      title,
      scheduledStart: new Date(Date.now() + startsInMs).toISOString(),
      scheduledEnd: new Date(Date.now() + endsInMs).toISOString(),
    },
    on,
  );
  const invite = await api<Invite>('POST', `/visits/${visit.id}/invites`, {}, on);
  return { visit, inviteUrl: invite.url };
}

/**
 * A screenshot in the artifacts (copied to SCHEDULE_SHOTS_DIR when that is set), and an axe-core
 * scan of the same state that must find nothing serious or critical.
 */
async function shot(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page, `scheduled-visit/${name}`)).toEqual([]);
  const file = await screenshot(page, `scheduled-visit/${name}`);
  const dir = process.env.SCHEDULE_SHOTS_DIR;
  if (dir) {
    await mkdir(dir, { recursive: true });
    await copyFile(file, path.join(dir, path.basename(file)));
  }
}

const clock = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: ZONE,
  }).format(new Date(iso));

/**
 * "Your visit begins at 14:30 (zone)." — with its day when that is not today in the facility's
 * zone, as when a run shortly before midnight books a visit that starts after it.
 */
function begins(iso: string): string {
  const dateIn = (at: string | number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(at));
  if (dateIn(iso) === dateIn(Date.now()))
    return t('schedule.before.begins', { time: clock(iso), zone: ZONE });
  const day = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: ZONE,
  }).format(new Date(iso));
  return t('schedule.before.beginsOn', { time: `${day}, ${clock(iso)}`, zone: ZONE });
}

beforeAll(async () => {
  ({ world, cookie, facilityId } = await startBooking('p2p'));
}, 60_000);

afterAll(async () => {
  await world?.close();
});

describe('a scheduled visit', () => {
  it('says when it begins before the waiting room opens, then opens by itself', async () => {
    // The waiting room opens 15 minutes before the start: 20 seconds from now.
    const { visit, inviteUrl } = await book('Sunday tea', 15 * 60_000 + 20_000, 45 * 60_000);
    const opensAt = new Date(Date.parse(visit.scheduledStart!) - 15 * 60_000).toISOString();
    const expected =
      begins(visit.scheduledStart!) + ' ' + t('schedule.before.opens', { time: clock(opensAt) });

    const phone = await world.newPerson(PHONE);
    await phone.goto(inviteUrl);
    await expect
      .poll(() => phone.getByTestId('visit-begins').textContent(), { timeout: 10_000 })
      .toBe(expected);
    await shot(phone, 'before-start-390x844');

    const visitor = await world.newPerson(DESKTOP);
    await visitor.goto(inviteUrl);
    await visitor.getByTestId('visit-begins').waitFor();
    expect(await visitor.getByRole('button', { name: en['landing.getReady'] }).count()).toBe(0);
    await shot(visitor, 'before-start-1280x800');

    // Opens at the time by itself: the same document (no reload) then offers the waiting room.
    await visitor.evaluate(() => {
      (globalThis as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const getReady = visitor.getByRole('button', { name: en['landing.getReady'] });
    await getReady.waitFor({ timeout: 40_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(opensAt) - 1_500);
    expect(
      await visitor.evaluate(
        () => (globalThis as unknown as { sameDocument?: boolean }).sameDocument,
      ),
    ).toBe(true);
    await getReady.click();
    await visitor.getByLabel(en['lobby.name']).fill('Early Bird');
    await visitor.getByRole('button', { name: en['lobby.ask'] }).click();
    await expectHeading(visitor, en['lobby.waiting.title']);
  }, 70_000);

  it('is listed on the dashboard with today’s and tomorrow’s visits in order, in the facility’s zone', async () => {
    const later = await book('Later today', 3 * 60 * 60_000, 4 * 60 * 60_000);
    const sooner = await book('Sooner today', 2 * 60 * 60_000, 3 * 60 * 60_000);
    const staff = await world.newPerson(DESKTOP);
    await staffSignIn(staff, world.server);
    const plan = staff.getByRole('region', { name: en['schedule.days.title'] });
    await plan.getByText(t('schedule.days.zone', { zone: ZONE })).waitFor();
    const items = plan.locator('li[data-visit-id]');
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(2);
    const ids = await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-visit-id')));
    const starts = (await Promise.all(ids.map((id) => api<Visit>('GET', `/visits/${id}`)))).map(
      (v) => Date.parse(v.scheduledStart!),
    );
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    // Later today may already be tomorrow in London; either way, sooner comes first.
    expect(ids.indexOf(sooner.visit.id)).toBeLessThan(ids.indexOf(later.visit.id));
    await plan
      .getByText(
        t('schedule.days.range', {
          start: clock(sooner.visit.scheduledStart!),
          end: clock(sooner.visit.scheduledEnd!),
        }),
      )
      .waitFor();
    await shot(staff, 'dashboard-day-plan-1280x800');

    // An administrator sets the facility's visit times; a bad zone is refused at its field.
    const settings = staff.getByRole('region', { name: en['schedule.settings.title'] });
    const zoneField = settings.getByLabel(en['schedule.settings.zone']);
    await zoneField.fill('Mars/Olympus');
    await settings.getByRole('button', { name: en['schedule.settings.save'] }).click();
    await settings.getByText(en['schedule.settings.zone.error']).waitFor();
    await zoneField.fill(ZONE);
    await settings.getByRole('button', { name: en['schedule.settings.save'] }).click();
    await settings.getByText(en['schedule.settings.saved']).waitFor();
  }, 60_000);
});

describe.each(['p2p', 'livekit'] as const)('a scheduled visit in a %s call', (provider) => {
  let booking: Booking;
  beforeAll(async () => {
    booking = provider === 'p2p' ? { world, cookie, facilityId } : await startBooking(provider);
  }, 60_000);
  afterAll(async () => {
    if (provider !== 'p2p') await booking?.world.close();
  });

  it('counts down for everyone near its end, follows an extension, and ends on time', async () => {
    const on = booking;
    const { world } = on;
    const { visit, inviteUrl } = await book('Last call', -60_000, 50_000, on);
    const host = await world.newPerson(DESKTOP);
    await staffSignIn(host, world.server);
    await host.goto(`${world.server.url}/visits/${visit.id}/room`);
    await host.getByRole('button', { name: en['call.preview.join'] }).click();
    await host.locator(`.room[data-provider="${provider}"]`).waitFor({ timeout: 20_000 });

    const visitor = await world.newPerson(PHONE);
    await visitor.goto(inviteUrl);
    await visitor.getByRole('button', { name: en['landing.getReady'] }).click();
    await visitor.getByLabel(en['lobby.name']).fill('Night Owl');
    await visitor.getByRole('button', { name: en['lobby.ask'] }).click();
    await expectHeading(visitor, en['lobby.waiting.title']);
    const queue = await api<{ id: string; visitId: string }[]>(
      'GET',
      `/facilities/${on.facilityId}/lobby`,
      undefined,
      on,
    );
    const entry = queue.find((e) => e.visitId === visit.id);
    await api('POST', `/lobby/${entry!.id}/admit`, undefined, on);
    await visitor.locator(`.room[data-provider="${provider}"]`).waitFor({ timeout: 20_000 });

    // Both see the time left as a timer, and hear it through a polite live region.
    for (const page of [host, visitor]) {
      const timer = page.getByRole('timer', { name: en['schedule.countdown.label'] });
      await expect.poll(() => timer.textContent(), { timeout: 10_000 }).toMatch(/^0:\d\d left$/);
      await expect
        .poll(() => page.getByText(/^The visit ends in 1 minute\.$/).count())
        .toBeGreaterThan(0);
    }
    await shot(host, `countdown-${provider}-1280x800`);
    await shot(visitor, `countdown-${provider}-390x844`);

    // The host adds 5 minutes: more than 5 minutes are left, so the countdown goes on both sides.
    await host.getByRole('button', { name: en['schedule.extend.five'] }).click();
    for (const page of [host, visitor]) {
      await page.getByTestId('call-countdown').waitFor({ state: 'detached', timeout: 10_000 });
      await page.getByText(t('schedule.countdown.extended', { minutes: 5 })).waitFor();
    }

    // Staff move the end to 15 seconds from now: the countdown is back, and the server ends the
    // visit then, whoever is still in it.
    const endsAt = new Date(Date.now() + 15_000).toISOString();
    await api('PATCH', `/visits/${visit.id}`, { scheduledEnd: endsAt }, on);
    await visitor.getByTestId('call-countdown').waitFor({ timeout: 10_000 });
    await Promise.all(
      [host, visitor].map((page) => expectHeading(page, en['room.ended.title'], 25_000)),
    );
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(endsAt));
    expect(Date.now()).toBeLessThan(Date.parse(endsAt) + 10_000);
    const after = await api<Visit>('GET', `/visits/${visit.id}`, undefined, on);
    expect(after.status).toBe('ended');
    for (const problems of world.problems) expect(problems.errors).toEqual([]);
  }, 150_000);
});
