/** What commands print: aligned tables for people, JSON for scripts, and a few formatters. */

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
}

/** Formats rows as a table: upper-case headers, columns aligned with two spaces, no borders. */
export function formatTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}

/** Writes `value` as indented JSON on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Writes lines on stdout. */
export function print(...lines: string[]): void {
  process.stdout.write(lines.join('\n') + '\n');
}

/** `2026-11-23 14:05` (UTC, as column headers say), or `-` when there is no date. */
export function formatDate(iso: string | null): string {
  if (!iso) return '-';
  return iso.slice(0, 16).replace('T', ' ');
}

/** `1 event`, `2 events`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
