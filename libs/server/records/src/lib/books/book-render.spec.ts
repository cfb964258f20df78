import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Workbook } from 'exceljs';
import { PDFDocument } from 'pdf-lib';

import { renderBookPdf } from './book-pdf';
import { renderBookXlsx } from './book-xlsx';
import { INCOMING_COLUMNS, RegisterBook } from './register-book';

/** The text poppler's pdftotext reads from the PDF in drawing order (cell by cell), runs of white space as one space. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-book-'));
  try {
    writeFileSync(join(dir, 'book.pdf'), pdf);
    return execFileSync('pdftotext', ['-raw', join(dir, 'book.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Where poppler finds ink of text on each page, in mm from the page's edges. */
function textMargins(pdf: Buffer): Array<{ left: number; right: number; top: number; bottom: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-book-'));
  try {
    writeFileSync(join(dir, 'book.pdf'), pdf);
    const html = execFileSync('pdftotext', ['-bbox', join(dir, 'book.pdf'), '-'], { encoding: 'utf8' });
    const mm = (pt: number) => (pt * 25.4) / 72;
    return html
      .split('<page ')
      .slice(1)
      .map((page) => {
        const [width, height] = [/width="([\d.]+)"/, /height="([\d.]+)"/].map((re) => Number(page.match(re)?.[1]));
        const words = [...page.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)].map((m) => m.slice(1).map(Number));
        return {
          left: mm(Math.min(...words.map((w) => w[0]))),
          right: mm(width - Math.max(...words.map((w) => w[2]))),
          top: mm(Math.min(...words.map((w) => w[1]))),
          bottom: mm(height - Math.max(...words.map((w) => w[3]))),
        };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const book = (rows: number): RegisterBook => ({
  parentName: 'Ủy ban nhân dân tỉnh Lâm Đồng',
  organisationName: 'Ủy ban nhân dân xã Quảng Tân',
  title: 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN',
  period: 'Năm 2026',
  columns: INCOMING_COLUMNS,
  rows: Array.from({ length: rows }, (_, i) => [
    '05/03/2026 09:41',
    String(i + 1).padStart(2, '0'),
    'Sở Tài nguyên và Môi trường',
    `${i + 1}/KH-STNMT`,
    '04/03/2026',
    `Kế hoạch\nKiểm tra việc quản lý, sử dụng đất đai năm 2026 (lượt ${i + 1}), đề nghị các xã phối hợp thực hiện đúng tiến độ`,
    'Phòng Tài nguyên và Môi trường',
    '',
    i % 2 ? 'Hỏa tốc' : '',
  ]),
});

describe('register book rendering', () => {
  it('prints the heading, the Appendix IV columns and every row with Vietnamese letters, on numbered A4 landscape pages', async () => {
    const pdf = await renderBookPdf(book(60));
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    for (const page of doc.getPages()) {
      expect(Math.round(page.getWidth())).toBe(842);
      expect(Math.round(page.getHeight())).toBe(595);
    }
    const text = pdfText(pdf);
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(text).toContain('ỦY BAN NHÂN DÂN XÃ QUẢNG TÂN');
    expect(text).toContain('Năm 2026');
    expect(text).toContain('Tên loại và trích yếu nội dung');
    expect(text).toContain('Đơn vị hoặc người nhận');
    expect(text).toContain('Kiểm tra việc quản lý, sử dụng đất đai năm 2026 (lượt 60)');
    expect(text).toContain('Sở Tài nguyên và Môi trường');
    expect(text).toContain('60/KH-STNMT');
    expect(text).toContain('Hỏa tốc');
    expect(text).toContain(`Trang ${doc.getPageCount()}/${doc.getPageCount()}`);
    // The headings repeat on every page.
    expect(text.split('Số đến').length - 1).toBe(doc.getPageCount());
  });

  it('keeps the Decree 30 margins on every page: left at least 30 mm, right 15 mm, top and bottom 20 mm (the page number in the bottom margin)', async () => {
    const margins = textMargins(await renderBookPdf(book(60)));
    expect(margins.length).toBeGreaterThan(1);
    for (const m of margins) {
      expect(m.left).toBeGreaterThanOrEqual(29.9);
      expect(m.right).toBeGreaterThanOrEqual(14.9);
      expect(m.top).toBeGreaterThanOrEqual(19.5);
      // Only the page number ("Trang 2/5") lies below the 20 mm line, and not at the page's edge.
      expect(m.bottom).toBeGreaterThanOrEqual(7);
    }
  });

  it('writes the same heading and rows to an XLSX that Excel readers open', async () => {
    const xlsx = await renderBookXlsx(book(3));
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)[0]).toBe('ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG');
    expect(values(2)[0]).toBe('ỦY BAN NHÂN DÂN XÃ QUẢNG TÂN');
    expect(values(4)[0]).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(values(5)[0]).toBe('Năm 2026');
    expect(values(7)).toEqual(INCOMING_COLUMNS.map((c) => c.heading));
    expect(values(9)[3]).toBe('1/KH-STNMT');
    expect(values(11)[3]).toBe('3/KH-STNMT');
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.margins).toMatchObject({ left: 30 / 25.4, right: 15 / 25.4, top: 20 / 25.4, bottom: 20 / 25.4 });
  });
});
