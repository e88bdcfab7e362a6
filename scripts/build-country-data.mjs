#!/usr/bin/env node
// Builds data/countries/countries.json and validates data/countries/treaties.json.
//
//   node scripts/build-country-data.mjs            # regenerate countries.json, then validate
//   node scripts/build-country-data.mjs --check    # validate only; exit 1 if countries.json is stale
//   node scripts/build-country-data.mjs --date=YYYY-MM-DD   # force the "generatedAt" date
//
// countries.json lists every officially assigned ISO 3166-1 code (249), taken from the MIT
// packages `countries-list` (alpha-2, alpha-3, English name, ISO 639-1 languages) and
// `countries-and-timezones` (IANA time zones). Output is deterministic: countries sorted by
// alpha-2, time zones sorted, and "generatedAt" only changes when the data itself changes
// (or when --date / SOURCE_DATE_EPOCH is given).
//
// treaties.json is hand-curated (see data/countries/NOTES.md); this script only checks it:
// it parses, every country code exists, every date is ISO YYYY-MM-DD, no duplicate
// (country, instrument) rows, statuses come from the allowed set, and for the Budapest
// Convention the entry-into-force date is consistent with Art. 36/37 (first day of the month
// following three months after the deposit) wherever both dates are present.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { countries as clCountries } from 'countries-list';
import ct from 'countries-and-timezones';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'data', 'countries');
const countriesFile = path.join(outDir, 'countries.json');
const treatiesFile = path.join(outDir, 'treaties.json');

const args = process.argv.slice(2);
const checkOnly = args.includes('--check');
const dateArg = args.find((a) => a.startsWith('--date='))?.slice('--date='.length);

// ISO 3166-1 exceptional reservations (AC Ascension, TA Tristan da Cunha) and the user-assigned
// XK (Kosovo) are carried by countries-list but are not officially assigned codes.
const EXCEPTIONALLY_RESERVED = new Set(['AC', 'TA']);
const USER_ASSIGNED = new Set(['XK']);
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function pkgVersion(name) {
  // the packages' "exports" do not expose package.json, so read it from node_modules directly
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function alpha3Map() {
  return require('countries-list/minimal/countries.2to3.min.json');
}

function buildEntry(code, a3, tzCountries) {
  const c = clCountries[code];
  const tz = tzCountries[code];
  return {
    alpha2: code,
    alpha3: a3[code] ?? null,
    name: c.name,
    languages: [...c.languages],
    timezones: tz ? [...tz.timezones].sort() : [],
  };
}

function buildCountries() {
  const a3 = alpha3Map();
  const tzCountries = ct.getAllCountries();
  const codes = Object.keys(clCountries).sort();
  const official = codes.filter((c) => !EXCEPTIONALLY_RESERVED.has(c) && !USER_ASSIGNED.has(c));
  const userAssigned = codes.filter((c) => USER_ASSIGNED.has(c));
  return {
    countries: official.map((c) => buildEntry(c, a3, tzCountries)),
    userAssigned: userAssigned.map((c) => ({ ...buildEntry(c, a3, tzCountries), note: 'User-assigned code, not part of ISO 3166-1; listed separately for directory use.' })),
  };
}

function today() {
  if (dateArg) return dateArg;
  if (process.env.SOURCE_DATE_EPOCH) return new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000).toISOString().slice(0, 10);
  return new Date().toISOString().slice(0, 10);
}

function stableStringify(value) {
  return JSON.stringify(value, null, 2) + '\n';
}

function countriesDocument() {
  const { countries, userAssigned } = buildCountries();
  const body = {
    generator: 'scripts/build-country-data.mjs',
    sources: [
      {
        package: 'countries-list',
        version: pkgVersion('countries-list'),
        license: 'MIT',
        fields: ['alpha2', 'alpha3', 'name', 'languages (ISO 639-1, main language first)'],
      },
      {
        package: 'countries-and-timezones',
        version: pkgVersion('countries-and-timezones'),
        license: 'MIT',
        fields: ['timezones (IANA, sorted; non-deprecated zones only)'],
      },
    ],
    notes: [
      'countries: the 249 officially assigned ISO 3166-1 alpha-2 codes, sorted by alpha2.',
      'AC and TA (exceptionally reserved) are excluded; XK (user-assigned, Kosovo) is listed under userAssigned only.',
      'An empty timezones array means the time-zone package assigns no IANA zone to that territory (e.g. BV, HM).',
    ],
    count: countries.length,
    countries,
    userAssigned,
  };
  return body;
}

function writeCountries() {
  const body = countriesDocument();
  let generatedAt = today();
  let existing = null;
  if (fs.existsSync(countriesFile)) {
    existing = JSON.parse(fs.readFileSync(countriesFile, 'utf8'));
    const prevBody = { ...existing };
    delete prevBody.generatedAt;
    // Keep the previous date when nothing but the date would change (deterministic output).
    if (!dateArg && !process.env.SOURCE_DATE_EPOCH && stableStringify(prevBody) === stableStringify(body)) generatedAt = existing.generatedAt;
  }
  const doc = { generatedAt, ...body };
  const text = stableStringify(doc);
  if (checkOnly) {
    const existingBody = existing ? { ...existing } : null;
    if (existingBody) delete existingBody.generatedAt;
    const stale = !existingBody || stableStringify(existingBody) !== stableStringify(body);
    if (stale) {
      console.error('countries.json is stale: run node scripts/build-country-data.mjs');
      return false;
    }
    console.log(`countries.json up to date (${body.count} countries)`);
    return true;
  }
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(countriesFile, text);
  console.log(`wrote ${path.relative(root, countriesFile)}: ${body.count} countries + ${body.userAssigned.length} user-assigned`);
  return true;
}

// Entry into force for a State under Art. 36(4)/37(2) ETS 185 (and the same wording in CETS 201
// Art. 45 and CETS 224 Art. 16): first day of the month following three months after deposit.
export function eifFromDeposit(deposit) {
  const [y, m] = deposit.split('-').map(Number);
  // Deposit + three months expires within month m+3 (day numbers never matter: even a 31st clamps
  // into that month); entry into force is the first day of the month after, i.e. month m+4.
  const monthIndex = (m - 1) + 4; // zero-based
  const year = y + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

function validDate(s) {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const STATUSES = new Set(['party', 'signatory', 'member', 'participates', 'not_participating', 'agreement', 'liaison_prosecutor']);
const INSTRUMENTS = ['budapest', 'budapest-p2', 'lanzarote', 'eu', 'eio', 'e-evidence', 'eurojust', 'interpol'];

function validateTreaties() {
  if (!fs.existsSync(treatiesFile)) {
    console.log('treaties.json not found: nothing to validate');
    return true;
  }
  const errors = [];
  const warnings = [];
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(treatiesFile, 'utf8'));
  } catch (e) {
    console.error(`treaties.json does not parse: ${e.message}`);
    return false;
  }
  const known = new Set(countriesDocument().countries.map((c) => c.alpha2));
  if (!validDate(doc.version ?? '')) errors.push(`version is not an ISO date: ${doc.version}`);
  const instrumentIds = new Set();
  for (const ins of doc.instruments ?? []) {
    if (instrumentIds.has(ins.id)) errors.push(`duplicate instrument ${ins.id}`);
    instrumentIds.add(ins.id);
    for (const k of ['name', 'reference', 'sourceUrl', 'source', 'checkedAt']) if (!ins[k]) errors.push(`instrument ${ins.id}: missing ${k}`);
    // entryIntoForce is required but nullable: null = not in force (the route advisor offers nothing under it)
    if (!('entryIntoForce' in ins)) errors.push(`instrument ${ins.id}: missing entryIntoForce (use null if not in force)`);
    for (const k of ['openedForSignature', 'entryIntoForce', 'appliesFrom', 'checkedAt']) {
      if (ins[k] != null && !validDate(ins[k])) errors.push(`instrument ${ins.id}: ${k} not ISO: ${ins[k]}`);
    }
  }
  for (const id of INSTRUMENTS) if (!instrumentIds.has(id)) errors.push(`missing instrument ${id}`);
  const seen = new Set();
  const counts = {};
  for (const [i, r] of (doc.memberships ?? []).entries()) {
    const where = `memberships[${i}] ${r.country}/${r.instrument}`;
    if (!known.has(r.country)) errors.push(`${where}: unknown country code`);
    if (!instrumentIds.has(r.instrument)) errors.push(`${where}: unknown instrument`);
    const key = `${r.country}|${r.instrument}`;
    if (seen.has(key)) errors.push(`${where}: duplicate row`);
    seen.add(key);
    if (!STATUSES.has(r.status)) errors.push(`${where}: bad status ${r.status}`);
    for (const k of ['signed', 'ratified', 'inForce']) {
      if (!(k in r)) errors.push(`${where}: missing ${k} (use null)`);
      else if (r[k] !== null && !validDate(r[k])) errors.push(`${where}: ${k} not ISO: ${r[k]}`);
    }
    if (!r.source) errors.push(`${where}: missing source`);
    if (!validDate(r.checkedAt ?? '')) errors.push(`${where}: checkedAt not ISO: ${r.checkedAt}`);
    if (r.signed && r.ratified && r.signed > r.ratified) errors.push(`${where}: signed after ratified`);
    if (r.ratified && r.inForce && r.ratified > r.inForce) errors.push(`${where}: ratified after inForce`);
    if (r.inForceDerived && !r.ratified) errors.push(`${where}: inForceDerived without a deposit date`);
    if (r.inForceBy != null && (!validDate(r.inForceBy) || r.inForce)) errors.push(`${where}: inForceBy must be an ISO date and only used when inForce is null`);
    if (['budapest', 'lanzarote'].includes(r.instrument) && r.ratified && r.inForce) {
      const treatyEif = r.instrument === 'budapest' ? '2004-07-01' : '2010-07-01';
      const expected = eifFromDeposit(r.ratified);
      const ok = r.inForce === expected || (r.inForce === treatyEif && expected <= treatyEif);
      if (!ok) warnings.push(`${where}: inForce ${r.inForce} != first day of month after deposit+3 months (${expected})`);
    }
    const c = (counts[r.instrument] ??= { rows: 0, byStatus: {}, fullDates: 0, partialDates: 0, statusOnly: 0 });
    c.rows += 1;
    c.byStatus[r.status] = (c.byStatus[r.status] ?? 0) + 1;
    const filled = ['ratified', 'inForce'].filter((k) => r[k]).length;
    if (filled === 2) c.fullDates += 1;
    else if (filled === 1 || r.signed) c.partialDates += 1;
    else c.statusOnly += 1;
  }
  for (const w of warnings) console.warn(`warning: ${w}`);
  for (const e of errors) console.error(`error: ${e}`);
  for (const [id, c] of Object.entries(counts)) {
    console.log(`${id}: ${c.rows} rows ${JSON.stringify(c.byStatus)}; deposit+EIF ${c.fullDates}, partial ${c.partialDates}, status only ${c.statusOnly}`);
  }
  if (errors.length) return false;
  console.log(`treaties.json valid (version ${doc.version}, ${doc.memberships.length} rows)`);
  return true;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const ok = writeCountries() && validateTreaties();
  process.exit(ok ? 0 : 1);
}
