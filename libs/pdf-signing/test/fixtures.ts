import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { createDevPki, demoSealImage, demoSignatureImage, DevPki, IssuedCredential } from '@vanthu/dev-pki';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';

import { openPkcs12, Signer } from '../src';

/** The sample PDFs from real producers (test/corpus/README.md; made by tools/pdf-corpus/make-corpus.sh, read as committed). */
export const CORPUS_DIR = resolve(__dirname, 'corpus');

export const corpus = (name: string): Buffer => readFileSync(join(CORPUS_DIR, name));

/** The corpus files that must sign (the README's "sign, twice, both valid" and the already-signed one). */
export const SIGNABLE = [
  'libreoffice-ke-hoach.pdf',
  'qpdf-linearized.pdf',
  'chromium-thong-bao.pdf',
  'ghostscript-bao-cao.pdf',
  'qpdf-object-streams.pdf',
  'pdflib-classic-xref.pdf',
  'pdflib-object-streams.pdf',
  'pdftex-handbook.pdf',
  'signed-by-signpdf.pdf',
];

/** A temporary directory removed by `cleanup()`. */
export function tempDir(prefix: string): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** A development PKI with a district leader and the district People's Committee, as most tests need them. */
export interface TestPeople {
  pki: DevPki;
  leader: IssuedCredential;
  organisation: IssuedCredential;
  leaderSigner: Signer;
  organisationSigner: Signer;
  signatureImage: Buffer;
  sealImage: Buffer;
}

export function testPeople(): TestPeople {
  const pki = createDevPki();
  const leader = pki.issuePersonal({
    fullName: 'Nguyễn Văn Hùng',
    title: 'Chủ tịch UBND huyện',
    organisation: 'UBND huyện Tuy Đức',
    province: 'Đắk Nông',
    locality: 'huyện Tuy Đức',
    uid: 'CCCD:067085001234',
    pin: '123456',
  });
  const organisation = pki.issueOrganisation({ name: 'Ủy ban nhân dân huyện Tuy Đức', province: 'Đắk Nông', uid: 'MST:6400123456', pin: '654321' });
  return {
    pki,
    leader,
    organisation,
    leaderSigner: openPkcs12(leader.p12, '123456'),
    organisationSigner: openPkcs12(organisation.p12, '654321'),
    signatureImage: demoSignatureImage({ seed: 'Nguyễn Văn Hùng' }),
    sealImage: demoSealImage({ organisation: 'Ủy ban nhân dân huyện Tuy Đức' }),
  };
}

/** A small PDF made by pdf-lib, with pages of the given rotations. */
export async function pdfWithPages(rotations: number[], options: { useObjectStreams?: boolean } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  rotations.forEach((rotation, index) => {
    const page = doc.addPage([595, 842]);
    page.setRotation(degrees(rotation));
    page.drawText(`Page ${index + 1}`, { x: 72, y: 760, size: 14, font });
  });
  return Buffer.from(await doc.save({ useObjectStreams: options.useObjectStreams ?? false }));
}

/**
 * A hybrid-reference file (PDF 32000 §7.5.8.4) as Word writes them: the page tree lives in an
 * object stream, the classic table lists it as free, and the trailer's /XRefStm points to a
 * cross-reference stream that says where it really is. A reader that ignores /XRefStm finds no pages.
 */
export function hybridPdf(): Buffer {
  const parts: string[] = [];
  const offsets = new Map<number, number>();
  let length = 0;
  const add = (text: string, num?: number) => {
    if (num !== undefined) offsets.set(num, length);
    parts.push(text);
    length += Buffer.byteLength(text, 'latin1');
  };
  add('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n');
  add('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n', 1);
  add('3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n', 3);
  const content = 'BT /F1 18 Tf 72 760 Td (Hybrid reference file) Tj ET';
  add(`4 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`, 4);
  add('5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>\nendobj\n', 5);
  const member = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
  const header = '2 0 ';
  add(`6 0 obj\n<< /Type /ObjStm /N 1 /First ${header.length} /Length ${header.length + member.length} >>\nstream\n${header}${member}\nendstream\nendobj\n`, 6);
  // The cross-reference stream: object 2 is member 0 of object stream 6.
  const rows = Buffer.from([2, 0, 6, 0]);
  add(`7 0 obj\n<< /Type /XRef /Size 8 /W [1 2 1] /Index [2 1] /Length ${rows.length} >>\nstream\n`, 7);
  add(rows.toString('latin1'));
  add('\nendstream\nendobj\n');
  const xref = length;
  let table = 'xref\n0 8\n0000000000 65535 f \n';
  for (let num = 1; num < 8; num++) {
    table += num === 2 ? '0000000000 00001 f \n' : `${String(offsets.get(num)).padStart(10, '0')} 00000 n \n`;
  }
  add(table);
  add(`trailer\n<< /Size 8 /Root 1 0 R /XRefStm ${offsets.get(7)} >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.from(parts.join(''), 'latin1');
}
