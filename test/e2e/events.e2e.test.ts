/**
 * Webinar registration in a real browser (issue 5, acceptance): a trainer creates a webinar with
 * capacity 3 in the web app and publishes it; four visitors, each in their own browser context,
 * register on the public page and verify by the links a real SMTP server captured; three are
 * confirmed, the fourth (who finds the event full) joins the waiting list; one cancels through the
 * personal link of the confirmation e-mail; the waiting one receives the offer, accepts through its
 * link and is confirmed; the reminder pass run "as of" the day before with `liaison event remind
 * --as-of` (the operator's way to run it at another time, ADR 6) reaches the three confirmed
 * participants only, with the connection instructions. On the way: the organiser's registrations page shows the statuses, the message log,
 * the export, the attendance import, the statistics and the printable list; the public page in
 * French and in another time zone. axe-core checks and a screenshot of every page.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { toLocal } from '../../domain/time.ts';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../support/mail.ts';
import {
  checkA11y,
  createUserAsAdmin,
  firstSignIn,
  flowSteps,
  openE2eSession,
  ROOT,
  screenshot,
  signOut,
  waitForAnimations,
  waitForHeading,
  waitForPath,
  type E2eSession,
} from './support.ts';

const ADMIN_NEW_PASSWORD = 'violet harbour compass 83';
const TRAINER = { email: 'tomas.weber@demo.liaison.test', name: 'Tomas Weber', password: 'lantern orchard pebble 52' };

const TITLE = 'Victim identification across borders <webinar> & Q&A';
const CONNECTION = 'Join at https://meet.example.org/j/2468 with the PIN 9753.';
const RULES = 'Cameras off during the talks; no recording; Chatham House rule.';
const ZONE = 'Europe/Paris';

/** The four visitors (synthetic people at example.org addresses). */
const VISITORS = [
  { key: 'ana', name: 'Ana Costa', email: 'ana.costa@police.example.org', country: 'Portugal', code: 'PT', role: 'law_enforcement', track: 'Investigators', zone: 'Europe/Lisbon' },
  { key: 'ben', name: 'Ben Okafor', email: 'ben.okafor@justice.example.org', country: 'Ireland', code: 'IE', role: 'prosecutor', track: 'Prosecutors', zone: 'Europe/Dublin' },
  { key: 'chloe', name: 'Chloé Martin <b>', email: 'chloe.martin@police.example.org', country: 'France', code: 'FR', role: 'law_enforcement', track: 'Investigators', zone: 'Europe/Paris' },
  { key: 'dario', name: 'Dario Rossi', email: 'dario.rossi@police.example.org', country: 'Italy', code: 'IT', role: 'contact_point', track: 'Investigators', zone: 'America/New_York' },
] as const;
type Visitor = (typeof VISITORS)[number];
const [ana, ben, chloe, dario] = VISITORS;

/** The webinar starts three days from now, on the hour, in Paris; registration opened an hour ago. */
const START = new Date(Math.ceil((Date.now() + 3 * 86_400_000) / 3_600_000) * 3_600_000);
const OPENS = new Date(Date.now() - 3_600_000);

const run = promisify(execFile);
const pad = (n: number) => String(n).padStart(2, '0');
/** The value of a `datetime-local` input: `instant` on a wall clock in `zone`. */
function wallClock(instant: Date, zone: string): string {
  const l = toLocal(instant.getTime(), zone);
  return `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}`;
}
const minutesAfterStart = (minutes: number) => new Date(START.getTime() + minutes * 60_000);

let smtp: TestSmtp;
let session: E2eSession | undefined;
let page: Page;
let browser: Browser;
const contexts: BrowserContext[] = [];
const visitorPages = new Map<string, Page>();
/** The page the current step drives, for the failure screenshot. */
let current: () => Page | undefined = () => page;
const state = { trainerPassword: '', eventId: '', publicUrl: '', slug: '' };

const step = flowSteps(() => current());

/** A full-page screenshot from the top, once animations have settled. */
async function shot(target: Page, name: string): Promise<void> {
  // Toasts of earlier actions would cover the header.
  for (const close of await target.locator('.mantine-Notifications-root button').all()) await close.click({ timeout: 1_000 }).catch(() => undefined);
  await target.locator('.mantine-Notification-root').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  await target.evaluate(() => window.scrollTo(0, 0));
  await waitForAnimations(target);
  await screenshot(target, `events-${name}`);
}

/** A visitor's own browser: its own cookies, language and time zone. */
async function visitorPage(key: string, options: { locale: string; timezoneId: string }): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 }, ...options });
  contexts.push(context);
  const tab = await context.newPage();
  tab.setDefaultTimeout(15_000);
  tab.on('pageerror', (error) => session?.pageErrors.push(error.stack ?? error.message));
  visitorPages.set(key, tab);
  return tab;
}

/** The e-mails `address` received whose subject starts with `subject`, waiting until there are `count`. */
async function mailsTo(address: string, subject: string, count = 1): Promise<ReceivedMail[]> {
  await expect.poll(() => smtp.to(address).filter((m) => m.subject.startsWith(subject)).length, { timeout: 15_000, message: `${count} “${subject}” mail(s) to ${address}` }).toBeGreaterThanOrEqual(count);
  return smtp.to(address).filter((m) => m.subject.startsWith(subject));
}

/** The link to `/e/<slug>/<page>` in a mail (with `action` when given, else without one). */
function linkIn(mail: ReceivedMail, pagePath: 'verify' | 'registration', action?: 'cancel' | 'accept' | 'decline'): string {
  const base = session!.server.baseUrl;
  const links = [...mail.text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => new URL(m[0]));
  const link = links.find(
    (l) => l.origin === base && l.pathname === `/e/${state.slug}/${pagePath}` && (action ? l.searchParams.get('action') === action : !l.searchParams.has('action')),
  );
  if (!link) throw new Error(`no /${pagePath}${action ? `?action=${action}` : ''} link in “${mail.subject}”:\n${mail.text}`);
  expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return link.toString();
}

/** Fills the public form as `visitor` and sends it; waits for "check your mailbox". */
async function register(tab: Page, visitor: Visitor): Promise<void> {
  await tab.getByTestId('reg-name').fill(visitor.name);
  await tab.getByTestId('reg-email').fill(visitor.email);
  await tab.getByTestId('reg-organisation').fill('National Police of Ruritania (fictitious)');
  await tab.getByTestId('reg-organisation-type').selectOption('police');
  await tab.getByTestId('reg-country').fill(visitor.country);
  await tab.getByRole('option', { name: visitor.country, exact: true }).click();
  await tab.getByTestId('reg-role').selectOption(visitor.role);
  await tab.getByRole('radio', { name: visitor.track }).check();
  await tab.getByTestId('reg-consent').check();
  await tab.getByTestId('reg-submit').click();
  await tab.getByTestId('check-mailbox').waitFor();
  expect(await tab.getByTestId('check-mailbox').textContent()).toContain(visitor.email);
}

/** The statuses on the organiser's registrations page, by e-mail. */
async function statusesOnPage(): Promise<Record<string, string>> {
  await page.getByTestId('registrations-table').waitFor();
  const rows = page.getByTestId('registration-row');
  const out: Record<string, string> = {};
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out[(await row.getAttribute('data-email')) ?? ''] = (await row.getAttribute('data-status')) ?? '';
  }
  return out;
}

/** Opens the organiser's registrations page of the event, fresh from the server. */
async function openRegistrations(): Promise<void> {
  await page.goto(`${session!.server.baseUrl}/events/${state.eventId}/registrations`);
  await waitForHeading(page, TITLE);
  await page.getByTestId('registrations-table').waitFor();
}

beforeAll(async () => {
  smtp = await startSmtp();
  session = await openE2eSession({
    env: (baseUrl) => ({
      LIAISON_SMTP_URL: smtp.url,
      LIAISON_PUBLIC_URL: baseUrl,
      // Every visitor shares the loopback address: the per-IP limits are not what this test is about.
      LIAISON_EVENT_LINK_RATE_LIMIT: '1000',
      LIAISON_EVENT_IP_RATE_LIMIT: '100',
    }),
  });
  page = session.page;
  browser = session.browser;
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await session?.close();
  await smtp?.close();
});

describe('webinar registration flow', () => {
  step('the administrator creates a trainer, who signs in for the first time and finds Events in the menu', async () => {
    const { server } = session!;
    await page.goto(`${server.baseUrl}/`);
    await firstSignIn(page, { email: server.adminEmail, oneTimePassword: server.adminPassword, newPassword: ADMIN_NEW_PASSWORD, displayName: 'Demo administrator' });
    // Events are run by trainers (event.manage): not in an administrator's menu.
    await page.getByTestId('nav-directory').waitFor();
    expect(await page.getByTestId('nav-events').count()).toBe(0);
    state.trainerPassword = await createUserAsAdmin(page, { email: TRAINER.email, name: TRAINER.name, roles: ['trainer'] });
    await signOut(page);
    await firstSignIn(page, { email: TRAINER.email, oneTimePassword: state.trainerPassword, newPassword: TRAINER.password, displayName: TRAINER.name });
    await page.getByTestId('nav-events').click();
    await waitForPath(page, '/events');
    await waitForHeading(page, 'Events');
    await page.getByTestId('events-empty').waitFor();
    await checkA11y(page, 'events list (empty)');
  });

  step('the trainer creates a webinar with capacity 3 in the form: programme, a question, private connection details', async () => {
    await page.getByTestId('event-new').click();
    await waitForPath(page, '/events/new');
    await waitForHeading(page, 'New event');
    // Sent empty, the form names what is missing without a round trip.
    await page.getByTestId('event-submit').click();
    await page.getByTestId('event-form-invalid').waitFor();
    expect(await page.getByTestId('event-title').getAttribute('aria-invalid')).toBe('true');

    await page.getByTestId('event-title').fill(TITLE);
    await page.getByTestId('event-description').fill('How investigators and prosecutors identify victims across borders.\nA fictitious training session for the tests.');
    await page.getByTestId('event-interpretation').fill('Simultaneous interpretation into French');
    await page.getByTestId('event-time-zone').fill(ZONE);
    await page.getByRole('option', { name: ZONE, exact: true }).click();
    await page.getByTestId('event-starts-at').fill(wallClock(START, ZONE));
    await page.getByTestId('event-duration').fill('90');
    await page.getByTestId('event-opens-at').fill(wallClock(OPENS, ZONE));
    // Closing defaults to the start once the start is typed.
    expect(await page.getByTestId('event-closes-at').inputValue()).toBe(wallClock(START, ZONE));
    await page.getByTestId('event-capacity').fill('3');

    await page.getByTestId('session-add').click();
    await page.getByTestId('session-0-title').fill('Opening and the victim identification workflow');
    await page.getByTestId('session-0-speakers').fill('A. Speaker (fictitious)\nB. Speaker (fictitious)');
    expect(await page.getByTestId('session-0-starts-at').inputValue()).toBe(wallClock(START, ZONE));
    await page.getByTestId('session-0-ends-at').fill(wallClock(minutesAfterStart(45), ZONE));
    await page.getByTestId('session-add').click();
    expect(await page.getByTestId('session-1-starts-at').inputValue()).toBe(wallClock(minutesAfterStart(45), ZONE));
    await page.getByTestId('session-1-title').fill('Questions and answers');
    await page.getByTestId('session-1-ends-at').fill(wallClock(minutesAfterStart(90), ZONE));

    await page.getByTestId('question-add').click();
    await page.getByTestId('question-0-label').fill('Which track will you follow?');
    await page.getByTestId('question-0-kind').selectOption('choice');
    await page.getByTestId('question-0-options').fill('Investigators\nProsecutors');
    await page.getByTestId('question-0-required').check();

    await page.getByTestId('event-connection').fill(CONNECTION);
    await page.getByTestId('event-rules').fill(RULES);
    await page.getByTestId('private-badge').getByText('Private until confirmation').waitFor();
    await page.getByTestId('material-add').click();
    await page.getByTestId('material-0-label').fill('Slides');
    await page.getByTestId('material-0-url').fill('https://files.example.org/slides.pdf');
    await checkA11y(page, 'event form');
    await shot(page, '02-form');

    await page.getByTestId('event-submit').click();
    await page.waitForURL((url) => /^\/events\/[0-9a-f-]{36}$/.test(url.pathname));
    state.eventId = new URL(page.url()).pathname.split('/')[2]!;
    await waitForHeading(page, TITLE);
    expect(await page.getByTestId('event-status').textContent()).toBe('Draft');
    expect(await page.getByTestId('summary-seats').textContent()).toBe('0 / 3');
    // The form now holds what the server stored, times back in the event's zone.
    expect(await page.getByTestId('event-starts-at').inputValue()).toBe(wallClock(START, ZONE));
    expect(await page.getByTestId('session-1-title').inputValue()).toBe('Questions and answers');
    expect(await page.getByTestId('reminder-0-amount').inputValue()).toBe('1');
    expect(await page.getByTestId('reminder-0-unit').inputValue()).toBe('days');
    // Saving without a change says so and sends nothing.
    await page.getByTestId('event-submit').click();
    await page.getByTestId('event-form-unchanged').waitFor();
  });

  step('the trainer publishes it; the list shows it with its seats', async () => {
    await page.getByTestId('event-publish').click();
    await page.getByRole('dialog').waitFor();
    await checkA11y(page, 'publish confirmation');
    await page.getByTestId('confirm-submit').click();
    await expect.poll(() => page.getByTestId('event-status').textContent()).toBe('Published');
    const link = page.getByTestId('event-public-link');
    state.publicUrl = (await link.getAttribute('href')) ?? '';
    expect(state.publicUrl).toMatch(new RegExp(`^${session!.server.baseUrl}/e/[a-z0-9-]+$`));
    state.slug = state.publicUrl.split('/e/')[1]!;
    expect(state.slug).toMatch(/^victim-identification-across-borders/);
    // A published event can still be changed: only what changed is sent.
    await page.getByTestId('event-interpretation').fill('Simultaneous interpretation into French and Spanish');
    await page.getByTestId('event-submit').click();
    await page.getByText('The event was saved.').waitFor();
    expect(await page.getByTestId('event-interpretation').inputValue()).toBe('Simultaneous interpretation into French and Spanish');
    expect(await page.getByTestId('event-starts-at').inputValue()).toBe(wallClock(START, ZONE));
    await checkA11y(page, 'event page (published)');
    await shot(page, '03-event-published');

    await page.getByTestId('nav-events').click();
    await waitForPath(page, '/events');
    const row = page.getByTestId(`event-row-${state.slug}`);
    await row.waitFor();
    expect(await row.getByTestId('event-status').textContent()).toBe('Published');
    expect(await row.getByTestId('event-seats').textContent()).toBe('0 / 3');
    await checkA11y(page, 'events list');
    await shot(page, '01-list');
  });

  step('three visitors register on the public page (no account) and follow the verification links: confirmed', async () => {
    for (const visitor of [ana, ben, chloe]) {
      const tab = await visitorPage(visitor.key, { locale: 'en-GB', timezoneId: visitor.zone });
      current = () => tab;
      await tab.goto(state.publicUrl);
      await waitForHeading(tab, TITLE);
      if (visitor === ana) {
        // The title is shown as the text it is, not as markup.
        expect(await tab.getByTestId('public-title').textContent()).toBe(TITLE);
        // Private fields never reach the public page.
        expect(await tab.content()).not.toContain('meet.example.org');
        expect(await tab.getByTestId('public-seats').textContent()).toBe('3 of 3 seats left');
        // The honeypot is out of sight, out of the tab order and hidden from screen readers.
        expect(await tab.getByTestId('honeypot').getAttribute('aria-hidden')).toBe('true');
        expect(await tab.getByTestId('reg-website').getAttribute('tabindex')).toBe('-1');
        const box = await tab.getByTestId('reg-website').boundingBox();
        expect(box === null || box.x + box.width <= 0).toBe(true);
        // Sent empty: each field says what it needs, nothing is sent.
        await tab.getByTestId('reg-submit').click();
        await expect.poll(() => tab.getByTestId('reg-email').getAttribute('aria-invalid')).toBe('true');
        expect(await tab.getByTestId('reg-consent').getAttribute('aria-invalid')).toBe('true');
        expect(smtp.to(visitor.email)).toEqual([]);
        await checkA11y(tab, 'public event page (form with errors)');
        await tab.reload();
        await waitForHeading(tab, TITLE);
        await checkA11y(tab, 'public event page');
        await shot(tab, '10-public-en');
      }
      await register(tab, visitor);
      if (visitor === ana) {
        await checkA11y(tab, 'check your mailbox');
        await shot(tab, '11-public-check-mailbox');
      }
      const [verification] = await mailsTo(visitor.email, 'Confirm your registration');
      expect(verification!.text).not.toContain(CONNECTION);
      await tab.goto(linkIn(verification!, 'verify'));
      await tab.getByTestId('verify-result').waitFor();
      expect(await tab.getByTestId('link-status').getAttribute('data-status')).toBe('confirmed');
      if (visitor === ana) {
        await checkA11y(tab, 'verification page');
        await shot(tab, '12-public-verified');
      }
      const [confirmation] = await mailsTo(visitor.email, 'Registration confirmed');
      expect(confirmation!.text).toContain(CONNECTION);
      expect(confirmation!.attachments.map((a) => a.filename)).toContain('event.ics');
    }
    current = () => page;
  });

  step('the fourth finds the event full, joins the waiting list, verifies, and waits (in New York time)', async () => {
    const tab = await visitorPage(dario.key, { locale: 'en-US', timezoneId: dario.zone });
    current = () => tab;
    await tab.goto(state.publicUrl);
    await waitForHeading(tab, TITLE);
    await tab.getByTestId('event-full').waitFor();
    expect(await tab.getByTestId('reg-submit').textContent()).toBe('Join the waiting list');
    // Times in the visitor's own zone, the event's zone named beside them.
    const zoneNote = (await tab.getByTestId('public-zone-note').textContent()) ?? '';
    expect(zoneNote).toContain('America/New_York');
    expect(zoneNote).toContain('Europe/Paris');
    const nyHour = toLocal(START.getTime(), 'America/New_York').hour;
    const hour12 = `${nyHour % 12 || 12}:00`;
    expect(await tab.getByTestId('public-when').textContent()).toContain(hour12);
    expect(await tab.getByTestId('public-session').count()).toBe(2);
    await checkA11y(tab, 'public event page (full)');
    await shot(tab, '13-public-full-new-york');
    await register(tab, dario);
    await tab.getByTestId('check-mailbox-waiting').waitFor();
    const [verification] = await mailsTo(dario.email, 'Confirm your registration');
    await tab.goto(linkIn(verification!, 'verify'));
    await tab.getByTestId('verify-result').waitFor();
    expect(await tab.getByTestId('link-status').getAttribute('data-status')).toBe('waiting');
    expect(await tab.getByTestId('link-status-text').textContent()).toContain('number 1 on the waiting list');
    const [waiting] = await mailsTo(dario.email, 'You are on the waiting list');
    expect(waiting!.text).not.toContain(CONNECTION);
    current = () => page;
  });

  step('the organiser’s registrations page shows three confirmed and one waiting, with their answers', async () => {
    await openRegistrations();
    expect(await statusesOnPage()).toEqual({ [ana.email]: 'confirmed', [ben.email]: 'confirmed', [chloe.email]: 'confirmed', [dario.email]: 'waiting' });
    // What a registrant typed is shown as text.
    await page.getByTestId('registrations-table').getByText(chloe.name, { exact: true }).waitFor();
    await page.getByTestId('registrations-table').getByText('Position 1 in line').waitFor();
    // Filters: by status, then by country.
    await page.getByTestId('registrations-filter-status').selectOption('waiting');
    await expect.poll(async () => Object.keys(await statusesOnPage())).toEqual([dario.email]);
    await page.getByTestId('registrations-filter-status').selectOption('');
    await page.getByTestId('registrations-filter-country').fill('Portugal');
    await page.getByRole('option', { name: 'Portugal', exact: true }).click();
    await expect.poll(async () => Object.keys(await statusesOnPage())).toEqual([ana.email]);
    await page.getByRole('button', { name: 'Clear the country' }).click();
    await expect.poll(async () => Object.keys(await statusesOnPage()).length).toBe(4);
    await checkA11y(page, 'registrations page');
    await shot(page, '04-registrations');
  });

  step('one cancels through the personal link of the confirmation e-mail (a click is needed)', async () => {
    const tab = visitorPages.get(ben.key)!;
    current = () => tab;
    const [confirmation] = await mailsTo(ben.email, 'Registration confirmed');
    await tab.goto(linkIn(confirmation!, 'registration', 'cancel'));
    await tab.getByTestId('manage-registration').waitFor();
    // Opening the link changed nothing.
    expect(await tab.getByTestId('link-status').getAttribute('data-status')).toBe('confirmed');
    await tab.getByTestId('link-action-prompt').waitFor();
    await checkA11y(tab, 'personal page (cancel)');
    await shot(tab, '14-public-manage-cancel');
    await tab.getByTestId('link-cancel').click();
    await tab.getByTestId('link-action-done').waitFor();
    expect(await tab.getByTestId('link-status').getAttribute('data-status')).toBe('cancelled');
    expect(await tab.getByTestId('link-cancel').count()).toBe(0);
    await mailsTo(ben.email, 'Registration cancelled');
    current = () => page;
  });

  step('the waiting one receives the offer, accepts through its link, and is confirmed', async () => {
    const tab = visitorPages.get(dario.key)!;
    current = () => tab;
    const [offer] = await mailsTo(dario.email, 'A seat is free for you');
    await tab.goto(linkIn(offer!, 'registration', 'accept'));
    await tab.getByTestId('manage-registration').waitFor();
    expect(await tab.getByTestId('link-status').getAttribute('data-status')).toBe('offered');
    expect(await tab.getByTestId('link-accept').isVisible()).toBe(true);
    expect(await tab.getByTestId('link-decline').isVisible()).toBe(true);
    await checkA11y(tab, 'personal page (offer)');
    await shot(tab, '15-public-offer');
    await tab.getByTestId('link-accept').click();
    await tab.getByTestId('link-action-done').waitFor();
    expect(await tab.getByTestId('link-status').getAttribute('data-status')).toBe('confirmed');
    const [confirmation] = await mailsTo(dario.email, 'Registration confirmed');
    expect(confirmation!.text).toContain(CONNECTION);
    current = () => page;
  });

  step('the organiser sees the new statuses and the e-mails of the one who cancelled, with their delivery status', async () => {
    await openRegistrations();
    expect(await statusesOnPage()).toEqual({ [ana.email]: 'confirmed', [ben.email]: 'cancelled', [chloe.email]: 'confirmed', [dario.email]: 'confirmed' });
    await page.locator(`[data-testid="registration-row"][data-email="${ben.email}"]`).getByTestId('registration-messages').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('messages-list').waitFor();
    const kinds = await dialog.getByTestId('message').evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-kind')}:${n.getAttribute('data-status')}`));
    expect(kinds).toEqual(['verification:sent', 'confirmation:sent', 'cancellation:sent']);
    // The personal links are the registrant's: the organiser's copy shows [link].
    await dialog.getByText('Show the text').first().click();
    expect(await dialog.getByTestId('message-text').first().textContent()).toContain('[link]');
    await checkA11y(page, 'message log');
    await shot(page, '05-messages');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  step('the day-before reminder, run as of the day before, reaches the three confirmed participants only, with the connection instructions', async () => {
    const before = smtp.inbox.length;
    // The operator's way to run the reminder pass at another time (ADR 6): the real CLI, which
    // finds the running server through the data directory and acts with its operator token.
    const asOf = new Date(START.getTime() - 23 * 3_600_000).toISOString();
    // Asynchronously: the test SMTP server lives in this process and must answer meanwhile.
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'cli', 'bin.mjs'), 'event', 'remind', state.slug, '--as-of', asOf, '--json'], {
      cwd: ROOT,
      env: { ...process.env, LIAISON_DATA_DIR: session!.server.dataDir, LIAISON_LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toMatchObject({ asOf, queued: 3 });
    await expect.poll(() => smtp.inbox.slice(before).filter((m) => m.subject.startsWith('Reminder:')).length, { timeout: 15_000 }).toBe(3);
    const reminders = smtp.inbox.slice(before).filter((m) => m.subject.startsWith('Reminder:'));
    expect(reminders.flatMap((m) => m.to).sort()).toEqual([ana.email, chloe.email, dario.email].sort());
    for (const mail of reminders) {
      expect(mail.subject).toContain('starts in 1 day');
      expect(mail.text).toContain(CONNECTION);
      expect(mail.text).toContain(RULES);
    }
    expect(smtp.to(ben.email).some((m) => m.subject.startsWith('Reminder:'))).toBe(false);
    // A trainer may not run it "as of" another time: that is the operator's.
    const refused = await page.evaluate(
      async ([id, at]) => (await fetch(`/api/v1/events/${id}/remind`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ asOf: at }) })).status,
      [state.eventId, asOf] as const,
    );
    expect(refused).toBe(403);
  });

  step('the export downloads as CSV with the registrations; the attendance import marks one and lists the unknown row', async () => {
    await openRegistrations();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    for (const visitor of VISITORS) expect(csv).toContain(visitor.email);
    // A registrant's markup is a name in the file, not markup.
    expect(csv).toContain('Chloé Martin <b>');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(fs.readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK');

    await page.getByTestId('attendance-import').locator('input[type=file]').setInputFiles({
      name: 'attendance.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`email,minutes\n${ana.email},88\nstranger@example.org,12\n`),
    });
    await page.getByTestId('attendance-submit').click();
    await page.getByTestId('attendance-result').waitFor();
    expect(await page.getByTestId('attendance-marked').textContent()).toBe('Marked as attended: 1');
    await page.getByTestId('attendance-problems').getByText('stranger@example.org').waitFor();
    await expect.poll(async () => (await statusesOnPage())[ana.email]).toBe('attended');
    await checkA11y(page, 'registrations after the attendance import');
    await shot(page, '06-attendance');
  });

  step('the organiser adds a participant by hand: the event is full, so she joins the waiting list; then rejects her', async () => {
    await page.getByTestId('registration-add').click();
    const dialog = page.getByRole('dialog', { name: 'Add a participant' });
    await dialog.waitFor();
    await dialog.getByTestId('manual-submit').click();
    await expect.poll(() => dialog.getByTestId('manual-name').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByTestId('manual-name').fill('Eva Lindqvist');
    await dialog.getByTestId('manual-email').fill('eva.lindqvist@police.example.org');
    await dialog.getByTestId('manual-organisation').fill('Swedish Police Authority (fictitious)');
    await dialog.getByTestId('manual-country').fill('Sweden');
    await page.getByRole('option', { name: 'Sweden', exact: true }).click();
    await dialog.getByTestId('manual-role').selectOption('law_enforcement');
    await checkA11y(page, 'manual registration');
    await shot(page, '18-manual-add');
    await dialog.getByTestId('manual-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await statusesOnPage())['eva.lindqvist@police.example.org']).toBe('waiting');
    await mailsTo('eva.lindqvist@police.example.org', 'You are on the waiting list');
    // The organiser cannot take her after all: rejected, with a reason she is told.
    const row = page.locator('[data-testid="registration-row"][data-email="eva.lindqvist@police.example.org"]');
    await row.getByTestId('registration-reject').click();
    const reject = page.getByRole('dialog', { name: 'Reject the registration' });
    await reject.getByTestId('reject-reason').fill('The session is reserved for the partner agencies of the programme.');
    await checkA11y(page, 'reject a registration');
    await reject.getByTestId('reject-submit').click();
    await reject.waitFor({ state: 'detached' });
    await expect.poll(async () => (await statusesOnPage())['eva.lindqvist@police.example.org']).toBe('rejected');
    const [rejection] = await mailsTo('eva.lindqvist@police.example.org', 'Registration not accepted');
    expect(rejection!.text).toContain('reserved for the partner agencies');
  });

  step('the statistics count by status, country and role, with bars', async () => {
    await page.getByTestId('event-tab-statistics').click();
    await waitForPath(page, `/events/${state.eventId}/statistics`);
    await page.getByTestId('statistics').waitFor();
    const count = (chart: string, key: string) => page.getByTestId(`chart-${chart}`).locator(`[data-key="${key}"]`).getAttribute('data-count');
    expect(await count('by-status', 'confirmed')).toBe('2');
    expect(await count('by-status', 'attended')).toBe('1');
    expect(await count('by-status', 'cancelled')).toBe('1');
    expect(await count('by-status', 'rejected')).toBe('1');
    // Counted: confirmed and attended (Ana PT, Chloé FR, Dario IT).
    expect(await count('by-country', 'PT')).toBe('1');
    expect(await page.getByTestId('chart-by-country').locator('[data-key="IE"]').count()).toBe(0); // Ben cancelled
    expect(await count('by-role', 'law_enforcement')).toBe('2');
    expect(await count('by-role', 'contact_point')).toBe('1');
    await checkA11y(page, 'statistics');
    await shot(page, '07-statistics');
  });

  step('the printable participant list has no app chrome, one row per participant', async () => {
    await page.getByTestId('event-tab-details').click();
    await page.getByTestId('event-tab-print').click();
    await waitForPath(page, `/events/${state.eventId}/print`);
    await page.getByTestId('print-table').waitFor();
    expect(await page.getByTestId('print-row').count()).toBe(3);
    expect(await page.getByTestId('nav-events').count()).toBe(0);
    expect(await page.getByTestId('print-table').textContent()).toContain(chloe.name);
    await checkA11y(page, 'printable list');
    await shot(page, '08-print');
    // In print media the button disappears.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('print-button').isVisible()).toBe(false);
    await screenshot(page, 'events-09-print-media');
    await page.emulateMedia({ media: 'screen' });
  });

  step('the public page in French: texts, dates and the full event’s waiting list', async () => {
    const tab = await visitorPage('french', { locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    current = () => tab;
    await tab.goto(state.publicUrl);
    await waitForHeading(tab, TITLE);
    expect(await tab.locator('html').getAttribute('lang')).toBe('fr');
    await tab.getByRole('heading', { name: 'Informations pratiques' }).waitFor();
    await tab.getByRole('heading', { name: 'Rejoindre la liste d’attente' }).waitFor();
    expect(await tab.getByTestId('reg-submit').textContent()).toBe('Rejoindre la liste d’attente');
    expect(await tab.getByTestId('public-zone-note').textContent()).toContain('Dans votre fuseau horaire (Europe/Paris)');
    expect(await tab.getByTestId('public-language').textContent()).toContain('anglais');
    await tab.getByTestId('reg-submit').click();
    await expect.poll(() => tab.getByTestId('reg-consent').getAttribute('aria-invalid')).toBe('true');
    await tab.getByText('Vous devez accepter la notice de confidentialité pour vous inscrire.').waitFor();
    await checkA11y(tab, 'public event page in French');
    await shot(tab, '16-public-fr');
    // The personal page in French too, and back to English with the switch.
    const [confirmation] = await mailsTo(chloe.email, 'Registration confirmed');
    await tab.goto(linkIn(confirmation!, 'registration'));
    await tab.getByTestId('manage-registration').waitFor();
    expect(await tab.getByTestId('link-status-badge').textContent()).toBe('Confirmée');
    await tab.getByRole('button', { name: 'Annuler mon inscription' }).waitFor();
    await checkA11y(tab, 'personal page in French');
    await shot(tab, '17-public-manage-fr');
    await tab.getByTestId('lang-switch').selectOption('en');
    await tab.getByRole('button', { name: 'Cancel my registration' }).waitFor();
    current = () => page;
  });

  step('with approval turned on, a new registration waits for the organiser, who approves it (onto the waiting list: the event is full)', async () => {
    const femi = { key: 'femi', name: 'Femi Adeyemi', email: 'femi.adeyemi@police.example.org', country: 'Nigeria', code: 'NG', role: 'law_enforcement', track: 'Prosecutors', zone: 'Africa/Lagos' } as const;
    await page.goto(`${session!.server.baseUrl}/events/${state.eventId}`);
    await waitForHeading(page, TITLE);
    await page.getByRole('switch', { name: 'Registrations need my approval' }).check();
    await page.getByTestId('event-submit').click();
    await page.getByText('The event was saved.').waitFor();

    const tab = await visitorPage(femi.key, { locale: 'en-GB', timezoneId: femi.zone });
    current = () => tab;
    await tab.goto(state.publicUrl);
    await waitForHeading(tab, TITLE);
    await tab.getByText('The organiser approves each registration.').waitFor();
    await register(tab, femi as unknown as Visitor);
    const [verification] = await mailsTo(femi.email, 'Confirm your registration');
    await tab.goto(linkIn(verification!, 'verify'));
    await tab.getByTestId('verify-result').waitFor();
    expect(await tab.getByTestId('link-status').getAttribute('data-status')).toBe('pending_approval');
    current = () => page;

    await openRegistrations();
    const row = page.locator(`[data-testid="registration-row"][data-email="${femi.email}"]`);
    expect(await row.getAttribute('data-status')).toBe('pending_approval');
    await row.getByTestId('registration-approve').click();
    await expect.poll(async () => (await statusesOnPage())[femi.email]).toBe('waiting');
    await mailsTo(femi.email, 'You are on the waiting list');
  });

  step('the trainer cancels the event: registrants are told by e-mail, the public page says so and takes no registration', async () => {
    await page.getByTestId('event-tab-details').click();
    await waitForPath(page, `/events/${state.eventId}`);
    await page.getByTestId('event-cancel').click();
    const dialog = page.getByRole('dialog', { name: 'Cancel the event' });
    await dialog.getByTestId('cancel-message').fill('The session moves to the spring programme; you will be invited again.');
    await checkA11y(page, 'cancel the event');
    await dialog.getByTestId('cancel-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('event-status').textContent()).toBe('Cancelled');
    await page.getByTestId('event-cancelled-note').waitFor();
    expect(await page.getByTestId('event-form').count()).toBe(0);
    const [notice] = await mailsTo(chloe.email, 'Event cancelled');
    expect(notice!.text).toContain('spring programme');

    const tab = visitorPages.get(ana.key)!;
    current = () => tab;
    await tab.goto(state.publicUrl);
    await tab.getByTestId('public-cancelled').waitFor();
    expect(await tab.getByTestId('registration-form').count()).toBe(0);
    expect(await tab.getByTestId('public-seats').count()).toBe(0);
    await checkA11y(tab, 'public page of a cancelled event');
    await shot(tab, '19-public-cancelled');
    current = () => page;
  });

  step('a link that is not valid says so; nothing crashed in any page', async () => {
    const tab = visitorPages.get('french')!;
    await tab.goto(`${session!.server.baseUrl}/e/${state.slug}/verify?token=${'x'.repeat(43)}`);
    await tab.getByTestId('link-invalid').waitFor();
    await tab.goto(`${session!.server.baseUrl}/e/no-such-event-here`);
    await tab.getByTestId('public-not-found').waitFor();
    expect(session!.pageErrors).toEqual([]);
  });
});
