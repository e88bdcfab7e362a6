#!/usr/bin/env node
// `npm test`: every test, in three passes, then one closing line "N passed, N failed".
//  1. unit and integration tests, database tests on PGlite;
//  2. the database tests (*.db.test.ts) again on PostgreSQL when TEST_DATABASE_URL is set;
//  3. end-to-end tests in Debian Chromium against `npm start` (skipped with a notice when
//     /usr/bin/chromium is absent, unless CI=true, where that is an error).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const extra = process.argv.slice(2);

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

function run(label, args, env = {}) {
  const report = path.join(tmp, `vitest-${label}.json`);
  fs.rmSync(report, { force: true });
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(process.execPath, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args, ...extra], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) exitCode = 1;
  try {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + (json.numTodoTests ?? 0);
    if (json.numTotalTests === 0 && !extra.length) {
      console.error(`${label}: no test ran`);
      exitCode = 1;
    }
  } catch {
    console.error(`${label}: no report (the run crashed)`);
    exitCode = 1;
  }
}

run('pglite', []);
if (process.env.TEST_DATABASE_URL) run('postgresql', ['.db.test.ts'], { LIAISON_TEST_DB: 'postgres' });
else console.log('\n(TEST_DATABASE_URL not set: database tests ran on PGlite only)');

// The browser tests start Liaison with `npm start`, which builds the web app first.
if (fs.existsSync('/usr/bin/chromium')) run('e2e', ['--config', 'test/e2e/vitest.config.ts']); else if (process.env.CI) {
  console.error('CI: /usr/bin/chromium is missing, end-to-end tests cannot run');
  exitCode = 1;
} else console.log('\n(/usr/bin/chromium not found: end-to-end tests skipped; apt-get install chromium)');

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
