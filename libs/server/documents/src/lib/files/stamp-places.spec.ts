import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { DocumentType } from '@vanthu/shared/contracts';

import { generateDraftPdf } from './draft-template';
import { findSigningPlace, findStampPlaces, PageText } from './stamp-places';

const corpus = (name: string) => readFileSync(join(resolve(__dirname, '../../../../../../../shared/pdf-corpus'), name));

describe('finding the number and date lines the clerk fills', () => {
  const text = new PageText();
  afterAll(() => text.onModuleDestroy());

  it('finds "Số: /KH-UBND" and "Tuy Đức, ngày tháng năm 2024" in a LibreOffice draft', async () => {
    const places = await findStampPlaces(text, corpus('libreoffice-ke-hoach.pdf'));
    expect(places.numberLine).toMatchObject({ page: 1, fontSize: 12 });
    expect(places.numberLine!.x).toBeCloseTo(93.7, 0);
    expect(places.numberLine!.y).toBeCloseTo(772.8, 0);
    expect(places.dateLine!.x).toBeCloseTo(297.9, 0);
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
    // Right column, just below the signing block near the top of page 2.
    expect(place!.x).toBeGreaterThan(300);
    expect(place!.y + place!.height).toBeLessThan(760);
    expect(place!.y + place!.height).toBeGreaterThan(650);
  });

  it('finds no signing place on a page without a signing line', async () => {
    expect(await findSigningPlace(text, corpus('pdflib-classic-xref.pdf'), 1, { signingLine: null, position: 'Chủ tịch', name: 'X' })).toBeNull();
  });
});
