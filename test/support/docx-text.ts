/**
 * Reads the parts of a .docx (a zip file) with node:zlib alone, and the text of a WordprocessingML
 * part, so tests can assert what a generated document says. docx's own unzipper (fflate) is not a
 * dependency of the project, only of docx.
 */
import { inflateRawSync } from 'node:zlib';

/** Every file of the zip by path, uncompressed (stored and DEFLATE entries, as docx writes). */
export function unzipDocx(buf: Buffer): Map<string, Buffer> {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const parts = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    if (method === 0) parts.set(name, Buffer.from(data));
    else if (method === 8) parts.set(name, inflateRawSync(data));
    else throw new Error(`${name}: unsupported compression method ${method}`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

/**
 * The text of one part (word/document.xml by default): runs' text in order, a newline after each
 * paragraph and at each line break, a tab for each tab, entities decoded.
 */
export function extractDocxText(buf: Buffer, part = 'word/document.xml'): string {
  const xml = unzipDocx(buf).get(part);
  if (!xml) throw new Error(`no ${part} in the document`);
  let text = '';
  for (const match of xml.toString('utf8').matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>|<\/w:p>/g)) {
    const tag = match[0];
    if (match[1] !== undefined) text += match[1].replace(/&(lt|gt|amp|quot|apos);/g, (e) => ENTITIES[e] ?? e);
    else if (tag === '<w:tab/>') text += '\t';
    else text += '\n';
  }
  return text;
}
