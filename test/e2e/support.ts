/**
 * End-to-end test support: a real server on a free port with a fresh data directory, Debian
 * Chromium driven by playwright-core, accessibility checks with axe-core, TOTP codes, screenshots.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AxeResults, RunOptions } from 'axe-core';
import { Secret, TOTP } from 'otpauth';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, it } from 'vitest';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where screenshots go (gitignored through `.tmp/`). */
export const SCREENSHOT_DIR = path.join(ROOT, '.tmp', 'e2e-screens');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// ------------------------------------------------------------------------------------- server

/** A server started by {@link startServer}. */
export interface TestServer {
  /** e.g. `http://127.0.0.1:41234`, no trailing slash. */
  baseUrl: string;
  /** The demo administrator's e-mail, as printed on first start. */
  adminEmail: string;
  /** The demo administrator's one-time password, as printed on first start. */
  adminPassword: string;
  /** The server's data directory (it holds `operator.token`, which the local CLI uses). */
  dataDir: string;
  /** Everything the server wrote to stdout and stderr so far, for failure messages. */
  output: () => string;
  /** SIGTERM, wait for the clean exit (SIGKILL after 10 s), remove the data directory. */
  stop: () => Promise<void>;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** More environment for the server, given its base URL (e.g. LIAISON_SMTP_URL, LIAISON_PUBLIC_URL). */
  env?: (baseUrl: string) => Record<string, string>;
}

/**
 * Starts Liaison exactly as the README says (`npm start`: builds the web app, then serves) on a
 * free loopback port with a fresh temporary data directory, and waits for the start-up block,
 * from which it reads the URL and the demo account's one-time password.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-e2e-'));
  const port = await freePort();
  const extraEnv = options.env?.(`http://127.0.0.1:${port}`) ?? {};
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    detached: true, // its own process group: npm, the shell and the server stop together
    env: { ...process.env, LIAISON_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LIAISON_LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const output = () => `--- stdout\n${stdout}\n--- stderr\n${stderr}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, 'SIGTERM');
      if (!(await waitForExit(child, 10_000))) {
        process.kill(-child.pid!, 'SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const started = await new Promise<{ url: string; email: string; password: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s\n${output()}`)), 60_000);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (code ${code}) before it was ready\n${output()}`));
      };
      child.once('exit', onExit);
      child.stdout.on('data', () => {
        const url = /Liaison is running on (http:\/\/\S+)/.exec(stdout)?.[1];
        const email = /e-mail:\s+(\S+@\S+)/.exec(stdout)?.[1];
        const password = /one-time password:\s+(\S+)/.exec(stdout)?.[1];
        if (url && email && password) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve({ url, email, password });
        }
      });
    });
    return {
      baseUrl: started.url.replace(/\/$/, ''),
      adminEmail: started.email,
      adminPassword: started.password,
      dataDir,
      output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// ------------------------------------------------------------------------------------ browser

/** Debian Chromium, headless. Fails with the install hint when it is absent. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** One browser tab on a freshly started Liaison, as every end-to-end flow begins. */
export interface E2eSession {
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page, for a final "nothing crashed" check. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Starts the server and Chromium side by side, then opens a tab (axe needs bypassCSP). Whichever
 * did start is closed again if the other failed.
 */
export async function openE2eSession(options: StartServerOptions = {}): Promise<E2eSession> {
  const [started, launched] = await Promise.allSettled([startServer(options), launchChromium()]);
  if (started.status === 'rejected' || launched.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.stop();
    if (launched.status === 'fulfilled') await launched.value.close();
    throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  const server = started.value;
  const browser = launched.value;
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
  return {
    server, browser, context, page, pageErrors,
    async close() {
      await context.close();
      await browser.close();
      await server.stop();
    },
  };
}

/** A full-page screenshot to `.tmp/e2e-screens/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Waits until no CSS transition or animation is running (Mantine fades modals and menus in), so
 * axe and screenshots see the final colours rather than a half-transparent frame.
 */
export async function waitForAnimations(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, {
    timeout: 5_000,
  });
}

// --------------------------------------------------------------------------------------- axe

let axeSource: string | undefined;

/** One axe violation, reduced to what a failure message needs. */
interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  helpUrl: string;
  nodes: { target: string; summary: string }[];
}

/** Impacts that fail the check; `minor` and `moderate` are left to review. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

function formatViolations(label: string, violations: Violation[]): string {
  const lines = violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `      ${n.target}${n.summary ? `\n        ${n.summary.replace(/\n/g, '\n        ')}` : ''}`)
      .join('\n');
    const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
    return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
  });
  return `${label}: axe-core found ${violations.length} serious or critical violation(s):\n${lines.join('\n')}`;
}

/**
 * Runs axe-core on the page as it is now and fails (softly: the flow goes on, the test is marked
 * failed) on every violation of impact `serious` or `critical`, listing them. The page's context
 * must have `bypassCSP: true`, since axe is injected as an inline script.
 */
export async function checkA11y(page: Page, label: string): Promise<void> {
  await waitForAnimations(page);
  axeSource ??= fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (): Promise<Violation[]> => {
    const { axe } = window as unknown as { axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> } };
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
    }));
  });
  const failing = violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ''));
  const minor = violations.filter((v) => !FAILING_IMPACTS.has(v.impact ?? ''));
  // Reported for review, not failed on.
  if (minor.length) console.warn(`${label}: axe-core, not failing: ${minor.map((v) => `[${v.impact}] ${v.id} (${v.nodes.map((n) => n.target).join(', ')})`).join('; ')}`);
  expect.soft(failing.length, formatViolations(label, failing)).toBe(0);
}

// -------------------------------------------------------------------------------------- TOTP

const PERIOD_MS = 30_000;

/** The TOTP time step of `ms` (RFC 6238, 30 s). */
export function totpStep(ms = Date.now()): number {
  return Math.floor(ms / PERIOD_MS);
}

/** The current code for a base32 key, with the server's parameters (SHA-1, 6 digits, 30 s). */
export function totpNow(base32Key: string): { code: string; step: number } {
  const now = Date.now();
  const totp = new TOTP({ secret: Secret.fromBase32(base32Key), algorithm: 'SHA1', digits: 6, period: PERIOD_MS / 1000 });
  return { code: totp.generate({ timestamp: now }), step: totpStep(now) };
}

/**
 * The server accepts each time step once per user: waits (only if needed) until the step after
 * `usedStep` has begun, so a fresh code can be computed.
 */
export async function waitForStepAfter(usedStep: number): Promise<void> {
  const remaining = (usedStep + 1) * PERIOD_MS - Date.now();
  if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining + 250));
}

// ------------------------------------------------------------------------------------ flows

/** A step of a flow: skipped once an earlier one failed, and a screenshot kept of the failure. */
export type FlowStep = (name: string, fn: () => Promise<void>) => void;

/**
 * The steps of one flow share a browser page and run in order; once a step fails, the later ones
 * are skipped (they could only fail for the same reason) and a screenshot of the failure is kept.
 */
export function flowSteps(currentPage: () => Page | undefined): FlowStep {
  let broken = false;
  return (name, fn) => {
    it(name, async (ctx) => {
      if (broken) ctx.skip('an earlier step failed');
      try {
        await fn();
      } catch (error) {
        broken = true;
        const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
        const page = currentPage();
        if (page) await screenshot(page, `failed-${slug}`).catch(() => undefined);
        throw error;
      }
    });
  };
}

/** Waits until the address's path is `pathname`. */
export async function waitForPath(page: Page, pathname: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === pathname, { timeout: 15_000 });
}

/** Waits for the page's `h1`. */
export async function waitForHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** The error message shown under an input: the element its `aria-describedby` names as the error. */
export async function fieldError(page: Page, testId: string): Promise<string> {
  const input = page.getByTestId(testId);
  const errorId = (await input.getAttribute('aria-describedby'))?.split(/\s+/).find((id) => id.endsWith('-error'));
  if (!errorId) throw new Error(`${testId} is not described by an error message`);
  return ((await page.locator(`[id="${errorId}"]`).textContent()) ?? '').trim();
}

/** Fills and sends the login form, acknowledging the notice. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await waitForPath(page, '/login');
  await page.getByTestId('login-banner').waitFor();
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-ack').check();
  await page.getByTestId('login-submit').click();
}

/** Replaces the password on the change-password step of a first sign-in. */
export async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await waitForPath(page, '/auth/change-password');
  await waitForHeading(page, 'Choose your password');
  await page.getByTestId('current-password').fill(current);
  await page.getByTestId('new-password').fill(next);
  await page.getByTestId('password-submit').click();
}

/** Reads the manual key off the enrolment page and enables TOTP with a code computed from it. */
export async function enrolTotp(page: Page): Promise<{ key: string; step: number }> {
  await waitForPath(page, '/auth/mfa/enrol');
  const secret = page.getByTestId('totp-secret');
  await secret.waitFor();
  const key = (await secret.textContent())?.trim() ?? '';
  expect(key).toMatch(/^[A-Z2-7]{16,}$/);
  const { code, step } = totpNow(key);
  await page.getByTestId('totp-code').fill(code);
  await page.getByTestId('totp-submit').click();
  return { key, step };
}

/** The ten recovery codes shown once after enrolment. */
export async function readRecoveryCodes(page: Page): Promise<string[]> {
  await waitForPath(page, '/auth/recovery-codes');
  const list = page.getByTestId('recovery-codes');
  await list.waitFor();
  const codes = (await list.locator('li').allTextContents()).map((code) => code.trim());
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);
  return codes;
}

/** Confirms the recovery codes were saved and waits for the home page. */
export async function confirmRecoveryCodes(page: Page, displayName: string): Promise<void> {
  await page.getByTestId('recovery-confirm').click();
  await waitForPath(page, '/');
  await waitForHeading(page, `Welcome, ${displayName}`);
}

/** Signs out from the menu and waits for the login page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await waitForPath(page, '/login');
  await page.getByTestId('login-submit').waitFor();
}

/** Someone's first sign-in with a one-time password: new password, TOTP enrolment, recovery codes. */
export interface FirstSignIn {
  email: string;
  oneTimePassword: string;
  newPassword: string;
  displayName: string;
}

/** The whole first sign-in, from the login page to the home page. */
export async function firstSignIn(
  page: Page,
  user: FirstSignIn,
): Promise<{ totpKey: string; totpStep: number; recoveryCodes: string[] }> {
  await signIn(page, user.email, user.oneTimePassword);
  await changePassword(page, user.oneTimePassword, user.newPassword);
  const { key, step } = await enrolTotp(page);
  const recoveryCodes = await readRecoveryCodes(page);
  await confirmRecoveryCodes(page, user.displayName);
  return { totpKey: key, totpStep: step, recoveryCodes };
}

/**
 * An administrator creates a user on the users page and reads the one-time password from the
 * modal (which is closed again). Returns the password.
 */
export async function createUserAsAdmin(
  page: Page,
  user: { email: string; name: string; roles: readonly string[] },
): Promise<string> {
  await page.getByTestId('nav-users').click();
  await waitForPath(page, '/admin/users');
  await page.getByTestId('users-table').waitFor();
  await page.getByTestId('user-create-open').click();
  await page.getByTestId('user-email').fill(user.email);
  await page.getByTestId('user-name').fill(user.name);
  for (const role of user.roles) await page.getByTestId(`user-role-${role}`).check();
  await page.getByTestId('user-create-submit').click();
  const secret = page.getByTestId('one-time-password');
  await secret.waitFor();
  const password = (await secret.textContent())?.trim() ?? '';
  expect(password.length).toBeGreaterThanOrEqual(12);
  await page.getByTestId('one-time-password-done').click();
  await secret.waitFor({ state: 'detached' });
  await page.getByTestId(`user-row-${user.email}`).waitFor();
  return password;
}
