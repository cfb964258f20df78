import { DamagedPdf, EncryptedPdf, NotAPdf } from '../shared/errors';

/**
 * Checks by content, not by name, that bytes are a usable PDF: the header, a readable
 * cross-reference at `startxref` (classic table or stream), and no encryption. Reads only the
 * head and the tail of the file.
 */
export function assertUsablePdf(bytes: Buffer): void {
  const head = bytes.subarray(0, 1024).toString('latin1');
  if (!/%PDF-\d\.\d/.test(head)) throw new NotAPdf();

  const tail = bytes.subarray(Math.max(0, bytes.length - 2048)).toString('latin1');
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!match) throw new DamagedPdf();
  const offset = Number(match[1]);
  if (!Number.isSafeInteger(offset) || offset <= 0 || offset >= bytes.length) throw new DamagedPdf();

  // Some writers (e.g. @signpdf) point one byte early, at the line break before `xref`: readers skip whitespace.
  const section = bytes.subarray(offset, Math.min(bytes.length, offset + 4096)).toString('latin1').trimStart();
  if (section.startsWith('xref')) {
    const trailerAt = bytes.lastIndexOf('trailer', bytes.length, 'latin1');
    if (trailerAt < offset) throw new DamagedPdf();
    const trailer = bytes.subarray(trailerAt, Math.min(bytes.length, trailerAt + 2048)).toString('latin1');
    if (/\/Encrypt\b/.test(trailer)) throw new EncryptedPdf();
    return;
  }
  // A cross-reference stream: `12 0 obj << /Type /XRef … >> stream`.
  const object = /^\s*\d+\s+\d+\s+obj\s*<<([\s\S]*?)>>\s*stream/.exec(section);
  if (!object || !/\/Type\s*\/XRef\b/.test(object[1])) throw new DamagedPdf();
  if (/\/Encrypt\b/.test(object[1])) throw new EncryptedPdf();
}
