import { join } from 'node:path';

import { corpus, CORPUS_DIR, pdfWithPages, SIGNABLE, tempDir, testPeople } from '../../test/fixtures';
import { run } from '../../test/validators';
import { inspectPdf } from './inspect';
import { signPdf } from './sign';
import { writeFileSync } from 'node:fs';

/** What poppler's pdfinfo says about a file: the independent reading we compare with. */
function pdfinfo(file: string): { version: string; pages: number; size: [number, number]; rotation: number } {
  const out = run('pdfinfo', ['-f', '1', '-l', '1', file]).stdout;
  const size = /Page\s+1 size:\s+([\d.]+) x ([\d.]+)/.exec(out)!;
  return {
    version: /PDF version:\s+([\d.]+)/.exec(out)![1],
    pages: Number(/Pages:\s+(\d+)/.exec(out)![1]),
    size: [Number(size[1]), Number(size[2])],
    rotation: Number(/Page\s+1 rot:\s+(\d+)/.exec(out)?.[1] ?? 0),
  };
}

describe('inspectPdf', () => {
  it.each(SIGNABLE)('reads %s as pdfinfo does: version, page count and the first page’s size', (name) => {
    const info = inspectPdf(corpus(name));
    const poppler = pdfinfo(join(CORPUS_DIR, name));
    expect(info.version).toBe(poppler.version);
    expect(info.pageCount).toBe(poppler.pages);
    expect(info.pages).toHaveLength(poppler.pages);
    expect(info.pages[0].width).toBeCloseTo(poppler.size[0], 1);
    expect(info.pages[0].height).toBeCloseTo(poppler.size[1], 1);
  });

  it('tells classic tables from cross-reference streams, and an original linearized file from an updated one', () => {
    expect(inspectPdf(corpus('libreoffice-ke-hoach.pdf'))).toMatchObject({ hasXrefStream: false, incrementalUpdates: 0, signatureCount: 0 });
    expect(inspectPdf(corpus('qpdf-linearized.pdf'))).toMatchObject({ hasXrefStream: false, incrementalUpdates: 0 });
    expect(inspectPdf(corpus('qpdf-object-streams.pdf'))).toMatchObject({ hasXrefStream: true, incrementalUpdates: 0 });
    expect(inspectPdf(corpus('pdftex-handbook.pdf'))).toMatchObject({ hasXrefStream: true, pageCount: 36 });
    expect(inspectPdf(corpus('signed-by-signpdf.pdf'))).toMatchObject({ hasXrefStream: false, incrementalUpdates: 1, signatureCount: 1 });
  });

  it('counts the signatures and updates we add', async () => {
    const people = testPeople();
    const once = await signPdf(corpus('qpdf-linearized.pdf'), { signer: people.leaderSigner });
    const twice = await signPdf(once, { signer: people.organisationSigner });
    expect(inspectPdf(twice)).toMatchObject({ signatureCount: 2, incrementalUpdates: 2 });
  });

  it('gives each page’s displayed size: a page turned by /Rotate 90 is as wide as it is tall unturned', async () => {
    const dir = tempDir('pdf-signing-inspect');
    try {
      const pdf = await pdfWithPages([0, 90]);
      writeFileSync(join(dir.path, 'rotated.pdf'), pdf);
      expect(inspectPdf(pdf).pages).toEqual([
        { width: 595, height: 842 },
        { width: 842, height: 595 },
      ]);
    } finally {
      dir.cleanup();
    }
  });

  it.each([
    ['encrypted-aes256.pdf', 'ENCRYPTED_PDF', 'Tệp PDF đã được mã hóa hoặc đặt mật khẩu. Hãy gỡ mã hóa rồi tải lên lại để ký số.'],
    ['truncated.pdf', 'DAMAGED_PDF', 'Tệp PDF bị hỏng hoặc không đầy đủ, không đọc được cấu trúc của tệp. (tệp bị cắt cụt: không có startxref)'],
    ['not-a-pdf.pdf', 'NOT_A_PDF', 'Tệp không phải là tài liệu PDF.'],
  ])('refuses %s with %s and a Vietnamese message', (name, code, vi) => {
    expect(() => inspectPdf(corpus(name))).toThrow(expect.objectContaining({ code, text: expect.objectContaining({ vi }) }));
  });

  it('refuses a header followed by nothing a PDF reader could use', () => {
    expect(() => inspectPdf(Buffer.from('%PDF-1.7\nnothing else\n%%EOF\n'))).toThrow(expect.objectContaining({ code: 'DAMAGED_PDF' }));
    expect(() => inspectPdf(Buffer.from('%PDF-1.7\nstartxref\n999999\n%%EOF\n'))).toThrow(expect.objectContaining({ code: 'DAMAGED_PDF' }));
  });
});
