import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { DocumentType } from '@vanthu/shared/contracts';

import { generateDraftPdf } from './draft-template';
import { findSigningPlace, findStampPlaces, PageText, PageTextTimeout } from './stamp-places';

// The sample PDFs of libs/pdf-signing (its test/corpus/README.md says what each one is).
const corpus = (name: string) => readFileSync(join(resolve(__dirname, '../../../../../pdf-signing/test/corpus'), name));

describe('finding the number and date lines the clerk fills', () => {
  const text = new PageText();
  afterAll(() => text.onModuleDestroy());

  it('finds "Số: /KH-UBND" and "Tuy Đức, ngày tháng năm 2025" in a LibreOffice draft', async () => {
    const places = await findStampPlaces(text, corpus('libreoffice-ke-hoach.pdf'));
    // "Số:" (13 pt) starts at x 120.6 and "Tuy Đức, ngày …" (14 pt italic) at x 304.8, as pdftotext -bbox also places them, on one baseline.
    expect(places.numberLine).toMatchObject({ page: 1, fontSize: 13 });
    expect(places.numberLine!.x).toBeCloseTo(120.6, 0);
    expect(places.numberLine!.y).toBeCloseTo(737.1, 0);
    expect(places.dateLine).toMatchObject({ page: 1, fontSize: 14 });
    expect(places.dateLine!.x).toBeCloseTo(304.8, 0);
    expect(places.dateLine!.y).toBeCloseTo(places.numberLine!.y, 0);
    expect(places.dateLine!.width).toBeGreaterThan(150);
  });

  it('finds nothing in a document without those lines', async () => {
    expect(await findStampPlaces(text, corpus('pdflib-classic-xref.pdf'))).toEqual({ numberLine: null, dateLine: null });
  });

  it('finds the blank lines of a draft laid out from the form', async () => {
    const { pdf } = await generateDraftPdf({
      parentName: null,
      issuerName: 'UBND huyện Tuy Đức',
      symbolWithoutNumber: 'KH-UBND',
      placeName: 'Tuy Đức',
      year: 2026,
      type: DocumentType.Plan,
      subject: 'Kế hoạch kiểm tra',
      body: [],
      recipients: [],
      signingLine: 'CHỦ TỊCH',
      signerName: 'Nguyễn Văn Hùng',
    });
    const places = await findStampPlaces(text, pdf);
    expect(places.numberLine?.y).toBeGreaterThan(700);
    expect(places.dateLine?.y).toBeCloseTo(places.numberLine!.y, 0);
  });

  it('finds the signing place under "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" on the last page', async () => {
    const place = await findSigningPlace(text, corpus('libreoffice-ke-hoach.pdf'), 2, { signingLine: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH', position: 'Chủ tịch UBND huyện', name: 'Nguyễn Văn Hùng' });
    expect(place).not.toBeNull();
    // Right column, between "CHỦ TỊCH" (its glyphs span y 436–453 on page 2) and the printed
    // name "Nguyễn Văn Hùng" (whose glyphs reach up to y 366), in the middle of the page.
    expect(place!.x).toBeGreaterThan(300);
    expect(place!.y + place!.height).toBeLessThan(445);
    expect(place!.y + place!.height).toBeGreaterThan(420);
    expect(place!.y).toBeGreaterThan(365);
  });

  it('finds no signing place on a page without a signing line', async () => {
    expect(await findSigningPlace(text, corpus('pdflib-classic-xref.pdf'), 1, { signingLine: null, position: 'Chủ tịch', name: 'X' })).toBeNull();
  });

  it('stops pdf.js when a page takes longer than allowed, then reads the next page with a new worker', async () => {
    const slow = new PageText();
    try {
      slow.timeoutMs = 1;
      await expect(slow.pageItems(corpus('pdftex-handbook.pdf'), 1)).rejects.toBeInstanceOf(PageTextTimeout);
      // Issuing then falls back to the margin stamp instead of waiting.
      expect(await findStampPlaces(slow, corpus('libreoffice-ke-hoach.pdf'))).toEqual({ numberLine: null, dateLine: null });
      slow.timeoutMs = 30_000;
      const places = await findStampPlaces(slow, corpus('libreoffice-ke-hoach.pdf'));
      expect(places.numberLine).toMatchObject({ page: 1, fontSize: 13 });
    } finally {
      await slow.onModuleDestroy();
    }
  });
});
