/** A cell of an exported table: text, a number (kept as a number in XLSX), or empty. */
export type Cell = string | number | null;

/**
 * A table to export: heading lines above it (the organisation, the report's title, the period —
 * what a printed report carries), a header row and the data rows.
 */
export interface ExportTable {
  heading?: readonly string[];
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV (RFC 4180) with a UTF-8 byte-order mark, which Excel needs to read Vietnamese letters
 * correctly, and CRLF line ends.
 */
export function toCsv(table: ExportTable): string {
  // The heading lines, then an empty line, then the table: a spreadsheet shows them above it.
  const heading = table.heading?.length ? [...table.heading.map((line) => [line]), []] : [];
  const lines = [...heading, table.header, ...table.rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

type ExcelJs = typeof import('exceljs');

/**
 * An Excel workbook (XLSX) with one sheet holding the table, written by exceljs; the header row
 * is bold and numbers stay numbers. exceljs is loaded only when someone exports (its browser
 * build is close to 1 MB).
 */
export async function toXlsx(table: ExportTable, sheetName: string): Promise<Uint8Array> {
  const loaded = (await import('exceljs')) as ExcelJs & { default?: ExcelJs };
  // The browser build is a UMD bundle: its exports arrive as the module's default.
  const { Workbook } = loaded.default ?? loaded;
  const workbook = new Workbook();
  // Excel limits sheet names to 31 characters, without []:*?/\
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1');
  const width = Math.max(1, table.header.length);
  (table.heading ?? []).forEach((line, i) => {
    const row = sheet.addRow([line]);
    // The title line (the second: after the organisation) stands out; each line spans the table.
    row.font = { bold: true, size: i === 1 ? 14 : 11 };
    sheet.mergeCells(row.number, 1, row.number, width);
  });
  if (table.heading?.length) sheet.addRow([]);
  sheet.addRow([...table.header]).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((cell) => (cell === '' ? null : cell)));
  table.header.forEach((heading, i) => (sheet.getColumn(i + 1).width = Math.max(10, Math.min(50, heading.length + 4))));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Offers bytes or text to the user as a download. */
export function downloadFile(fileName: string, content: string | Uint8Array, mimeType: string): void {
  const blob = new Blob([content as BlobPart], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv;charset=utf-8';
