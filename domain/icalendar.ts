/**
 * RFC 5545 text helpers (pure): escaping TEXT values, UTC date-times, and folding content lines
 * at 75 octets. Used by the deadline feed and by the .ics attached to event confirmations.
 */

const encoder = new TextEncoder();

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, line breaks. */
export const icsEscape = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** An ISO instant as an RFC 5545 UTC DATE-TIME: `2026-12-01T14:00:00.000Z` → `20261201T140000Z`. */
export const icsTime = (iso: string): string => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence. */
export function icsFold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** Content lines → an iCalendar object: folded, CRLF after every line. */
export const icsDocument = (lines: readonly string[]): string => lines.map(icsFold).join('\r\n') + '\r\n';
