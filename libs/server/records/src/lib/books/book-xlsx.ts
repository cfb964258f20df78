import { Workbook } from 'exceljs';

import { RegisterBook } from './register-book';

const FONT = 'Times New Roman';
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * The register book as an Excel workbook with the same heading as the PDF (organisation, title,
 * period) above the Appendix IV columns; set to print on A4 landscape, the heading rows repeated.
 */
export async function renderBookXlsx(book: RegisterBook): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'VănThư';
  // Excel limits sheet names to 31 characters.
  const sheet = workbook.addWorksheet(book.title.slice(0, 31), {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      // Decree 30/2020, Appendix I margins, in inches: left 30 mm, right 15 mm, top and bottom 20 mm.
      margins: { left: 30 / 25.4, right: 15 / 25.4, top: 20 / 25.4, bottom: 20 / 25.4, header: 8 / 25.4, footer: 8 / 25.4 },
    },
    headerFooter: { oddFooter: '&C&"Times New Roman"&10Trang &P/&N' },
  });
  const count = book.columns.length;
  const headingLine = (text: string, size: number, bold: boolean, italic = false) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, count);
    row.getCell(1).font = { name: FONT, size, bold, italic };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  };
  if (book.parentName) headingLine(book.parentName.toUpperCase(), 12, false);
  headingLine(book.organisationName.toUpperCase(), 12, true);
  sheet.addRow([]);
  headingLine(book.title, 16, true);
  headingLine(book.period, 12, false, true);
  sheet.addRow([]);

  const head = sheet.addRow(book.columns.map((c) => c.heading));
  const numbers = sheet.addRow(book.columns.map((_, i) => `(${i + 1})`));
  for (const row of [head, numbers]) {
    row.eachCell((cell) => {
      cell.font = { name: FONT, size: 11, bold: row === head, italic: row === numbers };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    });
  }
  sheet.pageSetup.printTitlesRow = `${head.number}:${numbers.number}`;
  book.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = Math.round(c.width * 1.6)));

  for (const values of book.rows) {
    const row = sheet.addRow(values);
    for (let i = 1; i <= count; i++) {
      const cell = row.getCell(i);
      cell.font = { name: FONT, size: 11 };
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = BORDER;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
