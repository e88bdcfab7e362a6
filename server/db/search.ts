/** Full-text search helpers shared by the modules that search (directory, cases). */

/**
 * A `to_tsquery('simple', …)` text from what a user typed: words of letters, marks and digits
 * only (so nothing can be read as a tsquery operator), each a prefix, all required.
 */
export function prefixQuery(text: string | undefined): string | null {
  const words = (text ?? '').split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean).slice(0, 12);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}
