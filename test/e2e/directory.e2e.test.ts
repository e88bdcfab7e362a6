/**
 * The directory and route advisor in a real browser (issue 3): the administrator creates a
 * coordinator and an investigator; the coordinator imports contacts — first a CSV file with bad
 * rows, which imports nothing and lists every bad row with its line and field, then the corrected
 * file, and a provider file; the investigator searches the directory, opens a country profile and
 * a provider profile, and asks the route advisor how to preserve subscriber data held by a
 * provider abroad, and sees the ranked routes with their reasons and the closed routes with why.
 * axe-core checks every page on the way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  type TestServer,
  openE2eSession,
  type E2eSession,
} from './support.ts';

const ADMIN_NEW_PASSWORD = 'violet harbour compass 83';
const COORDINATOR = {
  email: 'colette.durand@demo.liaison.test',
  name: 'Colette Durand',
  password: 'copper lantern orchard 47',
};
const INVESTIGATOR = {
  email: 'ines.martin@demo.liaison.test',
  name: 'Inès Martin',
  password: 'amber meadow quarry 29',
};

/** Names no shipped sample uses, so searches find exactly the imported rows. */
const US_247 = 'Zephyr 24/7 Desk, United States (fictitious e2e)';
const NL_247 = 'Zephyr 24/7 Desk, Netherlands (fictitious e2e)';
const US_CENTRAL = 'Zephyr Central Authority, United States (fictitious e2e)';
const PROVIDER = 'Zephyrmail (fictitious e2e)';

const CSV_HEADER =
  'country,kind,name,unit,availability,officeHours,timeZone,channels,languages,encryptionRequired,eSignatureRequired,requirements,notes,fictitious,source';
const GOOD_ROWS = [
  `US,contact_point_24_7,"${US_247}",Computer crime unit (fictitious),24/7,,America/New_York,email:zephyr-us@example.org; phone:+00 1 555 0101,en,true,false,"Preservation requests in English, by encrypted e-mail.",Fictitious e2e row.,true,E2E fixture`,
  `NL,contact_point_24_7,"${NL_247}",High-tech crime unit (fictitious),24/7,,Europe/Amsterdam,email:zephyr-nl@example.org,nl; en,false,false,,Fictitious e2e row.,true,E2E fixture`,
  `US,central_authority,"${US_CENTRAL}",Office of international affairs (fictitious),office_hours,Mon–Fri 09:00–17:00,America/New_York,email:zephyr-oia@example.org; portal:https://zephyr-oia.example.org,en,false,true,MLA requests signed electronically.,Fictitious e2e row.,true,E2E fixture`,
];
/** The same file with three bad rows: an unknown country code, an unknown role, no channel. */
const BAD_ROWS = [
  GOOD_ROWS[0],
  GOOD_ROWS[1]!.replace(/^NL,/, 'Netherlands,'),
  GOOD_ROWS[2]!.replace('central_authority', 'police_station'),
  `FR,contact_point_24_7,Zephyr 24/7 Desk without channel (fictitious e2e),,24/7,,Europe/Paris,,fr,false,false,,,true,E2E fixture`,
];
const PROVIDERS = [
  {
    name: PROVIDER,
    aliases: ['Zmail'],
    legalEntity: 'Zephyrmail Inc. (fictitious)',
    country: 'US',
    lawEnforcementPortal: 'https://le.zephyrmail.example.org',
    emergencyProcedure: 'Emergency disclosure requests through the portal, answered around the clock (fictitious).',
    emergencyContact: 'emergency@zephyrmail.example.org',
    dataHeld: [
      { category: 'subscriber', retention: 'life of the account + 90 days' },
      { category: 'traffic', retention: '12 months' },
    ],
    preservationDays: 90,
    acceptsDirectPreservation: true,
    disclosesNonContentVoluntarily: true,
    directRequestsFrom: 'Any law-enforcement authority (fictitious policy)',
    userNotificationPolicy: 'Notifies users unless prohibited by law or in emergencies (fictitious).',
    euEstablishmentCountry: 'IE',
    euEstablishmentName: 'Zephyrmail Ireland Ltd (fictitious)',
    fictitious: true,
    source: 'E2E fixture',
  },
];

let server: TestServer;
let page: Page;
let fixtures: string;
let pageErrors: string[] = [];
let session: E2eSession | undefined;
const state = { coordinatorPassword: '', investigatorPassword: '', providerId: '' };

const step = flowSteps(() => page);

function fixture(name: string, content: string): string {
  const file = path.join(fixtures, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Chooses a file through the file input's own dialog, as a person would. */
async function chooseFile(file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-file').click()]);
  await chooser.setFiles(file);
}

/** A full-page screenshot from the top (a page scrolled down would draw its fixed header mid-page). */
async function shot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** The texts of the import report's rows: [row, field, message]. */
async function importProblems(): Promise<string[][]> {
  const rows = page.getByTestId('import-errors').locator('tbody tr');
  const count = await rows.count();
  const problems: string[][] = [];
  for (let i = 0; i < count; i++) problems.push((await rows.nth(i).locator('td').allTextContents()).map((s) => s.trim()));
  return problems;
}

beforeAll(async () => {
  fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-e2e-directory-'));
  session = await openE2eSession();
  ({ server, page, pageErrors } = session);
});

afterAll(async () => {
  await session?.close();
  if (fixtures) fs.rmSync(fixtures, { recursive: true, force: true });
});


/**
 * Types into the directory search once the list has loaded, and waits until the search reached
 * the address (and so the query); typing again if a re-render swallowed the first keystrokes.
 */
async function searchDirectory(text: string): Promise<void> {
  await page.getByTestId('directory-results').or(page.getByTestId('directory-results-empty')).first().waitFor();
  await expect
    .poll(async () => {
      const box = page.getByTestId('directory-search');
      if ((await box.inputValue()) !== text) await box.fill(text);
      return new URL(page.url()).searchParams.get('q');
    }, { timeout: 15_000, interval: 600 })
    .toBe(text);
}

describe('directory and route advisor flow', () => {
  step('the administrator creates a coordinator and an investigator', async () => {
    await page.goto(`${server.baseUrl}/`);
    await firstSignIn(page, {
      email: server.adminEmail,
      oneTimePassword: server.adminPassword,
      newPassword: ADMIN_NEW_PASSWORD,
      displayName: 'Demo administrator',
    });
    // The directory and the route advisor are in everyone's menu; the placeholder is gone.
    await page.getByTestId('nav-directory').waitFor();
    await page.getByTestId('nav-routes').waitFor();
    state.coordinatorPassword = await createUserAsAdmin(page, { email: COORDINATOR.email, name: COORDINATOR.name, roles: ['coordinator'] });
    state.investigatorPassword = await createUserAsAdmin(page, { email: INVESTIGATOR.email, name: INVESTIGATOR.name, roles: ['investigator'] });

    // An administrator reads the directory but does not edit it.
    await page.getByTestId('nav-directory').click();
    await waitForPath(page, '/directory');
    await waitForHeading(page, 'Directory');
    await page.getByTestId('tab-authorities').waitFor();
    expect(await page.getByTestId('placeholder').count()).toBe(0);
    expect(await page.getByTestId('directory-import-open').count()).toBe(0);
    expect(await page.getByTestId('authority-new').count()).toBe(0);
    await signOut(page);
  });

  step('the coordinator signs in for the first time and sees the edit controls', async () => {
    await firstSignIn(page, {
      email: COORDINATOR.email,
      oneTimePassword: state.coordinatorPassword,
      newPassword: COORDINATOR.password,
      displayName: COORDINATOR.name,
    });
    await page.getByTestId('nav-directory').click();
    await waitForPath(page, '/directory');
    await page.getByTestId('authority-new').waitFor();
    await page.getByTestId('directory-import-open').click();
    await waitForPath(page, '/directory/import');
    await waitForHeading(page, 'Import and export the directory');
    for (const link of ['authorities-csv', 'authorities-json', 'providers-csv', 'providers-json']) {
      expect(await page.getByTestId(`export-${link}`).getAttribute('href')).toMatch(/^\/api\/v1\/directory\/export\?kind=\w+&format=\w+$/);
    }
    await checkA11y(page, 'import page');
    await shot('dir-01-import');
  });

  step('a CSV file with bad rows imports nothing and reports each bad row with its line and field', async () => {
    const bad = fixture('contacts-with-errors.csv', [CSV_HEADER, ...BAD_ROWS].join('\n') + '\n');
    await page.getByTestId('import-kind').selectOption('authorities');
    await chooseFile(bad);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-errors').waitFor();
    expect(await page.getByTestId('import-errors').textContent()).toContain('Nothing was imported');
    const problems = await importProblems();
    // Line 1 is the header: the bad rows are lines 3, 4 and 5; line 2 is fine.
    const lines = new Set(problems.map(([row]) => row));
    expect(lines).toEqual(new Set(['Line 3', 'Line 4', 'Line 5']));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.arrayContaining(['Line 3', 'country']),
        expect.arrayContaining(['Line 4', 'kind']),
        expect.arrayContaining(['Line 5']),
      ]),
    );
    expect(await page.getByTestId('import-success').count()).toBe(0);
    await checkA11y(page, 'import page with the row-error report');
    await shot('dir-02-import-errors');
  });

  step('the corrected file imports every row, then a provider file', async () => {
    const good = fixture('contacts.csv', [CSV_HEADER, ...GOOD_ROWS].join('\n') + '\n');
    await chooseFile(good);
    await page.getByTestId('import-submit').click();
    const success = page.getByTestId('import-success');
    await success.waitFor();
    expect(await success.textContent()).toMatch(/Authorities: 3 created, 0 updated/);
    expect(await page.getByTestId('import-errors').count()).toBe(0);
    await shot('dir-03-import-success');

    const providers = fixture('providers.json', JSON.stringify(PROVIDERS, null, 2));
    await page.getByTestId('import-kind').selectOption('providers');
    await chooseFile(providers);
    await page.getByTestId('import-submit').click();
    await success.waitFor();
    expect(await success.textContent()).toMatch(/Service providers: 1 created/);
  });

  step('the coordinator creates, edits and deletes an authority in the form, with messages per field', async () => {
    await page.getByTestId('import-success').getByRole('link').click();
    await waitForPath(page, '/directory');
    await page.getByTestId('tab-authorities').click();
    await searchDirectory('Zephyr');
    const results = page.getByTestId('directory-results');
    await results.getByText(NL_247).waitFor();

    // An empty form is refused in the browser, each field saying what is missing.
    await page.getByTestId('authority-new').click();
    await page.getByRole('dialog', { name: 'New authority' }).waitFor();
    await page.getByTestId('authority-submit').click();
    expect(await fieldError(page, 'authority-name')).toBe('This field is required.');
    expect(await fieldError(page, 'authority-country')).not.toBe('');
    expect(await fieldError(page, 'authority-channel-0')).toBe('This field is required.');
    await checkA11y(page, 'new-authority form with field errors');
    await shot('dir-03b-authority-form-errors');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // Edit: rename the Dutch 24/7 point.
    await results.getByRole('button', { name: `Edit ${NL_247}` }).click();
    await page.getByRole('dialog', { name: `Edit ${NL_247}` }).waitFor();
    expect(await page.getByTestId('authority-country').inputValue()).toBe('NL');
    await page.getByTestId('authority-name').fill(`${NL_247} (edited)`);
    await page.getByTestId('authority-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await results.getByText(`${NL_247} (edited)`).waitFor();

    // Delete it, after confirming.
    await results.getByRole('button', { name: `Delete ${NL_247} (edited)` }).click();
    await page.getByRole('dialog', { name: 'Delete this entry?' }).waitFor();
    await page.getByTestId('confirm-submit').click();
    await results.getByText(`${NL_247} (edited)`).waitFor({ state: 'detached' });
    await results.getByText(US_247).waitFor();

    // The provider form shows every field of the imported provider.
    await page.getByTestId('tab-providers').click();
    await results.getByRole('button', { name: `Edit ${PROVIDER}` }).click();
    await page.getByRole('dialog', { name: `Edit ${PROVIDER}` }).waitFor();
    expect(await page.getByTestId('provider-legal-entity').inputValue()).toBe('Zephyrmail Inc. (fictitious)');
    expect(await page.getByTestId('provider-country').inputValue()).toBe('US');
    await checkA11y(page, 'provider form');
    await shot('dir-03c-provider-form');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await signOut(page);
  });

  step('the investigator searches the directory: 24/7 points in the United States, fictitious ones marked', async () => {
    await firstSignIn(page, {
      email: INVESTIGATOR.email,
      oneTimePassword: state.investigatorPassword,
      newPassword: INVESTIGATOR.password,
      displayName: INVESTIGATOR.name,
    });
    await page.getByTestId('nav-directory').click();
    await waitForPath(page, '/directory');
    await page.getByTestId('directory-results').or(page.getByTestId('directory-results-empty')).first().waitFor();
    // An investigator reads only.
    expect(await page.getByTestId('directory-import-open').count()).toBe(0);
    expect(await page.getByTestId('authority-new').count()).toBe(0);

    await searchDirectory('Zephyr');
    await page.getByTestId('directory-country').selectOption('US');
    await page.getByTestId('directory-treaty').selectOption('budapest');
    await page.getByTestId('directory-247').check();
    const results = page.getByTestId('directory-results');
    await results.getByText(US_247).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="directory-results"] tbody tr').length === 1);
    const row = results.locator('tbody tr').first();
    expect(await row.textContent()).toContain('24/7 point of contact');
    expect(await row.getByTestId('fictitious-badge').textContent()).toBe('Fictitious');
    expect(await row.getByTestId('local-time').textContent()).toMatch(/Local time now: .*\d\d:\d\d.*America\/New_York/);
    expect(await page.locator('[data-testid^="edit-authority-"]').count()).toBe(0);
    // Nothing of the rejected file was saved: its only new name is not there.
    expect(await page.getByText('Zephyr 24/7 Desk without channel').count()).toBe(0);
    await checkA11y(page, 'directory search');
    await shot('dir-04-directory-search');

    // The role filter: central authorities only (the 24/7 switch off).
    await page.getByTestId('directory-247').uncheck();
    await page.getByTestId('directory-kind').selectOption('central_authority');
    await results.getByText(US_CENTRAL).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="directory-results"] tbody tr').length === 1);
  });

  step('the investigator opens the country profile: treaties with dates and sources, contact points, local time', async () => {
    await page.getByTestId('directory-results').getByRole('link', { name: US_CENTRAL }).click();
    await waitForPath(page, '/countries/US');
    await waitForHeading(page, /United States/);
    const treaties = page.getByTestId('country-treaties');
    await treaties.waitFor();
    const budapest = page.getByTestId('treaty-row-budapest');
    expect(await budapest.textContent()).toContain('Party');
    expect(await budapest.textContent()).toContain('Yes'); // bound today (✓, named for screen readers)
    expect(await budapest.locator('a[href^="http"]').count()).toBeGreaterThan(0);
    const authorities = page.getByTestId('country-authorities');
    await authorities.getByText(US_247).waitFor();
    await authorities.getByText(US_CENTRAL).waitFor();
    expect(await authorities.textContent()).toContain('Electronic signature required');
    expect(await page.getByTestId('country-times').textContent()).toMatch(/\d\d:\d\d/);
    await checkA11y(page, 'country profile');
    await shot('dir-05-country-profile');

    // "Ask the route advisor" carries the country over.
    await page.getByTestId('country-ask-route').click();
    await waitForPath(page, '/routes');
    expect(new URL(page.url()).searchParams.get('to')).toBe('US');
    expect(await page.getByTestId('route-to-country').inputValue()).toBe('US');
    expect(await page.getByTestId('route-from').inputValue()).toBe('FR');

    // The target can be a provider instead, found by typing one of its names.
    await page.getByTestId('route-target-type').getByText('A service provider').click();
    await page.getByTestId('route-provider').fill('Zmail');
    await page.getByRole('option', { name: `${PROVIDER} (United States)` }).click();
    expect(await page.getByTestId('route-provider').inputValue()).toBe(`${PROVIDER} (United States)`);
    await shot('dir-05b-route-advisor-provider-select');
  });

  step('the investigator opens the provider profile', async () => {
    await page.getByTestId('nav-directory').click();
    await waitForPath(page, '/directory');
    await page.getByTestId('tab-providers').click();
    await searchDirectory('Zmail');
    const results = page.getByTestId('directory-results');
    await results.getByRole('link', { name: PROVIDER }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/providers/'));
    state.providerId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await waitForHeading(page, PROVIDER);
    await page.getByTestId('provider-data-held').waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    for (const expected of ['Zephyrmail Inc. (fictitious)', 'Zephyrmail Ireland Ltd (fictitious)', 'Ireland', 'Fictitious', '90']) {
      expect(text).toContain(expected);
    }
    await checkA11y(page, 'provider profile');
    await shot('dir-06-provider-profile');
  });

  step('the route advisor: preserving subscriber data held by a provider abroad gives ranked routes with reasons', async () => {
    await page.getByTestId('provider-ask-route').click();
    await waitForPath(page, '/routes');
    expect(new URL(page.url()).searchParams.get('provider')).toBe(state.providerId);
    await waitForHeading(page, 'Route advisor');
    // The provider is preselected (its name is in the search box).
    await page.waitForFunction(
      (name) => (document.querySelector<HTMLInputElement>('[data-testid="route-provider"]')?.value ?? '').includes(name),
      PROVIDER,
    );
    await page.getByTestId('route-data').selectOption('subscriber');
    await page.getByTestId('route-purpose-preserve').check();
    await checkA11y(page, 'route advisor form');

    // The emergency switch asks for the facts, and they are required.
    await page.getByTestId('route-emergency').check();
    await page.getByTestId('route-facts').waitFor();
    await page.getByTestId('route-submit').click();
    expect(await fieldError(page, 'route-facts')).toBe('Describe the facts showing the emergency.');
    await page.getByTestId('route-emergency').uncheck();
    await page.getByTestId('route-facts').waitFor({ state: 'detached' });

    await page.getByTestId('route-submit').click();
    const results = page.getByTestId('route-results');
    await results.waitFor();
    const cards = results.locator('[data-testid^="route-card-"]');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(1);
    const ids = await cards.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')));
    // Preservation through the 24/7 network (Budapest Art. 29) and directly with the provider are both open.
    expect(ids).toEqual(expect.arrayContaining(['route-card-budapest-29-preservation', 'route-card-provider-preservation']));
    // Each card shows its legal basis, time limit and the reasons it is available.
    const first = cards.first();
    expect(await first.getByTestId('route-time-limit').textContent()).toMatch(/Time limit/);
    expect(await first.getByTestId('route-reasons').locator('li').count()).toBeGreaterThan(0);
    // The 24/7 route names the imported US 24/7 point with its channels.
    const art29 = results.getByTestId('route-card-budapest-29-preservation');
    expect(await art29.textContent()).toContain(US_247);
    expect(await art29.textContent()).toContain('zephyr-us@example.org');
    await checkA11y(page, 'route advisor results');
    await shot('dir-07-route-advisor-results');

    // The closed routes, each with why.
    const unavailable = page.getByTestId('route-unavailable');
    await page.getByTestId('route-unavailable-toggle').click();
    await waitForAnimations(page);
    const closed = unavailable.locator('li[data-testid^="route-unavailable-"]');
    expect(await closed.count()).toBeGreaterThan(0);
    expect(await unavailable.locator('li').first().isVisible()).toBe(true);
    await checkA11y(page, 'route advisor with the closed routes shown');
    await shot('dir-08-route-advisor-unavailable');
  });

  step('the route advisor reads in French', async () => {
    await page.getByTestId('lang-switch').selectOption('fr');
    await waitForHeading(page, 'Conseiller de voies');
    expect(await page.getByTestId('nav-directory').textContent()).toBe('Annuaire');
    await checkA11y(page, 'route advisor in French');
    await shot('dir-09-route-advisor-fr');
    await page.getByTestId('lang-switch').selectOption('en');
    await waitForHeading(page, 'Route advisor');
    await signOut(page);
  });

  step('no uncaught error happened in the page', async () => {
    expect(pageErrors).toEqual([]);
  });
});
