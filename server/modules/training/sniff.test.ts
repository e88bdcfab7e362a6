/** Content sniffing of training files: the bytes decide the type, names and claims do not. */
import { describe, expect, it } from 'vitest';
import { makeZip, sampleJpeg, sampleMp4, sampleOffice, samplePdf, samplePng } from '../../../test/support/sample-files.ts';
import { cleanFileName, contentDisposition, nameForType, sniffFile } from './sniff.ts';

const type = (bytes: Buffer) => {
  const sniffed = sniffFile(bytes);
  return sniffed.ok ? sniffed.type : `refused: ${sniffed.reason}`;
};

describe('sniffFile', () => {
  it('recognises each accepted type by its first bytes', () => {
    expect(type(samplePdf())).toBe('pdf');
    expect(type(samplePng())).toBe('png');
    expect(type(sampleJpeg())).toBe('jpeg');
    expect(type(sampleMp4())).toBe('mp4');
    expect(type(sampleMp4('mp42', ['mp42', 'isom']))).toBe('mp4');
    expect(type(Buffer.from('Agenda\n09:00 Welcome\r\n10:00 E-evidence — Budapest Art. 29\t✓\n'))).toBe('text');
    expect(type(Buffer.from('\ufeffWith a byte-order mark\n'))).toBe('text');
  });

  it('tells Word, Excel and PowerPoint apart by the package’s declared main part', () => {
    expect(type(sampleOffice('docx'))).toBe('docx');
    expect(type(sampleOffice('xlsx'))).toBe('xlsx');
    expect(type(sampleOffice('pptx'))).toBe('pptx');
  });

  it('refuses macro-enabled Office files, whether declared or hidden in a .docx', () => {
    expect(type(sampleOffice('docm'))).toMatch(/^refused: macro-enabled/);
    expect(type(sampleOffice('docx', { vba: true }))).toMatch(/^refused: macro-enabled/);
  });

  it('refuses other zip archives, broken zips, executables, binary data and empty files', () => {
    expect(type(makeZip([{ name: 'tool.exe', content: 'MZ...' }]))).toMatch(/^refused: zip archives are accepted only as Word, Excel or PowerPoint/);
    expect(type(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]))).toMatch(/^refused: .*not a readable one/);
    expect(type(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]))).toMatch(/^refused: programs/);
    expect(type(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe]))).toMatch(/^refused: the content is not one of the accepted types/);
    expect(type(Buffer.from('text with a NUL \u0000 inside'))).toMatch(/^refused/);
    expect(type(Buffer.from([0x48, 0x69, 0xc3, 0x28]))).toMatch(/^refused/); // invalid UTF-8
    expect(type(Buffer.alloc(0))).toBe('refused: the file is empty');
    // HEIC images share MP4's container but not its brands.
    expect(type(sampleMp4('heic', ['mif1', 'heic']))).toMatch(/^refused/);
  });

  it('does not inflate a zip bomb posing as [Content_Types].xml beyond 1 MiB', () => {
    const bomb = makeZip([{ name: '[Content_Types].xml', content: Buffer.alloc(50 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(200_000);
    expect(type(bomb)).toMatch(/^refused/);
  });
});

describe('file names', () => {
  it('keeps the last path segment without control characters, at most 200 characters with the extension', () => {
    expect(cleanFileName('C:\\Users\\trainer\\Module 1 — e-evidence.pdf')).toBe('Module 1 — e-evidence.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('bad\u0000na\u001bme\n.txt')).toBe('badname.txt');
    expect(cleanFileName('..')).toBeNull();
    expect(cleanFileName('   ')).toBeNull();
    const long = cleanFileName(`${'x'.repeat(300)}.pptx`)!;
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pptx')).toBe(true);
  });

  it('requires the extension to match the content, and adds one when missing', () => {
    expect(nameForType('handout.PDF', 'pdf')).toEqual({ ok: true, name: 'handout.PDF' });
    expect(nameForType('photo.jpeg', 'jpeg')).toEqual({ ok: true, name: 'photo.jpeg' });
    expect(nameForType('agenda', 'text')).toEqual({ ok: true, name: 'agenda.txt' });
    expect(nameForType('slides.pdf', 'png')).toEqual({ ok: false, reason: 'the content is of type PNG image, but the name ends in .pdf (expected .png)' });
  });

  it('writes a Content-Disposition that quotes safely and keeps the exact UTF-8 name', () => {
    expect(contentDisposition('Module "1" é.pdf')).toBe(`attachment; filename="Module _1_ e.pdf"; filename*=UTF-8''Module%20%221%22%20%C3%A9.pdf`);
    expect(contentDisposition('日本語.pdf')).toBe(`attachment; filename=".pdf"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.pdf`);
  });
});
