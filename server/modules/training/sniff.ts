/**
 * What an uploaded training file really is, read from its bytes: the client's content type and
 * the file name's extension are claims, the first bytes (and for Office files, the package's
 * declared main part) are evidence. Only the types of TRAINING_FILE_TYPES are accepted; a file
 * whose name claims another type than its content is refused rather than stored mislabelled.
 */
import { inflateRawSync } from 'node:zlib';
import { TRAINING_FILE_TYPES, type TrainingFileType } from '../../../domain/training.ts';

export type Sniffed = { ok: true; type: TrainingFileType } | { ok: false; reason: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** ISO base media brands of MP4 video (and its 3GPP/M4V relatives, which play as MP4). */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4VP', 'dash', 'mmp4', 'MSNV', 'NDAS', '3gp4', '3gp5', '3gp6']);

/** Main-part content types of the three OOXML document kinds accepted ([Content_Types].xml). */
const OOXML_MAIN: Record<string, TrainingFileType> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml': 'pptx',
};

/** `[Content_Types].xml` is a few kilobytes; anything inflating past this is not an Office file. */
const CONTENT_TYPES_MAX = 1024 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/**
 * The entries of a zip file's central directory, or null when the file is not a readable zip
 * (no end-of-central-directory record, entries pointing outside the file).
 */
function zipEntries(buf: Buffer): ZipEntry[] | null {
  // The end record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  const stop = Math.max(0, buf.length - 22 - 65_535);
  let end = -1;
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    if (at + 46 + nameLength > buf.length) return null;
    entries.push({
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      localOffset: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One entry's bytes (stored or deflated), at most `max` bytes once inflated; null if unreadable. */
function zipEntryContent(buf: Buffer, entry: ZipEntry, max: number): Buffer | null {
  const local = entry.localOffset;
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return null;
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) return null;
  try {
    if (entry.method === 0) return data.length <= max ? Buffer.from(data) : null;
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: max });
  } catch {
    return null;
  }
  return null;
}

function sniffOfficePackage(buf: Buffer): Sniffed {
  const entries = zipEntries(buf);
  if (!entries) return { ok: false, reason: 'the file starts like a zip archive but is not a readable one' };
  // Macros run code on the reader's machine: a training handout has no need for them.
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name)))
    return { ok: false, reason: 'macro-enabled Office documents are not accepted (save it as .docx, .xlsx or .pptx without macros)' };
  const manifest = entries.find((e) => e.name === '[Content_Types].xml');
  const xml = manifest && zipEntryContent(buf, manifest, CONTENT_TYPES_MAX)?.toString('utf8');
  if (!xml) return { ok: false, reason: 'zip archives are accepted only as Word, Excel or PowerPoint documents (.docx, .xlsx, .pptx)' };
  if (/macroEnabled/i.test(xml))
    return { ok: false, reason: 'macro-enabled Office documents are not accepted (save it as .docx, .xlsx or .pptx without macros)' };
  const declared = [...xml.matchAll(/ContentType="([^"]+)"/g)].map((m) => m[1]!);
  const kinds = [...new Set(declared.map((type) => OOXML_MAIN[type]).filter((k): k is TrainingFileType => k !== undefined))];
  if (kinds.length !== 1)
    return { ok: false, reason: 'zip archives are accepted only as Word, Excel or PowerPoint documents (.docx, .xlsx, .pptx)' };
  return { ok: true, type: kinds[0]! };
}

function sniffMp4(buf: Buffer): boolean {
  if (buf.length < 16 || buf.toString('latin1', 4, 8) !== 'ftyp') return false;
  const boxSize = buf.readUInt32BE(0);
  const end = Math.min(buf.length, boxSize >= 16 ? boxSize : 16);
  const brands = [buf.toString('latin1', 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(buf.toString('latin1', at, at + 4));
  return brands.some((brand) => MP4_BRANDS.has(brand));
}

// C0 controls other than tab, line feed, form feed and carriage return: binary, not text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

function isPlainText(buf: Buffer): boolean {
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return !CONTROL.test(decoded);
  } catch {
    return false;
  }
}

/** The accepted type of `bytes`, judged from the content alone; or why it is refused. */
export function sniffFile(bytes: Buffer): Sniffed {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return { ok: true, type: 'pdf' };
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return { ok: true, type: 'png' };
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { ok: true, type: 'jpeg' };
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) return sniffOfficePackage(bytes);
  if (sniffMp4(bytes)) return { ok: true, type: 'mp4' };
  if (bytes[0] === 0x4d && bytes[1] === 0x5a) return { ok: false, reason: 'programs (Windows executables) are not accepted' };
  if (isPlainText(bytes)) return { ok: true, type: 'text' };
  return { ok: false, reason: `the content is not one of the accepted types (${Object.values(TRAINING_FILE_TYPES).map((t) => t.label).join(', ')})` };
}

/** The largest file name kept (with its extension), in characters. */
const NAME_MAX = 200;

/**
 * A file name as sent (percent-encoded in the upload header) made safe to store and to send back
 * in a Content-Disposition: the last path segment, no control characters, at most 200
 * characters. Returns null when nothing usable is left.
 */
export function cleanFileName(raw: string): string | null {
  const base = raw.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').replace(/\s+/g, ' ').trim();
  if (cleaned === '' || /^\.+$/.test(cleaned)) return null;
  if (cleaned.length <= NAME_MAX) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, NAME_MAX - extension.length) + extension;
}

/**
 * The name under which the file is kept: the extension must be one of the sniffed type's (a PDF
 * called `slides.png` is refused), and a name without one gets the type's usual extension.
 */
export function nameForType(name: string, type: TrainingFileType): { ok: true; name: string } | { ok: false; reason: string } {
  const spec = TRAINING_FILE_TYPES[type];
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  if (!match) return { ok: true, name: `${name}.${spec.extensions[0]}` };
  const extension = match[1]!.toLowerCase();
  if ((spec.extensions as readonly string[]).includes(extension)) return { ok: true, name };
  return { ok: false, reason: `the content is of type ${spec.label}, but the name ends in .${extension} (expected ${spec.extensions.map((e) => `.${e}`).join(' or ')})` };
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): an ASCII fallback for old clients
 * and the exact UTF-8 name for the others; quotes and backslashes cannot break out of it.
 */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_').trim() || 'download';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
