/**
 * Requests in a real browser: an investigator creates a case, adds an IP address with its time and
 * zone and an onion address, asks the route advisor, drafts a preservation request from the route,
 * cannot send it while a required item is missing (the message names the item and the article),
 * completes it; a prosecutor on the case team validates it (in a second browser); it is marked
 * sent; the dashboard shows its expiry; the PDF downloads and its text holds every Art. 29(2)
 * item with the values typed; a follow-up MLA request is created from it, prefilled. axe-core
 * checks the drafting page, the request page and the dashboard.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { REQUEST_DEFINITIONS } from '../../domain/requests/index.ts';
import { extractPdfText } from '../support/pdf-text.ts';
import {
  checkA11y,
  createUserAsAdmin,
  firstSignIn,
  flowSteps,
  openE2eSession,
  screenshot,
  signOut,
  waitForAnimations,
  waitForHeading,
  waitForPath,
  type E2eSession,
} from './support.ts';

const ADMIN_NEW_PASSWORD = 'violet harbour compass 83';
const INVESTIGATOR = { email: 'ines.martin@demo.liaison.test', name: 'Inès Martin', password: 'amber meadow quarry 29' };
const PROSECUTOR = { email: 'paul.roche@demo.liaison.test', name: 'Paul Roche', password: 'copper lantern meadow 47' };
const CONTACT_POINT = { email: 'nora.vidal@demo.liaison.test', name: 'Nora Vidal', password: 'willow ember harbour 65' };

const CASE_TITLE = 'Forum account distributing abuse material';
const CASE_SUMMARY = 'A forum account on a Tor onion service distributes images of the sexual abuse of children; its administrator logged in from a US address.';
const IP = '198.51.100.23';

/** What the investigator types into the preservation request. */
const TYPED = {
  provisions: 'Code pénal art. 227-23 (fictitious quotation): five years’ imprisonment',
  description: 'Subscriber records and connection logs of the IP address at the time given, and the hosting records of the onion service',
  periodFrom: '2026-02-25',
  periodTo: '2026-03-05',
  relation: 'The forum administrator logged in from this IP address to upload the material; its subscriber is the suspected distributor.',
  custodian: 'Examplenet Hosting LLC (fictitious)',
  custodianDetails: 'Data centre in Ashburn, Virginia',
  necessity: 'The provider keeps connection logs for 30 days only: without preservation they are deleted before a request for mutual assistance can be executed.',
  decision: 'Preservation necessary and proportionate; validated.',
  channel: '24/7 network e-mail',
};

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A valid onion v3 address: base32(PUBKEY | CHECKSUM | VERSION), CHECKSUM = SHA3-256(".onion checksum" | PUBKEY | VERSION)[:2]. */
function onionV3(): string {
  const publicKey = crypto.randomBytes(32);
  const version = Buffer.from([0x03]);
  const checksum = crypto.createHash('sha3-256').update(Buffer.concat([Buffer.from('.onion checksum'), publicKey, version])).digest().subarray(0, 2);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of Buffer.concat([publicKey, checksum, version])) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `${out}.onion`;
}
const ONION = onionV3();

let session: E2eSession | undefined;
let page: Page;
let prosecutorContext: BrowserContext | undefined;
let prosecutorPage: Page | undefined;
/** The page the current step drives, for the failure screenshot. */
let current: () => Page | undefined = () => page;
const state = { investigatorPassword: '', prosecutorPassword: '', contactPointPassword: '', casePath: '', requestPath: '', reference: '' };

const step = flowSteps(() => current());

/** A full-page screenshot from the top. */
async function shot(target: Page, name: string): Promise<void> {
  await target.evaluate(() => window.scrollTo(0, 0));
  await waitForAnimations(target);
  await screenshot(target, name);
}

/** Waits until the autosave says the draft is saved. */
async function waitSaved(target: Page): Promise<void> {
  await expect.poll(() => target.getByTestId('autosave-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
}

/** Opens a drafting step by its id. */
async function openStep(target: Page, id: string): Promise<void> {
  await target.getByTestId(`draft-step-${id}`).click();
  await target.getByTestId('draft-step-heading').getByText(/Step \d of \d/).waitFor();
}

/** Fires a transition from the request page: button, payload, confirm. */
async function fire(target: Page, transition: string, payload: Record<string, string> = {}): Promise<void> {
  await target.getByTestId(`transition-${transition}`).click();
  await target.getByRole('dialog').waitFor();
  for (const [field, value] of Object.entries(payload)) await target.getByTestId(`payload-${field}`).fill(value);
  await target.getByTestId('transition-submit').click();
}

beforeAll(async () => {
  session = await openE2eSession();
  page = session.page;
});

afterAll(async () => {
  await prosecutorContext?.close();
  await session?.close();
});

describe('requests flow', () => {
  step('the administrator creates an investigator and a prosecutor', async () => {
    const { server } = session!;
    await page.goto(`${server.baseUrl}/`);
    await firstSignIn(page, { email: server.adminEmail, oneTimePassword: server.adminPassword, newPassword: ADMIN_NEW_PASSWORD, displayName: 'Demo administrator' });
    // Requests are case content: not in an administrator's menu.
    await page.getByTestId('nav-directory').waitFor();
    expect(await page.getByTestId('nav-requests').count()).toBe(0);
    state.investigatorPassword = await createUserAsAdmin(page, { email: INVESTIGATOR.email, name: INVESTIGATOR.name, roles: ['investigator'] });
    state.prosecutorPassword = await createUserAsAdmin(page, { email: PROSECUTOR.email, name: PROSECUTOR.name, roles: ['prosecutor'] });
    state.contactPointPassword = await createUserAsAdmin(page, { email: CONTACT_POINT.email, name: CONTACT_POINT.name, roles: ['contact_point'] });
    // The prosecutor sits as a judge (needed for EPOCs on traffic or content data) and supervises the 24/7 point.
    await page.getByTestId(`user-actions-${PROSECUTOR.email}`).click();
    await page.getByTestId('user-action-editRoles').click();
    await page.getByTestId('judge-checkbox').check();
    await checkA11y(page, 'roles, judge and supervisor');
    await page.getByTestId('roles-submit').click();
    await page.getByTestId('roles-submit').waitFor({ state: 'detached' });
    await page.getByTestId(`user-actions-${CONTACT_POINT.email}`).click();
    await page.getByTestId('user-action-editRoles').click();
    expect(await page.getByTestId('judge-checkbox').isDisabled()).toBe(true); // not a prosecutor
    await page.getByTestId('supervisor-select').click();
    await page.getByRole('option', { name: new RegExp(PROSECUTOR.name) }).click();
    await page.getByTestId('roles-submit').click();
    await page.getByTestId('roles-submit').waitFor({ state: 'detached' });
    // Reopened, the modal shows what the server now holds.
    await page.getByTestId(`user-actions-${PROSECUTOR.email}`).click();
    await page.getByTestId('user-action-editRoles').click();
    expect(await page.getByTestId('judge-checkbox').isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await signOut(page);
  });

  step('the investigator opens a case with an IP address (time and zone) and an onion address, and puts the prosecutor on the team', async () => {
    await firstSignIn(page, { email: INVESTIGATOR.email, oneTimePassword: state.investigatorPassword, newPassword: INVESTIGATOR.password, displayName: INVESTIGATOR.name });
    await page.getByTestId('home-deadlines').waitFor();
    await page.getByTestId('nav-cases').click();
    await waitForPath(page, '/cases');
    await page.getByTestId('case-new').click();
    await page.getByRole('dialog', { name: 'Open a case' }).waitFor();
    await page.getByTestId('case-title').fill(CASE_TITLE);
    await page.getByTestId('case-summary').fill(CASE_SUMMARY);
    await page.getByTestId('case-offences').click();
    await page.getByRole('option', { name: 'Child sexual abuse material — distribution', exact: true }).click();
    await page.getByTestId('case-title').click();
    await page.getByTestId('case-submit').click();
    await page.waitForURL((url) => /^\/cases\/[0-9a-f-]{36}$/.test(url.pathname));
    await waitForHeading(page, CASE_TITLE);
    state.casePath = new URL(page.url()).pathname;

    // The prosecutor joins the team (a validator must be on it), and the 24/7 point of contact.
    for (const colleague of [PROSECUTOR, CONTACT_POINT]) {
      await page.getByTestId('team-add-user').click();
      await page.getByRole('option', { name: new RegExp(`^${colleague.name}`) }).click();
      await page.getByTestId('team-add-submit').click();
      await page.getByTestId(`team-row-${colleague.email}`).waitFor();
    }

    await page.getByTestId('case-tab-identifiers').click();
    await page.getByTestId('identifier-kind').selectOption('ip');
    await page.getByTestId('identifier-value').fill(IP);
    await page.getByTestId('identifier-observed-at').fill('2026-03-01 14:05:09');
    await page.getByTestId('identifier-time-zone').fill('America/New_York');
    await page.getByRole('option', { name: 'America/New_York', exact: true }).click();
    await page.getByTestId('identifier-submit').click();
    await page.getByTestId('identifier-outcome').getByText(`Added: ${IP}`).waitFor();
    await page.getByTestId('identifier-kind').selectOption('onion');
    await page.getByTestId('identifier-time-zone').click();
    await page.getByRole('button', { name: 'Clear the time zone' }).click();
    await page.getByTestId('identifier-value').fill(ONION);
    await page.getByTestId('identifier-submit').click();
    await expect.poll(() => page.getByTestId('identifiers-table').getByTestId('identifier-row').count()).toBe(2);

    // The requests tab is there, empty.
    await page.getByTestId('case-tab-requests').click();
    await page.getByTestId('case-requests-empty').waitFor();
    await page.getByTestId('request-new').waitFor();
  });

  step('the route advisor offers to draft the preservation request, prefilled from the case', async () => {
    await page.getByTestId('nav-routes').click();
    await waitForPath(page, '/routes');
    await page.getByTestId('route-to-country').selectOption('US');
    await page.getByTestId('route-data').selectOption('subscriber');
    await page.getByTestId('route-purpose-preserve').check();
    await page.getByTestId('route-submit').click();
    await page.getByTestId('route-card-budapest-29-preservation').waitFor();
    await page.getByTestId('route-draft-budapest-29-preservation').click();
    await page.getByRole('dialog').waitFor();
    await page.getByTestId('route-draft-case').selectOption({ index: 1 });
    expect(await page.getByTestId('route-draft-counterpart').textContent()).toMatch(/^Addressed to .*24\/7.*\(United States\)\.$/);
    await page.getByTestId('route-draft-submit').click();
    await page.waitForURL((url) => /^\/requests\/[0-9a-f-]{36}$/.test(url.pathname));
    state.requestPath = new URL(page.url()).pathname;
    await waitForHeading(page, 'Request for the expedited preservation of stored computer data');
    state.reference = ((await page.getByTestId('request-reference').textContent()) ?? '').replace(/^Request /, '');
    expect(state.reference).toMatch(/^\d{4}\/\d+-R1$/);
    expect(await page.getByTestId('request-status').textContent()).toBe('Draft');
    expect(await page.getByTestId('request-counterpart').textContent()).toContain('United States');
    await page.getByTestId('counterpart-local-time').waitFor();

    // Prefilled: the requested authority from the route, the facts from the case, the identifiers with time and zone.
    expect(await page.getByTestId('field-requestedAuthority.country').inputValue()).toBe('US');
    await openStep(page, 'offence');
    expect(await page.getByTestId('field-facts').inputValue()).toBe(CASE_SUMMARY);
    await openStep(page, 'data');
    const rows = page.getByTestId('draft-identifiers').getByTestId('draft-identifier-row');
    await expect.poll(() => rows.count()).toBe(2);
    const ipRow = rows.filter({ hasText: IP });
    expect(await ipRow.textContent()).toContain('2026-03-01 19:05:09 UTC');
    expect(await ipRow.textContent()).toContain('America/New_York');
    expect(await ipRow.textContent()).toMatch(/2026-03-01 14:05:09 \(UTC.05:00\)/);
    expect(await rows.filter({ hasText: ONION }).count()).toBe(1);
    // Each field says which provision requires it and why.
    const relation = page.getByTestId('field-data.relationToOffence');
    const describedBy = (await relation.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).not.toBe('');
    await page.locator('#draft-field-data-relationToOffence').waitFor();
    expect(await page.getByText('Required by Budapest Art. 29(2)(c)').count()).toBeGreaterThan(0);
    await checkA11y(page, 'drafting page');
  });

  step('the investigator drafts every item but the statement that MLA will follow; the server refuses, naming the item and the article', async () => {
    await page.getByTestId('field-data.categories-subscriber').check();
    await page.getByTestId('field-data.categories-traffic').check();
    await page.getByTestId('field-data.description').fill(TYPED.description);
    await page.getByTestId('field-data.period-from').fill(TYPED.periodFrom);
    await page.getByTestId('field-data.period-to').fill(TYPED.periodTo);
    await page.getByTestId('field-data.relationToOffence').fill(TYPED.relation);
    await page.getByTestId('field-custodian.name').fill(TYPED.custodian);
    await page.getByTestId('field-custodian.details').fill(TYPED.custodianDetails);
    await checkA11y(page, 'drafting page, data step (checkboxes, identifiers, period)');
    await openStep(page, 'offence');
    await page.getByTestId('field-offence.provisions').fill(TYPED.provisions);
    await openStep(page, 'grounds');
    await page.getByTestId('field-necessity').fill(TYPED.necessity);
    await waitSaved(page);
    expect(await page.getByTestId('autosave-status').textContent()).toMatch(/^Saved at \d{2}:\d{2}/);

    // "Before sending" names what is still missing, with its article.
    const missing = page.getByTestId('check-missing-item');
    await expect.poll(() => missing.allTextContents()).toEqual([
      "Item 12(f) 'Statement that a request for mutual assistance will follow' is required by Budapest Art. 29(2)(f)",
    ]);
    await shot(page, 'requests-01-drafting');

    await fire(page, 'submit_for_validation');
    const error = page.getByTestId('transition-error');
    await error.waitFor();
    expect(await error.textContent()).toContain("Item 12(f) 'Statement that a request for mutual assistance will follow' is required by Budapest Art. 29(2)(f)");
    await shot(page, 'requests-02-refused');
    // The message leads to the field.
    await page.getByTestId('transition-show-missing').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('field-mlaToFollow');
    expect(await page.getByTestId('request-status').textContent()).toBe('Draft');
  });

  step('in French, the drafting page reads in French', async () => {
    await page.getByTestId('lang-switch').selectOption('fr');
    await waitForHeading(page, 'Demande de conservation rapide de données informatiques stockées');
    await page.getByTestId('draft-step-heading').getByText('Étape 6 sur 6 : Nécessité et suites').waitFor();
    expect(await page.getByTestId('check-missing-item').first().textContent()).toContain('Convention de Budapest, art. 29(2)(f)');
    await shot(page, 'requests-03-drafting-fr');
    await page.getByTestId('lang-switch').selectOption('en');
    await waitForHeading(page, 'Request for the expedited preservation of stored computer data');
  });

  step('with the statement ticked the request is complete and goes to validation', async () => {
    await page.getByTestId('field-mlaToFollow').check();
    await page.getByTestId('check-ok').waitFor();
    await waitSaved(page);
    await fire(page, 'submit_for_validation');
    await expect.poll(() => page.getByTestId('request-status').textContent()).toBe('Awaiting validation');
    // No longer editable: the content is shown as it reads.
    await page.getByTestId('request-content').waitFor();
    expect(await page.getByTestId('transition-send').count()).toBe(0);
  });

  step('the prosecutor, on the case team, validates it with a decision', async () => {
    const { browser, server } = session!;
    prosecutorContext = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    prosecutorPage = await prosecutorContext.newPage();
    prosecutorPage.setDefaultTimeout(15_000);
    const other = prosecutorPage;
    current = () => other;
    await other.goto(`${server.baseUrl}/`);
    await firstSignIn(other, { email: PROSECUTOR.email, oneTimePassword: state.prosecutorPassword, newPassword: PROSECUTOR.password, displayName: PROSECUTOR.name });
    await other.getByTestId('nav-requests').click();
    await waitForPath(other, '/requests');
    const row = other.getByTestId('request-list').getByTestId(`request-row-${state.reference}`);
    await row.waitFor();
    expect(await row.getByTestId('request-row-status').textContent()).toBe('Awaiting validation');
    await row.getByRole('link', { name: state.reference }).click();
    await waitForPath(other, state.requestPath);
    await other.getByTestId('request-content').getByText(TYPED.necessity).waitFor();
    await fire(other, 'validate', { decision: TYPED.decision });
    await expect.poll(() => other.getByTestId('request-status').textContent()).toBe('Validated');
    expect(await other.getByTestId('request-validated').textContent()).toContain(TYPED.decision);
    await prosecutorContext.close();
    prosecutorContext = undefined;
    current = () => page;
  });

  step('the investigator marks it sent: the preservation runs 60 days, shown in both zones', async () => {
    await page.reload();
    await expect.poll(() => page.getByTestId('request-status').textContent()).toBe('Validated');
    await fire(page, 'send', { channel: TYPED.channel });
    await expect.poll(() => page.getByTestId('request-status').textContent()).toBe('Sent');
    const expiry = page.getByTestId('deadlines-list').locator('[data-testid="deadline-row"][data-kind="preservation_expiry"]');
    await expiry.waitFor();
    expect(await expiry.textContent()).toContain('Preservation ends');
    expect(await expiry.getByTestId('deadline-state').textContent()).toBe('Pending');
    expect(await expiry.getByTestId('due-counterpart').textContent()).toMatch(/^There \(America\/New_York\):\d{1,2} Jan 2027, 23:59 /);
    expect(await expiry.textContent()).toContain('Budapest Art. 29(7)');
    const history = await page.getByTestId('history-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-transition')));
    expect(history).toEqual(['create_draft', 'submit_for_validation', 'validate', 'send']);
    expect(await page.getByTestId('history-table').textContent()).toContain(TYPED.channel);
  });

  step('the PDF is generated and downloads; its text holds every Art. 29(2) item and the values typed', async () => {
    await page.getByTestId('document-format').selectOption('pdf');
    await page.getByTestId('document-language').selectOption('en');
    await page.getByTestId('document-generate').click();
    const row = page.getByTestId('document-row').first();
    await row.waitFor();
    expect(await row.getByTestId('document-current').textContent()).toBe('Current');
    const sha = (await row.getByTestId('document-sha').getAttribute('data-sha256')) ?? '';
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(await row.getByTestId('document-sha').textContent()).toBe(`${sha.slice(0, 12)}…`);
    await checkA11y(page, 'request page (sent, with deadlines and documents)');
    await shot(page, 'requests-04-request-sent');

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('document-download').click()]);
    expect(download.suggestedFilename()).toMatch(/-v\d+-en\.pdf$/);
    const file = await download.path();
    const pdf = fs.readFileSync(file);
    fs.mkdirSync('.tmp/e2e-screens', { recursive: true });
    fs.writeFileSync('.tmp/e2e-screens/requests-preservation.pdf', pdf);
    expect(crypto.createHash('sha256').update(pdf).digest('hex')).toBe(sha);
    const text = (await extractPdfText(pdf)).replace(/\s+/g, ' ');

    const art29 = REQUEST_DEFINITIONS.preservation_247.items.filter((item) => item.article.startsWith('Budapest Art. 29(2)'));
    expect(new Set(art29.map((item) => item.article.slice(-3)))).toEqual(new Set(['(a)', '(b)', '(c)', '(d)', '(e)', '(f)']));
    for (const item of art29) {
      // A field of a numbered entry is labelled "Entry — Field": the document prints both.
      for (const part of item.label.en.split(' — ')) expect(text, `label of ${item.path}`).toContain(part);
    }
    for (const number of ['12(a)', '12(b)', '12(c)', '12(d)', '12(e)', '12(f)']) expect(text).toContain(number);
    for (const value of [TYPED.provisions, TYPED.description, TYPED.relation, TYPED.custodian, TYPED.custodianDetails, TYPED.necessity, TYPED.periodFrom, TYPED.periodTo, CASE_SUMMARY]) {
      expect(text, value).toContain(value.slice(0, 60));
    }
    for (const value of [IP, ONION, 'America/New_York', 'Demo Cybercrime Unit (fictitious)', state.reference, TYPED.decision]) expect(text, value).toContain(value);
    expect(text).toContain(REQUEST_DEFINITIONS.preservation_247.items.find((item) => item.path === 'mlaToFollow')!.statement!.en.slice(0, 60));
  });

  step('the dashboard shows the preservation’s expiry', async () => {
    await page.getByTestId('nav-requests').click();
    await waitForPath(page, '/requests');
    await page.getByTestId('dashboard-days').selectOption('90');
    const row = page.getByTestId('dashboard-upcoming').locator(`[data-testid="dashboard-row"][data-reference="${state.reference}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-kind')).toBe('preservation_expiry');
    expect(await row.textContent()).toContain(CASE_TITLE);
    expect(await row.getByTestId('due-counterpart').textContent()).toContain('America/New_York');
    await checkA11y(page, 'requests dashboard');
    await shot(page, 'requests-05-dashboard');
  });

  step('a follow-up MLA request is created from it, prefilled', async () => {
    await page.goto(`${session!.server.baseUrl}${state.requestPath}`);
    await waitForHeading(page, 'Request for the expedited preservation of stored computer data');
    await page.getByTestId('request-links').getByText('Mutual legal assistance request for subscriber information — follows this request').waitFor();
    await page.getByTestId('follow-up-mla_subscriber-follow_up').click();
    await page.waitForURL((url) => /^\/requests\/[0-9a-f-]{36}$/.test(url.pathname) && url.pathname !== state.requestPath);
    await waitForHeading(page, 'Mutual legal assistance request for subscriber information');
    expect(await page.getByTestId('request-reference').textContent()).toMatch(/-R2$/);
    await page.getByTestId('request-parent').getByText(state.reference).waitFor();
    expect(await page.getByTestId('field-status.kind').inputValue()).toBe('follow_up_preservation');
    // An MLA request goes to the central authority of the State, found in the directory.
    expect(await page.getByTestId('request-counterpart').textContent()).toContain('Central authority — United States');
    expect(await page.getByTestId('field-requestedAuthority.name').inputValue()).toMatch(/^Central Authority for Mutual Legal Assistance of United States/);
    await openStep(page, 'earlier');
    expect(await page.getByTestId('field-previousPreservation.reference').inputValue()).toBe(state.reference);
    await openStep(page, 'offence');
    expect(await page.getByTestId('field-facts').inputValue()).toBe(CASE_SUMMARY);
    expect(await page.getByTestId('field-offence.provisions').inputValue()).toBe(TYPED.provisions);
    await openStep(page, 'data');
    expect(await page.getByTestId('field-data.relationToOffence').inputValue()).toBe(TYPED.relation);
    await expect.poll(() => page.getByTestId('draft-identifiers').getByTestId('draft-identifier-row').count()).toBe(2);
    await shot(page, 'requests-06-follow-up');

    // Two tabs on the same draft: the second one's save is refused (409), its text stays on screen,
    // and after reloading the saved version it can be restored on top of it.
    const mlaPath = new URL(page.url()).pathname;
    const second = await page.context().newPage();
    await second.goto(`${session!.server.baseUrl}${mlaPath}`);
    await waitForHeading(second, 'Mutual legal assistance request for subscriber information');
    await openStep(page, 'data');
    await page.getByTestId('field-data.description').fill('Subscriber records of the IP address (first tab)');
    await waitSaved(page);
    await openStep(second, 'data');
    await second.getByTestId('field-data.description').fill('Subscriber records of the IP address (second tab)');
    await second.getByTestId('autosave-conflict').waitFor();
    expect(await second.getByTestId('field-data.description').inputValue()).toBe('Subscriber records of the IP address (second tab)');
    await shot(second, 'requests-10-conflict');
    await second.getByTestId('autosave-reload').click();
    await second.getByTestId('draft-restore').waitFor();
    expect(await second.getByTestId('field-data.description').inputValue()).toBe('Subscriber records of the IP address (first tab)');
    await second.getByTestId('draft-restore-apply').click();
    await waitSaved(second);
    expect(await second.getByTestId('field-data.description').inputValue()).toBe('Subscriber records of the IP address (second tab)');
    await second.close();

    // The case's requests tab lists both, the preservation with its expiry.
    await page.getByTestId('request-case-link').click();
    await waitForPath(page, state.casePath);
    const list = page.getByTestId('case-requests');
    await expect.poll(() => list.locator('tbody tr').count()).toBe(2);
    expect(await list.getByTestId(`request-row-${state.reference}`).textContent()).toContain('Preservation ends');
    await shot(page, 'requests-07-case-tab');
    await page.getByTestId('case-tab-timeline').click();
    await page.getByTestId('case-timeline').getByText('Request: Mark as sent').waitFor();
    await shot(page, 'requests-09-case-timeline');
    await page.getByTestId('case-tab-requests').click();

    // A request of another type starts from the tab: an EU preservation order to a provider.
    await page.getByTestId('request-new').click();
    await page.getByRole('dialog', { name: 'Start a request' }).waitFor();
    await page.getByTestId('new-request-type').selectOption('epoc_pr');
    expect(await page.getByTestId('new-request-counterpart-kind').inputValue()).toBe('provider');
    await page.getByTestId('new-request-counterpart-name').fill('Polderhost B.V. (fictitious)');
    await page.getByTestId('new-request-counterpart-country').selectOption('NL');
    await checkA11y(page, 'new request form');
    await page.getByTestId('new-request-submit').click();
    await waitForHeading(page, /European Preservation Order/);
    expect(await page.getByTestId('request-reference').textContent()).toMatch(/-R3$/);
    expect(await page.getByTestId('request-counterpart').textContent()).toContain('Netherlands');
  });

  step('the calendar feed of deadlines is turned on (its address shown once, serving the expiry) and off again', async () => {
    await page.getByTestId('nav-account').click();
    await waitForPath(page, '/account');
    await page.getByTestId('calendar-inactive').waitFor();
    await page.getByTestId('calendar-create').click();
    const url = ((await page.getByTestId('calendar-url').textContent()) ?? '').trim();
    expect(url).toMatch(/\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await page.getByTestId('calendar-active').waitFor();
    const feed = await page.request.get(url);
    expect(feed.status()).toBe(200);
    const ics = await feed.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(state.reference);
    await page.getByTestId('calendar-url-done').click();
    await page.getByTestId('calendar-revoke').click();
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('calendar-inactive').waitFor();
    expect((await page.request.get(url)).status()).toBe(404);
  });

  step('the 24/7 point of contact registers a request received from abroad in the case', async () => {
    const { browser, server } = session!;
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    prosecutorContext = context;
    const other = await context.newPage();
    other.setDefaultTimeout(15_000);
    current = () => other;
    await other.goto(`${server.baseUrl}/`);
    await firstSignIn(other, { email: CONTACT_POINT.email, oneTimePassword: state.contactPointPassword, newPassword: CONTACT_POINT.password, displayName: CONTACT_POINT.name });
    await other.goto(`${server.baseUrl}${state.casePath}?tab=requests`);
    await other.getByTestId('request-register-incoming').click();
    await other.getByRole('dialog', { name: 'Register a request received from abroad' }).waitFor();
    await other.getByTestId('new-request-type').selectOption('preservation_247');
    await other.getByTestId('new-request-counterpart-name').fill('Ruritania 24/7 point of contact (fictitious)');
    await other.getByTestId('new-request-counterpart-country').selectOption('DE');
    await other.getByTestId('incoming-received-at').fill('2026-11-20T09:30');
    await other.getByTestId('incoming-zone').fill('Europe/Berlin');
    await other.getByRole('option', { name: 'Europe/Berlin', exact: true }).click();
    await other.getByTestId('incoming-channel').fill('24/7 network e-mail');
    await other.getByTestId('incoming-requester-reference').fill('RU-247-2026-118');
    await other.getByTestId('incoming-submit').click();
    await waitForHeading(other, 'Request for the expedited preservation of stored computer data');
    expect(await other.getByTestId('request-status').textContent()).toBe('Received');
    expect(await other.getByTestId('request-direction').textContent()).toBe('Incoming');
    // Received on 20 November 09:30 Berlin time = 08:30 UTC.
    const history = other.getByTestId('history-row').first();
    expect(await history.getAttribute('data-transition')).toBe('register');
    expect(await history.textContent()).toContain('RU-247-2026-118');
    await other.getByTestId('request-deadlines').waitFor();
    await shot(other, 'requests-08-incoming');
    await context.close();
    prosecutorContext = undefined;
    current = () => page;
  });

  step('no uncaught error happened in the pages', async () => {
    expect(session!.pageErrors).toEqual([]);
  });
});
