import { AssignmentRole, DocumentDetail, DOCUMENT_TYPES } from '@vanthu/shared/contracts';
import { formatDate, formatDateTime, formatRegisterNumber } from '@vanthu/shared/domain';

import { A4_PORTRAIT, drawCentred, drawOrganisation, MARGINS, newReport, numberPages, savePdf, wrapText } from '../print/pdf-kit';

// Decree 30/2020, Appendix I margins.
const LEFT = MARGINS.left;
const RIGHT = A4_PORTRAIT.width - MARGINS.right;
const TOP = A4_PORTRAIT.height - MARGINS.top;
const BOTTOM = MARGINS.bottom;
const SIZE = 12;
const LINE = 16;

const ROLE_TITLES: Record<AssignmentRole, string> = {
  [AssignmentRole.Lead]: 'Chủ trì',
  [AssignmentRole.Coordinate]: 'Phối hợp',
  [AssignmentRole.Inform]: 'Để biết',
};

/** What the slip shows besides the document: who the organisation is. */
export interface SlipContext {
  parentName: string | null;
  organisationName: string;
  /** Progress reports and the result, in order, as the history holds them. */
  handlingNotes: Array<{ at: string; by: string; text: string }>;
}

/**
 * Phiếu giải quyết văn bản đến: the incoming document (arrival number and date, sender, number
 * and symbol, subject), the leader's instructions (ý kiến chỉ đạo) with date and name, the units
 * and people assigned (chủ trì, phối hợp, để biết), the deadline, and the handlers' notes.
 */
export async function renderHandlingSlip(d: DocumentDetail, context: SlipContext): Promise<Buffer> {
  const { doc, fonts } = await newReport(`Phiếu giải quyết văn bản đến – ${d.originalSymbol ?? d.subject}`);
  let page = doc.addPage([A4_PORTRAIT.width, A4_PORTRAIT.height]);
  let y = TOP - SIZE; // the first baseline, its letters inside the margin
  y = drawOrganisation(page, fonts, context.parentName, context.organisationName, LEFT + 100, y, 200);
  y -= 14;
  drawCentred(page, 'PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN', fonts.bold, 15, (LEFT + RIGHT) / 2, y);
  y -= 28;

  const newPageIfNeeded = (height: number) => {
    if (y - height < BOTTOM) {
      page = doc.addPage([A4_PORTRAIT.width, A4_PORTRAIT.height]);
      y = TOP - SIZE;
    }
  };
  /** A label in bold and its value after it, wrapped under the label's width. */
  const field = (label: string, value: string) => {
    const labelWidth = fonts.bold.widthOfTextAtSize(`${label} `, SIZE);
    const lines = wrapText(value || '—', fonts.regular, SIZE, RIGHT - LEFT - labelWidth);
    newPageIfNeeded(lines.length * LINE);
    page.drawText(label, { x: LEFT, y, font: fonts.bold, size: SIZE });
    lines.forEach((line) => {
      page.drawText(line, { x: LEFT + labelWidth, y, font: fonts.regular, size: SIZE });
      y -= LINE;
    });
  };
  const paragraph = (text: string, font = fonts.regular, indent = 0) => {
    for (const line of wrapText(text, font, SIZE, RIGHT - LEFT - indent)) {
      newPageIfNeeded(LINE);
      page.drawText(line, { x: LEFT + indent, y, font, size: SIZE });
      y -= LINE;
    }
  };
  const section = (title: string) => {
    y -= 8;
    newPageIfNeeded(LINE * 2);
    page.drawText(title, { x: LEFT, y, font: fonts.bold, size: SIZE });
    y -= LINE;
  };

  field('Số đến:', d.arrivalNumber ? formatRegisterNumber(d.arrivalNumber) : '');
  field('Ngày đến:', d.receivedAt ? formatDateTime(new Date(d.receivedAt)) : '');
  field('Tác giả (nơi gửi):', d.sender ?? '');
  field('Số, ký hiệu:', d.originalSymbol ?? d.symbol ?? '');
  field('Ngày tháng văn bản:', d.originalDate ? formatDate(d.originalDate) : '');
  field('Tên loại:', DOCUMENT_TYPES[d.type]?.name.vi ?? d.type);
  field('Trích yếu nội dung:', d.subject);

  const a = d.assignment;
  section('Ý kiến chỉ đạo của lãnh đạo:');
  if (a) {
    paragraph(a.instructions ?? '(Không có ý kiến ghi kèm.)', fonts.italic, 14);
    paragraph(`${a.assignedBy.fullName}${a.assignedBy.position ? `, ${a.assignedBy.position}` : ''} — ${formatDateTime(new Date(a.assignedAt))}`, fonts.regular, 14);
    section('Đơn vị, người xử lý:');
    for (const role of [AssignmentRole.Lead, AssignmentRole.Coordinate, AssignmentRole.Inform]) {
      const names = a.assignees.filter((x) => x.role === role).map((x) => x.user?.fullName ?? x.organisation?.name ?? '');
      if (names.length) paragraph(`${ROLE_TITLES[role]}: ${names.join('; ')}`, fonts.regular, 14);
    }
    section('Hạn xử lý:');
    paragraph(formatDate(a.deadline), fonts.regular, 14);
  } else {
    paragraph('(Chưa có ý kiến chỉ đạo.)', fonts.italic, 14);
  }

  section('Ý kiến của đơn vị, người xử lý:');
  if (context.handlingNotes.length) {
    for (const note of context.handlingNotes) paragraph(`${formatDateTime(new Date(note.at))} — ${note.by}: ${note.text}`, fonts.regular, 14);
  } else {
    paragraph('', fonts.regular, 14);
  }
  numberPages(doc, fonts.regular);
  return savePdf(doc);
}
