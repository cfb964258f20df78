import { DocumentEntity, OrganisationEntity, RecordFileEntity } from '@vanthu/server/data-access';
import { DOCUMENT_TYPES, DocumentDirection, SecurityLevel } from '@vanthu/shared/contracts';
import { formatDate, toIsoDate } from '@vanthu/shared/domain';
import { XMLBuilder } from 'fast-xml-parser';
import { PDFDocument } from 'pdf-lib';

import { A4_PORTRAIT, BLACK, drawCentred, MARGINS, newReport, numberPages, savePdf, wrapText } from '../print/pdf-kit';

export interface ExportedDocument {
  document: DocumentEntity;
  /** Tên cơ quan ban hành: the sender of an incoming document, else the issuing organisation. */
  organName: string;
  signer: { fullName: string; position: string } | null;
  /** The current files, main first: the signed originals as stored. */
  files: Array<{ name: string; bytes: Buffer }>;
}

export interface FileExport {
  file: RecordFileEntity;
  organisation: OrganisationEntity;
  documents: ExportedDocument[];
}

/** A PDF begins with %PDF- within its first kilobyte (ISO 32000-1, 7.5.2); other files (a .docx from edXML) are left out. */
function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes('%PDF-');
}

/** Mã hồ sơ (Appendix VI Part II): the organisation's identifier code, the year, the file's number and notation. */
export function fileCode(e: Pick<FileExport, 'file' | 'organisation'>): string {
  return `${e.organisation.identifierCode ?? e.organisation.code}.${e.file.year}.${e.file.code}`;
}

function maintenance(years: number | null): string {
  return years === null ? 'Vĩnh viễn' : `${years} năm`;
}

/** Số and ký hiệu apart: `15/UBND-VP` is number 15, notation UBND-VP. */
function numberAndNotation(d: DocumentEntity): { number: string; notation: string } {
  if (d.direction === DocumentDirection.Outgoing && d.number !== null) {
    const symbol = d.symbol ?? '';
    return { number: String(d.number), notation: symbol.includes('/') ? symbol.slice(symbol.indexOf('/') + 1) : symbol };
  }
  const symbol = d.symbol ?? '';
  const slash = symbol.indexOf('/');
  return slash > 0 ? { number: symbol.slice(0, slash), notation: symbol.slice(slash + 1) } : { number: '', notation: symbol };
}

function dateOf(d: DocumentEntity): string | null {
  return d.documentDate ?? (d.issuedAt ? toIsoDate(d.issuedAt) : null);
}

async function pdfPages(bytes: Buffer): Promise<PDFDocument | null> {
  if (!isPdf(bytes)) return null;
  return PDFDocument.load(bytes, { updateMetadata: false });
}

/** The pages each document's PDFs hold (PageAmount), read once for both exports. */
export async function pageCounts(e: FileExport): Promise<number[]> {
  const counts: number[] = [];
  for (const d of e.documents) {
    let pages = 0;
    for (const f of d.files) pages += (await pdfPages(f.bytes))?.getPageCount() ?? 0;
    counts.push(pages);
  }
  return counts;
}

// Decree 30/2020, Appendix I margins.
const LEFT = MARGINS.left;
const RIGHT = A4_PORTRAIT.width - MARGINS.right;
const TOP = A4_PORTRAIT.height - MARGINS.top;
const BOTTOM = MARGINS.bottom;
// Columns of the mục lục văn bản: STT, số và ký hiệu, ngày tháng, trích yếu, số trang.
const COLUMNS = [
  { title: 'STT', width: 28 },
  { title: 'Số, ký hiệu', width: 100 },
  { title: 'Ngày tháng', width: 62 },
  { title: 'Trích yếu nội dung', width: 0 },
  { title: 'Số trang', width: 44 },
];

/**
 * The exported file as one PDF: the index (mục lục văn bản) of the file — its code, title,
 * retention and dates, then one row per document — followed by every document's PDF files in
 * order, their pages copied unchanged.
 */
export async function renderFilePdf(e: FileExport): Promise<Buffer> {
  const counts = await pageCounts(e);
  const { doc, fonts } = await newReport(`Hồ sơ ${fileCode(e)} – ${e.file.title}`);
  let page = doc.addPage([A4_PORTRAIT.width, A4_PORTRAIT.height]);
  let y = TOP - 12; // the first baseline, its letters inside the margin
  const centre = (LEFT + RIGHT) / 2;
  for (const line of wrapText(e.organisation.name.toUpperCase(), fonts.bold, 12, RIGHT - LEFT)) {
    drawCentred(page, line, fonts.bold, 12, centre, y);
    y -= 16;
  }
  y -= 10;
  drawCentred(page, 'MỤC LỤC VĂN BẢN', fonts.bold, 15, centre, y);
  y -= 22;
  for (const line of wrapText(`Hồ sơ: ${e.file.title}`, fonts.bold, 12, RIGHT - LEFT)) {
    drawCentred(page, line, fonts.bold, 12, centre, y);
    y -= 16;
  }
  const dates = e.documents.map((d) => dateOf(d.document)).filter((x): x is string => !!x).sort();
  const facts = [
    `Mã hồ sơ: ${fileCode(e)}`,
    `Thời hạn bảo quản: ${maintenance(e.file.retentionYears)}`,
    `Thời gian: ${dates.length ? `${formatDate(dates[0])} – ${formatDate(dates[dates.length - 1])}` : '—'}`,
    `Số văn bản: ${e.documents.length}; số trang: ${counts.reduce((a, b) => a + b, 0)}`,
  ];
  y -= 4;
  for (const f of facts) {
    page.drawText(f, { x: LEFT, y, font: fonts.regular, size: 11, color: BLACK });
    y -= 15;
  }
  y -= 8;
  const subjectWidth = RIGHT - LEFT - COLUMNS.reduce((a, c) => a + c.width, 0);
  const widths = COLUMNS.map((c) => c.width || subjectWidth);
  const xs = widths.map((_, i) => LEFT + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const rowLines = (cells: string[], bold: boolean) => cells.map((c, i) => wrapText(c, bold ? fonts.bold : fonts.regular, 10, widths[i] - 6));
  const drawRow = (cells: string[], bold: boolean) => {
    const lines = rowLines(cells, bold);
    const height = Math.max(...lines.map((l) => l.length)) * 12 + 6;
    if (y - height < BOTTOM) {
      page = doc.addPage([A4_PORTRAIT.width, A4_PORTRAIT.height]);
      y = TOP;
    }
    lines.forEach((cell, i) => {
      page.drawRectangle({ x: xs[i], y: y - height, width: widths[i], height, borderColor: BLACK, borderWidth: 0.5 });
      cell.forEach((text, k) => page.drawText(text, { x: xs[i] + 3, y: y - 12 - k * 12, font: bold ? fonts.bold : fonts.regular, size: 10, color: BLACK }));
    });
    y -= height;
  };
  drawRow(COLUMNS.map((c) => c.title), true);
  e.documents.forEach((d, i) => {
    const date = dateOf(d.document);
    drawRow([String(i + 1), d.document.symbol ?? '', date ? formatDate(date) : '', d.document.subject, String(counts[i])], false);
  });

  // The index's own pages are numbered; the documents' pages follow unchanged.
  numberPages(doc, fonts.regular);
  for (const d of e.documents) {
    for (const f of d.files) {
      const source = await pdfPages(f.bytes);
      if (!source) continue;
      const copied = await doc.copyPages(source, source.getPageIndices());
      copied.forEach((p) => doc.addPage(p));
    }
  }
  return savePdf(doc);
}

const builder = new XMLBuilder({
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // The builder escapes &, <, >, quotes: what people typed never becomes markup.
  processEntities: true,
});

/**
 * The file's metadata as Decree 30/2020, Appendix VI Part II names it: the file (FileCode, Title,
 * Maintenance, Rights, Creator, Language, StartDate, EndDate, DocTotal, PageTotal, Description)
 * and each document (FileCode, DocOrdinal, TypeName, CodeNumber, CodeNotation, IssuedDate,
 * OrganName, Subject, Language, PageAmount, SignerInfo …; ArrivalDate and ArrivalNumber for an
 * incoming one). Dates are ISO 8601 (YYYY-MM-DD).
 */
export async function renderFileXml(e: FileExport): Promise<Buffer> {
  const counts = await pageCounts(e);
  const code = fileCode(e);
  const dates = e.documents.map((d) => dateOf(d.document)).filter((x): x is string => !!x).sort();
  const restricted = e.documents.some((d) => d.document.securityLevel !== SecurityLevel.Normal);
  const documents = e.documents.map((d, i) => {
    const doc = d.document;
    const { number, notation } = numberAndNotation(doc);
    const incoming = doc.direction === DocumentDirection.Incoming;
    return {
      FileCode: code,
      DocOrdinal: i + 1,
      TypeName: DOCUMENT_TYPES[doc.type]?.name.vi ?? doc.type,
      CodeNumber: number,
      CodeNotation: notation,
      IssuedDate: dateOf(doc) ?? '',
      OrganName: d.organName,
      Subject: doc.subject,
      Language: 'Tiếng Việt',
      PageAmount: counts[i],
      Description: '',
      SignerInfo: { Position: d.signer?.position ?? '', FullName: d.signer?.fullName ?? '' },
      ...(incoming ? { ArrivalDate: doc.receivedAt ? toIsoDate(doc.receivedAt) : '', ArrivalNumber: doc.arrivalNumber ?? '' } : {}),
    };
  });
  const xml = builder.build({
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    File: {
      FileCode: code,
      Title: e.file.title,
      Maintenance: maintenance(e.file.retentionYears),
      Rights: restricted ? 'Hạn chế' : 'Công khai',
      Creator: e.organisation.name,
      Language: 'Tiếng Việt',
      StartDate: dates[0] ?? '',
      EndDate: dates[dates.length - 1] ?? '',
      DocTotal: e.documents.length,
      PageTotal: counts.reduce((a, b) => a + b, 0),
      Description: e.file.description ?? '',
      Documents: { Document: documents },
    },
  }) as string;
  return Buffer.from(xml, 'utf8');
}
