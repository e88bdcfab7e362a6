/**
 * Export of an event's registrations as CSV (RFC 4180, UTF-8 with a byte-order mark so
 * spreadsheets read accents) or XLSX (exceljs). One column per custom question. In the CSV, a
 * cell that a spreadsheet would run as a formula is prefixed with a quote (CSV injection); XLSX
 * cells are typed strings, never formulas.
 */
import ExcelJS from 'exceljs';
import {
  ORGANISATION_TYPE_LABELS, PARTICIPANT_ROLE_LABELS, REGISTRATION_STATUS_LABELS, type Answer, type ExportFormat,
} from '../../../domain/events.ts';
import { serializeCsv } from '../directory/csv.ts';
import type { EventRow, RegistrationRow } from './events.store.ts';

const FIXED_COLUMNS = [
  'Registration id', 'Status', 'Name', 'Organisation', 'Organisation type', 'Country', 'Role', 'E-mail', 'Language', 'Source',
  'Registered (UTC)', 'Verified (UTC)', 'Confirmed (UTC)', 'Attended (UTC)', 'Cancelled (UTC)',
] as const;

const iso = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '');

function answerText(a: Answer | undefined): string {
  if (a === undefined) return '';
  if (typeof a === 'boolean') return a ? 'yes' : 'no';
  return Array.isArray(a) ? a.join('; ') : a;
}

/** Header and rows as strings (both formats share them). */
export function registrationTable(event: EventRow, rows: RegistrationRow[]): string[][] {
  const header = [...FIXED_COLUMNS, ...event.questions.map((q) => q.label)];
  const body = rows.map((r) => [
    r.id,
    REGISTRATION_STATUS_LABELS[r.status].en,
    r.name,
    r.organisation,
    r.organisation_type ? ORGANISATION_TYPE_LABELS[r.organisation_type].en : '',
    r.country,
    PARTICIPANT_ROLE_LABELS[r.role].en,
    r.email ?? '',
    r.language,
    r.source,
    iso(r.created_at),
    iso(r.verified_at),
    iso(r.confirmed_at),
    iso(r.attended_at),
    iso(r.cancelled_at),
    ...event.questions.map((q) => answerText(r.answers[q.id])),
  ]);
  return [header, ...body];
}

/** Neutralises a cell a spreadsheet would evaluate (=, +, -, @, tab, CR at the start). */
export const neutraliseFormula = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

const fileStem = (event: EventRow) => `registrations-${event.slug}`;

export async function exportRegistrations(event: EventRow, rows: RegistrationRow[], format: ExportFormat): Promise<{ filename: string; contentType: string; content: Buffer }> {
  const table = registrationTable(event, rows);
  if (format === 'csv') {
    const text = '\ufeff' + serializeCsv(table.map((row) => row.map(neutraliseFormula)));
    return { filename: `${fileStem(event)}.csv`, contentType: 'text/csv; charset=utf-8', content: Buffer.from(text, 'utf8') };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Liaison';
  const sheet = workbook.addWorksheet('Registrations', { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of table) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(50, Math.max(10, ...table.map((r) => (r[i] ?? '').length + 2)));
  });
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return { filename: `${fileStem(event)}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content };
}
