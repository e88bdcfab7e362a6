/**
 * Content-addressed file store in the database (docs/adr/0005-files-in-the-database.md): a file
 * is kept once under its SHA-256, written in the transaction of the record that refers to it.
 */
import type { Queryable } from '../../db/database.ts';
import { sha256Hex } from '../auth/crypto.ts';

/** Stores `content` (once, whatever the number of callers) and returns its SHA-256. */
export async function putFile(q: Queryable, content: Buffer, contentType: string, at: Date): Promise<string> {
  const sha256 = sha256Hex(content);
  await q.query(
    `INSERT INTO files (sha256, content, size, content_type, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING`,
    [sha256, content, content.length, contentType, at],
  );
  return sha256;
}

/** The file's bytes, checked against its name: a stored file that no longer hashes to it is an error. */
export async function getFile(q: Queryable, sha256: string): Promise<{ content: Buffer; contentType: string } | undefined> {
  const row = (await q.query<{ content: Uint8Array; content_type: string }>('SELECT content, content_type FROM files WHERE sha256 = $1', [sha256])).rows[0];
  if (!row) return undefined;
  const content = Buffer.from(row.content);
  if (sha256Hex(content) !== sha256) throw new Error(`stored file ${sha256} does not match its hash`);
  return { content, contentType: row.content_type };
}
