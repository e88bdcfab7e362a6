/**
 * Cases in a real browser: an investigator opens a case, records an IP address (first without
 * its time, which the form refuses, naming the field), an onion v3 address (a mistyped one is
 * refused by the server next to the field), the same IP again (merged), a note, and reads the
 * timeline; a second case with the same IP address links to the first. A colleague of the same
 * organisation outside the team opens the case's address and sees "not found or not shared".
 * axe-core checks the cases list, the case page and the not-found page.
 */
import crypto from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  checkA11y,
  createUserAsAdmin,
  fieldError,
  firstSignIn,
  flowSteps,
  screenshot,
  signOut,
  waitForAnimations,
  waitForHeading,
  waitForPath,
  openE2eSession,
  type E2eSession,
  type TestServer,
} from './support.ts';

const ADMIN_NEW_PASSWORD = 'violet harbour compass 83';
const INVESTIGATOR = { email: 'ines.martin@demo.liaison.test', name: 'Inès Martin', password: 'amber meadow quarry 29' };
const OUTSIDER = { email: 'bruno.keller@demo.liaison.test', name: 'Bruno Keller', password: 'granite willow signal 58' };

const CASE_TITLE = 'Hidden forum distributing material';
const SECOND_TITLE = 'Second forum';
const IP = '203.0.113.7';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** A valid onion v3 address: base32(PUBKEY | CHECKSUM | VERSION), CHECKSUM = SHA3-256(".onion checksum" | PUBKEY | VERSION)[:2]. */
function onionV3(): string {
  const publicKey = crypto.randomBytes(32);
  const version = Buffer.from([0x03]);
  const checksum = crypto
    .createHash('sha3-256')
    .update(Buffer.concat([Buffer.from('.onion checksum'), publicKey, version]))
    .digest()
    .subarray(0, 2);
  return `${base32(Buffer.concat([publicKey, checksum, version]))}.onion`;
}

const ONION = onionV3();
/** The same address with its first character changed: the checksum no longer matches. */
const MISTYPED_ONION = `${ONION.startsWith('a') ? 'b' : 'a'}${ONION.slice(1)}`;

let server: TestServer;
let page: Page;
let pageErrors: string[] = [];
let session: E2eSession | undefined;
const state = { investigatorPassword: '', outsiderPassword: '', casePath: '' };

const step = flowSteps(() => page);

/** A full-page screenshot from the top (a page scrolled down would draw its fixed header mid-page). */
async function shot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await waitForAnimations(page);
  await screenshot(page, name);
}

/** Opens the "Open a case" modal, fills it and waits for the new case's page. */
async function openCase(title: string, summary: string, offences: string[]): Promise<void> {
  await page.getByTestId('case-new').click();
  await page.getByRole('dialog', { name: 'Open a case' }).waitFor();
  await page.getByTestId('case-title').fill(title);
  await page.getByTestId('case-summary').fill(summary);
  for (const offence of offences) {
    await page.getByTestId('case-offences').click();
    await page.getByRole('option', { name: offence, exact: true }).click();
  }
  await page.getByTestId('case-title').click(); // closes the offences list
  await page.getByTestId('case-handling-code').selectOption('H1');
  if (title === CASE_TITLE) {
    await checkA11y(page, 'open-a-case form');
    await screenshot(page, 'cases-00-open-case');
  }
  await page.getByTestId('case-submit').click();
  await page.waitForURL((url) => /^\/cases\/[0-9a-f-]{36}$/.test(url.pathname));
  await waitForHeading(page, title);
}

/** Fills the identifier form (the fields given) and sends it. */
async function addIdentifier(fields: { kind: string; value: string; observedAt?: string; timeZone?: string; note?: string }): Promise<void> {
  await page.getByTestId('identifier-kind').selectOption(fields.kind);
  await page.getByTestId('identifier-value').fill(fields.value);
  await page.getByTestId('identifier-observed-at').fill(fields.observedAt ?? '');
  if (fields.timeZone !== undefined) {
    await page.getByTestId('identifier-time-zone').fill(fields.timeZone);
    await page.getByRole('option', { name: fields.timeZone, exact: true }).click();
  }
  await page.getByTestId('identifier-note').fill(fields.note ?? '');
  await page.getByTestId('identifier-submit').click();
}

/** The rows of the identifiers table whose identifier cell shows `display`. */
function identifierRow(display: string) {
  return page.getByTestId('identifiers-table').getByTestId('identifier-row').filter({ has: page.getByTestId('identifier-display').getByText(display, { exact: true }) });
}

beforeAll(async () => {
  session = await openE2eSession();
  ({ server, page, pageErrors } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('cases flow', () => {
  step('the administrator creates two investigators; cases are not in an administrator’s menu', async () => {
    await page.goto(`${server.baseUrl}/`);
    await firstSignIn(page, { email: server.adminEmail, oneTimePassword: server.adminPassword, newPassword: ADMIN_NEW_PASSWORD, displayName: 'Demo administrator' });
    // Case content is need-to-know: an administrator has no case permission and no menu entry.
    await page.getByTestId('nav-directory').waitFor();
    expect(await page.getByTestId('nav-cases').count()).toBe(0);
    state.investigatorPassword = await createUserAsAdmin(page, { email: INVESTIGATOR.email, name: INVESTIGATOR.name, roles: ['investigator'] });
    state.outsiderPassword = await createUserAsAdmin(page, { email: OUTSIDER.email, name: OUTSIDER.name, roles: ['investigator'] });
    await signOut(page);
  });

  step('the investigator opens a case from the cases page', async () => {
    await firstSignIn(page, { email: INVESTIGATOR.email, oneTimePassword: state.investigatorPassword, newPassword: INVESTIGATOR.password, displayName: INVESTIGATOR.name });
    await page.getByTestId('home-cases').waitFor();
    await page.getByTestId('nav-cases').click();
    await waitForPath(page, '/cases');
    await waitForHeading(page, 'Cases');
    await page.getByTestId('cases-empty').waitFor();

    await openCase(CASE_TITLE, 'Forum on a Tor onion service; an administrator logged in from a French IP address.', [
      'Child sexual abuse material — distribution',
      'Solicitation of children (grooming)',
    ]);
    state.casePath = new URL(page.url()).pathname;
    expect(await page.getByTestId('case-reference').textContent()).toMatch(/^Case \d{4}\/\d+$/);
    expect(await page.getByTestId('case-status').textContent()).toBe('Open');
    expect(await page.getByTestId('case-handling').textContent()).toMatch(/^H1 — /);
    // The overview lists the offences with their articles, and the investigator as lead.
    expect(await page.getByTestId('case-offences-table').textContent()).toContain('Directive 2011/93/EU Art. 6');
    expect(await page.getByTestId(`team-row-${INVESTIGATOR.email}`).textContent()).toContain('Lead');
    await checkA11y(page, 'case page, overview tab');
    await shot('cases-02-overview');
  });

  step('an IP address without its time is refused, naming the field; with time and zone it is recorded', async () => {
    await page.getByTestId('case-tab-identifiers').click();
    await page.getByTestId('identifiers-empty').waitFor();
    expect(await page.getByTestId('identifier-time-why').textContent()).toContain(
      'An IP address without the time it was seen and its time zone cannot identify a subscriber',
    );

    await addIdentifier({ kind: 'ip', value: IP });
    expect(await fieldError(page, 'identifier-observed-at')).toMatch(/^Required for an IP address: without the time it was seen/);
    expect(await fieldError(page, 'identifier-time-zone')).toMatch(/^Required for an IP address: without the time zone/);
    expect(await page.getByTestId('identifiers-empty').count()).toBe(1);

    await addIdentifier({ kind: 'ip', value: IP, observedAt: '2026-03-01 14:05:09', timeZone: 'Europe/Paris', note: 'Forum administrator login, server log line 4411' });
    const outcome = page.getByTestId('identifier-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain(`Added: ${IP}`);
    const row = identifierRow(IP);
    await row.waitFor();
    // The log's local time in Paris (UTC+1 in March) and the instant in UTC.
    expect(await row.getByTestId('identifier-utc').textContent()).toBe('2026-03-01 13:05:09 UTC');
    expect(await row.getByTestId('identifier-local').textContent()).toBe('2026-03-01 14:05:09 +01:00');
    expect(await row.textContent()).toContain('Europe/Paris');
  });

  step('a mistyped onion address is refused by the server next to the field; the right one is recorded', async () => {
    // Kind, zone and the other fields are kept from the previous entry; an onion needs no time.
    await page.getByTestId('identifier-kind').selectOption('onion');
    await page.getByTestId('identifier-time-zone').click();
    await page.getByRole('button', { name: 'Clear the time zone' }).click();
    await addIdentifier({ kind: 'onion', value: MISTYPED_ONION, note: 'Forum address from the victim’s browser history' });
    await page.getByTestId('error-alert').waitFor();
    expect(await fieldError(page, 'identifier-value')).toBe('the onion address checksum does not match: a character is wrong');

    await addIdentifier({ kind: 'onion', value: ONION, note: 'Forum address from the victim’s browser history' });
    await identifierRow(ONION).waitFor();
    await identifierRow(IP).waitFor();
    expect(await page.getByTestId('identifiers-table').getByTestId('identifier-row').count()).toBe(2);
    expect(await page.getByTestId('case-tab-identifiers').textContent()).toContain('2');
  });

  step('the same IP address at the same time entered again is merged', async () => {
    await addIdentifier({ kind: 'ip', value: IP, observedAt: '2026-03-01 14:05:09', timeZone: 'Europe/Paris' });
    const outcome = page.getByTestId('identifier-outcome');
    await outcome.getByText('Already in the case — merged (seen 2 times).').waitFor();
    await expect.poll(async () => (await identifierRow(IP).locator('td').nth(4).textContent())?.trim()).toBe('2');
    await checkA11y(page, 'case page, identifiers tab');
    await shot('cases-03-identifiers');
  });

  step('a note is added and listed', async () => {
    await page.getByTestId('case-tab-notes').click();
    await page.getByTestId('case-notes-empty').waitFor();
    await page.getByTestId('note-body').fill('Asked the French 24/7 point informally whether the ISP keeps NAT logs.');
    await page.getByTestId('note-submit').click();
    const note = page.getByTestId('case-note');
    await note.first().waitFor();
    expect(await note.count()).toBe(1);
    expect(await note.first().textContent()).toContain('Asked the French 24/7 point informally');
    expect(await note.first().textContent()).toContain(INVESTIGATOR.name);
  });

  step('the timeline lists what happened, newest first, in words', async () => {
    await page.getByTestId('case-tab-timeline').click();
    const events = page.getByTestId('case-timeline').getByTestId('timeline-event');
    await events.first().waitFor();
    const actions = await events.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
    expect(actions).toEqual(['case.note.add', 'case.identifier.merge', 'case.identifier.add', 'case.identifier.add', 'case.create']);
    const texts = await events.allTextContents();
    expect(texts[0]).toContain('Note added');
    expect(texts[1]).toContain(`Identifier entered again (merged)`);
    expect(texts[2]).toContain(`Onion service (Tor): ${ONION}`);
    expect(texts[3]).toContain(`IP address: ${IP}`);
    expect(texts[4]).toContain('Case opened');
    await checkA11y(page, 'case page, timeline tab');
    await shot('cases-04-timeline');
  });

  step('a second case with the same IP address links to the first', async () => {
    await page.getByTestId('nav-cases').click();
    await waitForPath(page, '/cases');
    await page.getByTestId('cases-table').waitFor();
    await openCase(SECOND_TITLE, 'Another forum; the same administrator IP address shows in its logs.', ['Sexual abuse']);
    await page.getByTestId('case-tab-identifiers').click();
    await addIdentifier({ kind: 'ip', value: IP, observedAt: '2026-04-12T22:17:45Z', timeZone: 'UTC' });
    const link = page.getByTestId('identifier-outcome').getByRole('link', { name: new RegExp(`^Also in case \\d{4}/\\d+ — ${CASE_TITLE}$`) });
    await link.waitFor();
    await page.getByTestId('identifiers-links').waitFor();
    await link.click();
    await waitForPath(page, state.casePath);
    await waitForHeading(page, CASE_TITLE);
    // And back: the first case now shows the link to the second one.
    await page.getByTestId('identifiers-links').getByRole('link', { name: new RegExp(`— ${SECOND_TITLE}$`) }).waitFor();
    await shot('cases-05-identifiers-linked');
  });

  step('the cases list finds the cases by text and status', async () => {
    await page.getByTestId('nav-cases').click();
    await waitForPath(page, '/cases');
    const table = page.getByTestId('cases-table');
    await table.waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    await checkA11y(page, 'cases list');
    await shot('cases-01-list');
    await page.getByTestId('cases-search').fill('hidden');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
    expect(await table.textContent()).toContain(CASE_TITLE);
    await page.getByTestId('cases-status').selectOption('closed');
    await page.getByTestId('cases-empty').waitFor();
    expect(await page.getByTestId('cases-empty').textContent()).toBe('No case matches these filters.');
  });

  step('the lead suspends the case; the timeline says what changed', async () => {
    await page.goto(`${server.baseUrl}${state.casePath}`);
    await waitForHeading(page, CASE_TITLE);
    await page.getByTestId('case-edit').click();
    await page.getByRole('dialog', { name: /^Edit case \d{4}\/\d+$/ }).waitFor();
    await page.getByTestId('case-status-select').selectOption('suspended');
    await page.getByTestId('case-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('Suspended');
    await page.getByTestId('case-tab-timeline').click();
    const latest = page.getByTestId('case-timeline').getByTestId('timeline-event').first();
    await expect.poll(() => latest.textContent()).toContain('Status: Open → Suspended');
    expect(await latest.textContent()).toContain('Case changed');
  });

  step('in French, the case page and its identifiers read in French', async () => {
    await page.goto(`${server.baseUrl}${state.casePath}?tab=identifiers`);
    await waitForHeading(page, CASE_TITLE);
    await page.getByTestId('lang-switch').selectOption('fr');
    await page.getByRole('heading', { name: 'Ajouter un identifiant' }).waitFor();
    expect(await page.getByTestId('case-status').textContent()).toBe('Suspendu');
    await identifierRow(IP).waitFor();
    await shot('cases-06-identifiers-fr');
    await page.getByTestId('case-tab-timeline').click();
    await page.getByTestId('case-timeline').getByText('Dossier ouvert').waitFor();
    await shot('cases-07-timeline-fr');
    await page.getByTestId('lang-switch').selectOption('en');
    await waitForHeading(page, CASE_TITLE);
    await signOut(page);
  });

  step('a colleague outside the team who opens the case’s address sees “not found or not shared”', async () => {
    await firstSignIn(page, { email: OUTSIDER.email, oneTimePassword: state.outsiderPassword, newPassword: OUTSIDER.password, displayName: OUTSIDER.name });
    await page.goto(`${server.baseUrl}${state.casePath}`);
    await waitForHeading(page, 'Case not found or not shared with you');
    expect(await page.getByTestId('case-not-found').textContent()).toContain('ask its lead to add you to the team');
    await checkA11y(page, 'case not found page');
    await shot('cases-08-not-found');
    // Nor does the case turn up in their list.
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('cases-empty').waitFor();
  });

  step('no uncaught error happened in the page', async () => {
    expect(pageErrors).toEqual([]);
  });
});
