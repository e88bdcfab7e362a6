/**
 * The training catalogue in a real browser: the administrator creates a trainer and an
 * investigator; the trainer adds a course (the form first refuses a classroom course without a
 * place, naming the field), uploads a PDF made in the test (progress, SHA-256 and size shown)
 * and marks it public, then announces a webinar, which the investigator finds among the upcoming
 * events on the training page (Register opens its public page); the investigator finds the course
 * with the search box, a topic and a format chip, opens it and sees no editing controls; an anonymous visitor finds it on the public page,
 * switches to French and downloads the file, byte for byte. axe-core checks every page.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { samplePdf } from '../support/sample-files.ts';
import {
  checkA11y,
  createUserAsAdmin,
  fieldError,
  firstSignIn,
  flowSteps,
  openE2eSession,
  screenshot,
  signOut,
  waitForAnimations,
  waitForHeading,
  waitForPath,
  type E2eSession,
  type TestServer,
} from './support.ts';

const ADMIN_NEW_PASSWORD = 'lantern orchard meridian 41';
const TRAINER = { email: 'tara.nowak@demo.liaison.test', name: 'Tara Nowak', password: 'copper valley sonnet 62' };
const INVESTIGATOR = { email: 'ivo.laine@demo.liaison.test', name: 'Ivo Laine', password: 'marble kestrel autumn 17' };

const COURSE = {
  title: 'Darknet investigations for OCSEA units',
  provider: 'Europol (fictitious course)',
  summary: 'Three online afternoons on hidden services, marketplaces and attribution.',
  description: 'Session 1: how onion services work.\nSession 2: marketplaces and forums.\nSession 3: preservation requests and attribution.',
};
// 2.5 MB (a comment after the end of file pads it), so the upload takes long enough to watch.
const PDF = Buffer.concat([samplePdf('Fictitious handout: darknet investigations for OCSEA units'), Buffer.from(`%${'x'.repeat(2.5 * 1024 * 1024)}\n`)]);
const PDF_SIZE = `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(PDF.length / (1024 * 1024))} MB`;
const PDF_SHA256 = createHash('sha256').update(PDF).digest('hex');

/** A webinar the trainer announces, ten days ahead on the hour; registration open from an hour ago. */
const WEBINAR_START = new Date(Math.ceil((Date.now() + 10 * 86_400_000) / 3_600_000) * 3_600_000);
const WEBINAR = {
  kind: 'webinar', title: 'Webinaire : enquêtes sur le darknet', slug: 'darknet-webinar-e2e', timeZone: 'Europe/Paris',
  startsAt: WEBINAR_START.toISOString(), durationMinutes: 90, language: 'fr', interpretationNote: 'Interpretation into English', capacity: 25,
  registrationOpensAt: new Date(Date.now() - 3_600_000).toISOString(), registrationClosesAt: WEBINAR_START.toISOString(),
  connectionInstructions: 'Join at https://meet.example.org/j/1357 (private).',
};

/** A calendar date `days` from today (UTC), as the date inputs take it. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

let server: TestServer;
let page: Page;
let pageErrors: string[] = [];
let session: E2eSession | undefined;
const state = { trainerPassword: '', investigatorPassword: '', itemPath: '' };

const step = flowSteps(() => page);

async function shot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await waitForAnimations(page);
  await screenshot(page, name);
}

/** Picks `options` in a Mantine multi-select, then closes its list. */
async function pick(testId: string, options: string[]): Promise<void> {
  for (const option of options) {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }
  await page.keyboard.press('Escape');
}

beforeAll(async () => {
  session = await openE2eSession();
  ({ server, page, pageErrors } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('training catalogue flow', () => {
  step('the administrator creates a trainer and an investigator; the catalogue is empty', async () => {
    await page.goto(`${server.baseUrl}/`);
    await firstSignIn(page, { email: server.adminEmail, oneTimePassword: server.adminPassword, newPassword: ADMIN_NEW_PASSWORD, displayName: 'Demo administrator' });
    state.trainerPassword = await createUserAsAdmin(page, { email: TRAINER.email, name: TRAINER.name, roles: ['trainer'] });
    state.investigatorPassword = await createUserAsAdmin(page, { email: INVESTIGATOR.email, name: INVESTIGATOR.name, roles: ['investigator'] });
    // Every role reads the catalogue; only trainers may add to it.
    await page.getByTestId('nav-training').click();
    await waitForPath(page, '/training');
    await waitForHeading(page, 'Training');
    await page.getByTestId('training-empty').waitFor();
    expect(await page.getByTestId('training-new').count()).toBe(0);
    await signOut(page);
  });

  step('the trainer adds a course; a classroom course without a place is refused next to the field', async () => {
    await firstSignIn(page, { email: TRAINER.email, oneTimePassword: state.trainerPassword, newPassword: TRAINER.password, displayName: TRAINER.name });
    await page.getByTestId('nav-training').click();
    await waitForPath(page, '/training');
    await page.getByTestId('training-empty').waitFor();
    await page.getByTestId('training-new').click();
    await page.getByRole('dialog', { name: 'Add a catalogue entry' }).waitFor();

    await page.getByTestId('training-form-title').fill(COURSE.title);
    await page.getByTestId('training-form-provider').fill(COURSE.provider);
    await page.getByTestId('training-form-summary').fill(COURSE.summary);
    await page.getByTestId('training-form-description').fill(COURSE.description);
    await pick('training-form-audiences', ['Law enforcement', '24/7 points of contact']);
    await pick('training-form-topics', ['Darknet investigations', 'Online child sexual exploitation and abuse (OCSEA)']);
    await pick('training-form-languages', ['English (en)', 'French (fr)']);
    await page.getByTestId('training-form-level').selectOption('intermediate');
    await page.getByTestId('training-form-format').selectOption('classroom');
    await page.getByTestId('training-form-starts').fill(inDays(30));
    await page.getByTestId('training-form-ends').fill(inDays(32));
    await page.getByTestId('training-form-add-link').click();
    await page.getByTestId('training-form-link-url-0').fill('https://training.example.org/darknet');
    await page.getByTestId('training-form-link-label-0').fill('Course page and enrolment');
    await checkA11y(page, 'add-an-entry form');
    await screenshot(page, 'training-01-form');

    await page.getByTestId('training-form-submit').click();
    expect(await fieldError(page, 'training-form-location')).toBe('Say where the classroom course takes place.');

    // It is an online course after all: the location field goes away.
    await page.getByTestId('training-form-format').selectOption('online');
    expect(await page.getByTestId('training-form-location').count()).toBe(0);
    await page.getByTestId('training-form-submit').click();
    await page.waitForURL((url) => /^\/training\/[0-9a-f-]{36}$/.test(url.pathname));
    state.itemPath = new URL(page.url()).pathname;
    await waitForHeading(page, COURSE.title);
    expect(await page.getByTestId('training-visibility').textContent()).toBe('Signed-in users only');
    expect(await page.getByTestId('training-organisation').textContent()).toBeTruthy();
    expect(await page.getByTestId('training-description').textContent()).toBe(COURSE.description);
    await page.getByTestId('training-files-empty').waitFor();
  });

  step('the trainer uploads a PDF: progress, then its size and SHA-256 in the files table', async () => {
    const upload = page.getByTestId('training-upload');
    expect(await upload.textContent()).toContain('of at most 25 MB');
    // A slow uplink (1 MB/s), so the progress bar can be seen and photographed.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
    await page.getByTestId('training-upload-input').setInputFiles({ name: 'Darknet handout.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('training-upload-progress').waitFor();
    await page.getByText(/^Uploading Darknet handout\.pdf: \d+ %/).waitFor();
    await screenshot(page, 'training-02-uploading');
    const row = page.getByTestId('training-file-row');
    await row.waitFor({ timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();
    expect(await page.getByTestId('training-upload-progress').count()).toBe(0);
    expect(await row.getByTestId('training-file-sha256').textContent()).toBe(PDF_SHA256);
    expect(await row.getByTestId('training-file-size').textContent()).toBe(PDF_SIZE);
    expect(await row.getByTestId('training-file-download').textContent()).toBe('Darknet handout.pdf');

    // A file whose content is not what its name says is refused, with the reason.
    await page.getByTestId('training-upload-input').setInputFiles({ name: 'slides.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Just some text pretending to be a PDF.\n') });
    const error = page.getByTestId('training-upload-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('the content is of type Plain text (UTF-8), but the name ends in .pdf');
    expect(await page.getByTestId('training-file-row').count()).toBe(1);
  });

  step('the trainer marks the course public', async () => {
    await page.getByTestId('training-public-toggle').check();
    await expect.poll(async () => page.getByTestId('training-visibility').textContent()).toBe('Public');
    await checkA11y(page, 'catalogue entry, trainer view');
    await shot('training-03-item-trainer');
  });

  step('the trainer announces a webinar; the investigator finds it among the upcoming events, and Register opens its public page', async () => {
    // Through the API from the trainer's page (the event form has its own test, events.e2e.test.ts).
    const status = await page.evaluate(async (input) => {
      const post = (url: string, body?: unknown) =>
        fetch(url, { method: 'POST', headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : null });
      const created = await post('/api/v1/events', input);
      if (created.status !== 201) return `create ${created.status} ${await created.text()}`;
      const { id } = (await created.json()) as { id: string };
      return (await post(`/api/v1/events/${id}/publish`)).status;
    }, WEBINAR);
    expect(status).toBe(200);
    // A fresh load: the page's cached list would not know of a publication made behind its back.
    await page.goto(`${server.baseUrl}/training`);
    await page.getByTestId(`upcoming-event-${WEBINAR.slug}`).waitFor();
    expect(await page.getByTestId('training-events-link').getAttribute('href')).toBe('/events');
    await signOut(page);

    await firstSignIn(page, { email: INVESTIGATOR.email, oneTimePassword: state.investigatorPassword, newPassword: INVESTIGATOR.password, displayName: INVESTIGATOR.name });
    await page.getByTestId('nav-training').click();
    await waitForPath(page, '/training');
    const card = page.getByTestId(`upcoming-event-${WEBINAR.slug}`);
    await card.waitFor();
    expect(await page.getByTestId('training-events-link').count()).toBe(0);
    expect(await card.getByTestId('upcoming-title').textContent()).toBe(WEBINAR.title);
    expect(await card.getByTestId('upcoming-organiser').textContent()).toBeTruthy();
    expect(await card.getByTestId('upcoming-seats').textContent()).toBe('25 of 25 seats left');
    expect(await card.getByTestId('upcoming-language').textContent()).toBe('Language: French · Interpretation into English');
    // Times in the reader's zone, and the event's own zone named beside them.
    expect(await card.getByTestId('upcoming-event-zone').textContent()).toContain('Europe/Paris');
    expect(await card.textContent()).not.toContain('meet.example.org');
    const register = card.getByTestId('upcoming-register');
    expect(await register.getAttribute('href')).toBe(`/e/${WEBINAR.slug}`);
    await checkA11y(page, 'catalogue with upcoming events');
    await shot('training-09-upcoming');
    await register.click();
    await waitForPath(page, `/e/${WEBINAR.slug}`);
    await waitForHeading(page, WEBINAR.title);
    await page.goBack();
    await waitForPath(page, '/training');
  });

  step('the investigator finds it with the search box, a topic and a format chip, and reads it', async () => {
    await page.getByTestId('nav-training').click();
    await waitForPath(page, '/training');
    await page.getByTestId('training-card').first().waitFor();
    expect(await page.getByTestId('training-new').count()).toBe(0);

    // A format the course does not have: nothing.
    await page.getByTestId('training-format-classroom').click();
    await page.getByTestId('training-empty').waitFor();
    await page.getByTestId('training-format-classroom').click();
    await page.getByTestId('training-format-online').click();
    await pick('training-filter-topic', ['Darknet investigations']);
    await page.getByTestId('training-search').fill('europol');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('europol');
    await expect.poll(() => page.getByTestId('training-count').textContent()).toBe('Entries found: 1');
    expect(new URL(page.url()).searchParams.get('topic')).toBe('darknet');
    expect(new URL(page.url()).searchParams.get('format')).toBe('online');
    const card = page.getByTestId('training-card');
    expect(await card.textContent()).toContain(COURSE.provider);
    await page.getByTestId('training-when').getByText('Upcoming').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('when')).toBe('upcoming');
    await expect.poll(() => page.getByTestId('training-count').textContent()).toBe('Entries found: 1');
    await checkA11y(page, 'catalogue with filters');
    await shot('training-04-catalogue-filtered');

    await page.getByTestId('training-card-link').click();
    await waitForPath(page, state.itemPath);
    await waitForHeading(page, COURSE.title);
    expect(await page.getByTestId('training-edit').count()).toBe(0);
    expect(await page.getByTestId('training-public-toggle').count()).toBe(0);
    expect(await page.getByTestId('training-upload').count()).toBe(0);
    expect(await page.getByTestId('training-file-sha256').textContent()).toBe(PDF_SHA256);
    const links = page.getByTestId('training-links').getByRole('link');
    expect(await links.getAttribute('href')).toBe('https://training.example.org/darknet');
    expect(await links.getAttribute('rel')).toContain('noopener');
    await checkA11y(page, 'catalogue entry, reader view');
    await shot('training-05-item-reader');
    await signOut(page);
  });

  step('an anonymous visitor finds it on the public page, in French too, and downloads the file', async () => {
    await page.goto(`${server.baseUrl}/public/training`);
    await waitForHeading(page, 'Training catalogue');
    const card = page.getByTestId('training-card');
    await card.first().waitFor();
    expect(await card.count()).toBe(1);
    expect(await card.textContent()).toContain(COURSE.title);
    await checkA11y(page, 'public catalogue');
    await shot('training-06-public');

    await page.getByTestId('lang-switch').selectOption('fr');
    await waitForHeading(page, 'Catalogue de formation');
    expect(await card.textContent()).toContain('Enquêtes sur le darknet');
    await checkA11y(page, 'public catalogue in French');
    await shot('training-07-public-fr');

    await page.getByTestId('training-card-link').click();
    await waitForHeading(page, COURSE.title);
    const download = page.getByTestId('training-file-download');
    const href = await download.getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/public\/training\/[0-9a-f-]{36}\/files\/[0-9a-f-]{36}$/);
    // Without any cookie: the browser context is signed out.
    const response = await page.request.get(`${server.baseUrl}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(createHash('sha256').update(await response.body()).digest('hex')).toBe(PDF_SHA256);
    await checkA11y(page, 'public entry in French');
    await shot('training-08-public-item-fr');
    await page.getByTestId('lang-switch').selectOption('en');
  });

  step('a private entry’s address shows "not found" on the public page', async () => {
    await page.goto(`${server.baseUrl}/public/training/00000000-0000-4000-8000-000000000000`);
    await waitForHeading(page, 'Entry not found');
  });

  step('no page crashed', async () => {
    expect(pageErrors).toEqual([]);
  });
});
