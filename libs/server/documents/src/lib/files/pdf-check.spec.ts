import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { assertUsablePdf } from './pdf-check';

const corpus = (name: string) => readFileSync(join(__dirname, '../../../../../../../shared/pdf-corpus', name));

describe('assertUsablePdf', () => {
  it.each([
    'libreoffice-ke-hoach.pdf',
    'qpdf-linearized.pdf',
    'chromium-thong-bao.pdf',
    'ghostscript-bao-cao.pdf',
    'qpdf-object-streams.pdf',
    'pdflib-classic-xref.pdf',
    'pdflib-object-streams.pdf',
    'pdftex-libtasn1.pdf',
    'signed-by-signpdf.pdf',
  ])('accepts %s', (name) => {
    expect(() => assertUsablePdf(corpus(name))).not.toThrow();
  });

  it('refuses a text file renamed .pdf as not a PDF', () => {
    expect(() => assertUsablePdf(corpus('not-a-pdf.pdf'))).toThrow(expect.objectContaining({ code: 'NOT_A_PDF', status: 415 }));
  });

  it('refuses a truncated PDF as damaged', () => {
    expect(() => assertUsablePdf(corpus('truncated.pdf'))).toThrow(expect.objectContaining({ code: 'DAMAGED_PDF' }));
  });

  it('refuses an encrypted PDF', () => {
    expect(() => assertUsablePdf(corpus('encrypted-aes256.pdf'))).toThrow(expect.objectContaining({ code: 'ENCRYPTED_PDF' }));
  });

  it('refuses a header followed by garbage', () => {
    expect(() => assertUsablePdf(Buffer.from('%PDF-1.7\nnothing else'))).toThrow(expect.objectContaining({ code: 'DAMAGED_PDF' }));
  });
});
