import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DocumentDetail, DocumentType, RegisterKind, RegisterView, SecurityLevel, Urgency } from '@vanthu/shared/contracts';
import { addCalendarDays, formatDate, toIsoDate } from '@vanthu/shared/domain';
import { Workbook } from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import TestAgent from 'supertest/lib/agent';

import { startTestApp, TestApp } from '../../test/harness';
import { Directory, Route } from '../../test/routing';

/**
 * The text poppler's pdftotext reads from a PDF, in the order it was drawn (cell by cell), with
 * runs of white space as one space: a heading wrapped inside its cell reads as one phrase.
 */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-records-'));
  try {
    writeFileSync(join(dir, 'file.pdf'), pdf);
    return execFileSync('pdftotext', ['-raw', join(dir, 'file.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A binary response's bytes (and its headers), expecting `status`. */
async function bytes(agent: TestAgent, url: string, query: Record<string, string> = {}, status = 200): Promise<{ body: Buffer; type: string; disposition: string }> {
  const response = await agent
    .get(url)
    .query(query)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    })
    .expect(status);
  return { body: response.body as Buffer, type: String(response.headers['content-type']), disposition: String(response.headers['content-disposition'] ?? '') };
}

describe('register books and handling slips (Decree 30/2020, Appendix IV)', () => {
  let t: TestApp;
  let route: Route;
  let dir: Directory;
  const today = toIsoDate(new Date());
  const year = Number(today.slice(0, 4));
  let outgoing: DocumentDetail;
  let electronicId: number;
  let paperId: number;

  beforeAll(async () => {
    t = await startTestApp('records-books', { signing: 'ec' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    outgoing = await route.dispatched({ recipientIds: [dir.org('quangtan').id, dir.org('dakbukso').id] });

    // Quảng Tân registers the electronic copy (số đến 01) and a letter received on paper (số đến 02).
    const clerk = await route.as('quangtan.vanthu');
    electronicId = outgoing.deliveries.find((d) => d.recipient.id === dir.org('quangtan').id)!.incomingDocumentId!;
    await clerk.post(`/api/incoming/${electronicId}/register`).expect(200);
    const paper: DocumentDetail = (
      await clerk
        .post('/api/incoming')
        .send({
          type: DocumentType.OfficialLetter,
          subject: 'Đề nghị phối hợp rà soát hộ nghèo, hộ cận nghèo năm 2026',
          urgency: Urgency.Flash,
          securityLevel: SecurityLevel.Normal,
          senderName: 'Sở Lao động - Thương binh và Xã hội tỉnh Đắk Nông',
          originalSymbol: '1234/SLĐTBXH-BTXH',
          originalDate: today,
        })
        .expect(201)
    ).body;
    paperId = paper.id;
    await clerk.post(`/api/incoming/${paperId}/submit`).send({ leaderId: dir.user('quangtan.lanhdao').id, note: 'Kính trình Chủ tịch.' }).expect(200);
    await (await route.as('quangtan.lanhdao'))
      .post(`/api/incoming/${paperId}/assign`)
      .send({
        lead: { userId: dir.user('quangtan.chuyenvien1').id },
        coordinators: [{ userId: dir.user('quangtan.chuyenvien2').id }],
        deadline: addCalendarDays(today, 10),
        instructions: 'Giao đồng chí Hải chủ trì rà soát, báo cáo kết quả trước thời hạn.',
      })
      .expect(200);
    await (await route.as('quangtan.chuyenvien1')).post(`/api/incoming/${paperId}/progress`).send({ note: 'Đã rà soát xong thôn 1 và thôn 2.' }).expect(200);
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const registerOf = async (agent: TestAgent, kind: RegisterKind): Promise<RegisterView> => {
    const registers: RegisterView[] = (await agent.get('/api/records/registers').query({ year }).expect(200)).body;
    const found = registers.find((r) => r.kind === kind);
    if (!found) throw new Error(`No ${kind} register`);
    return found;
  };

  it('prints the incoming register book as an A4 landscape PDF whose text has the heading and the entries, with Vietnamese letters', async () => {
    const clerk = await route.as('quangtan.vanthu');
    const register = await registerOf(clerk, RegisterKind.IncomingNormal);
    expect(register.lastNumber).toBe(2);
    const pdf = await bytes(clerk, `/api/records/registers/${register.id}/book.pdf`);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toContain(`so-van-ban-den-${year}.pdf`);
    const doc = await PDFDocument.load(pdf.body);
    expect(doc.getPageCount()).toBe(1);
    const [page] = doc.getPages();
    expect(page.getWidth()).toBeGreaterThan(page.getHeight());
    expect(Math.round(page.getWidth())).toBe(842);

    const text = pdfText(pdf.body);
    expect(text).toContain('UBND XÃ QUẢNG TÂN');
    expect(text).toContain('UBND HUYỆN TUY ĐỨC');
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(text).toContain(`Năm ${year}`);
    for (const heading of ['Ngày đến', 'Số đến', 'Tác giả', 'Số, ký hiệu', 'Tên loại và trích yếu', 'Đơn vị hoặc người nhận', 'Ký nhận', 'Ghi chú']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Đề nghị phối hợp rà soát hộ nghèo');
    expect(text).toContain('1234/SLĐTBXH-BTXH');
    expect(text).toContain('Hỏa tốc');
    expect(text).toContain('Trần Văn Hải; Lê Thị Bích');
    expect(text).toContain(outgoing.symbol!);
    expect(text).toContain('UBND huyện Tuy Đức');
    expect(text).toContain('Trang 1/1');
    // The arrival numbers in order: 01 (the electronic copy) before 02 (the paper letter).
    expect(text.indexOf(outgoing.symbol!)).toBeLessThan(text.indexOf('1234/SLĐTBXH-BTXH'));
  });

  it('exports the same book to XLSX with the heading, read back by exceljs', async () => {
    const clerk = await route.as('quangtan.vanthu');
    const register = await registerOf(clerk, RegisterKind.IncomingNormal);
    const xlsx = await bytes(clerk, `/api/records/registers/${register.id}/book.xlsx`);
    expect(xlsx.type).toContain('spreadsheetml');
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows = sheet.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v))));
    expect(rows[0][0]).toBe('UBND HUYỆN TUY ĐỨC');
    expect(rows[1][0]).toBe('UBND XÃ QUẢNG TÂN');
    expect(rows[2][0]).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(rows[3][0]).toBe(`Năm ${year}`);
    expect(rows[4]).toEqual(['Ngày đến', 'Số đến', 'Tác giả', 'Số, ký hiệu', 'Ngày tháng', 'Tên loại và trích yếu nội dung', 'Đơn vị hoặc người nhận', 'Ký nhận', 'Ghi chú']);
    const entries = rows.slice(6);
    expect(entries.map((r) => [r[1], r[3]])).toEqual([
      ['01', outgoing.symbol],
      ['02', '1234/SLĐTBXH-BTXH'],
    ]);
    expect(entries[1][2]).toBe('Sở Lao động - Thương binh và Xã hội tỉnh Đắk Nông');
    expect(entries[1][4]).toBe(formatDate(today));
    expect(entries[1][6]).toBe('Trần Văn Hải; Lê Thị Bích');
  });

  it('prints the outgoing register book with signer, recipients and copies; a period without entries prints an empty book', async () => {
    const clerk = await route.as('tuyduc.vanthu');
    const register = await registerOf(clerk, RegisterKind.OutgoingNormal);
    const text = pdfText((await bytes(clerk, `/api/records/registers/${register.id}/book.pdf`, { from: today, to: today })).body);
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(text).toContain(`Từ ngày ${formatDate(today)} đến ngày ${formatDate(today)}`);
    for (const heading of ['Số, ký hiệu văn bản', 'Người ký', 'Nơi nhận văn bản', 'Đơn vị, người nhận bản lưu', 'Số lượng bản']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain(outgoing.symbol!);
    expect(text).toContain('Nguyễn Văn Hùng');
    expect(text).toContain('UBND xã Đắk Buk So; UBND xã Quảng Tân');
    expect(text).toContain('Kế hoạch triển khai chuyển đổi số');

    const earlier = addCalendarDays(today, -40);
    const empty = pdfText((await bytes(clerk, `/api/records/registers/${register.id}/book.pdf`, { from: earlier, to: addCalendarDays(earlier, 1) })).body);
    expect(empty).toContain('Không có văn bản nào trong kỳ.');
    expect(empty).not.toContain(outgoing.symbol!);
  });

  it("never gives another organisation's register book, nor one to a specialist", async () => {
    const own = await registerOf(await route.as('quangtan.vanthu'), RegisterKind.IncomingNormal);
    for (const outsider of ['tuyduc.vanthu', 'dakbukso.lanhdao']) {
      const agent = await route.as(outsider);
      const refused = await agent.get(`/api/records/registers/${own.id}/book.pdf`).expect(404);
      expect(refused.body.code).toBe('NOT_FOUND');
      await agent.get(`/api/records/registers/${own.id}/book.xlsx`).expect(404);
      const theirs: RegisterView[] = (await agent.get('/api/records/registers').expect(200)).body;
      expect(theirs.map((r) => r.id)).not.toContain(own.id);
    }
    await (await route.as('quangtan.chuyenvien1')).get(`/api/records/registers/${own.id}/book.pdf`).expect(403);
    await (await route.as('quangtan.vanthu')).get(`/api/records/registers/${own.id}/book.pdf`).query({ from: today, to: addCalendarDays(today, -1) }).expect(400);
  });

  it("prints the handling slip with the leader's instructions, the assignees, the deadline and the handler's notes", async () => {
    const slip = await bytes(await route.as('quangtan.chuyenvien1'), `/api/records/incoming/${paperId}/handling-slip.pdf`);
    const doc = await PDFDocument.load(slip.body);
    expect(doc.getPageCount()).toBe(1);
    const text = pdfText(slip.body);
    expect(text).toContain('PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(text).toContain('UBND XÃ QUẢNG TÂN');
    expect(text).toContain('Số đến: 02');
    expect(text).toContain('1234/SLĐTBXH-BTXH');
    expect(text).toContain('Giao đồng chí Hải chủ trì rà soát, báo cáo kết quả trước thời hạn.');
    expect(text).toContain('Nguyễn Đình Phong');
    expect(text).toContain('Chủ trì: Trần Văn Hải');
    expect(text).toContain('Phối hợp: Lê Thị Bích');
    expect(text).toContain(formatDate(addCalendarDays(today, 10)));
    expect(text).toContain('Đã rà soát xong thôn 1 và thôn 2.');

    // Not visible to people outside the document (the one access rule); an outgoing document has no slip.
    await (await route.as('dakbukso.vanthu')).get(`/api/records/incoming/${paperId}/handling-slip.pdf`).expect(404);
    await (await route.as('tuyduc.vanthu')).get(`/api/records/incoming/${outgoing.id}/handling-slip.pdf`).expect(404);
    await (await route.as('quangtan.vanthu')).get(`/api/records/incoming/${electronicId}/handling-slip.pdf`).expect(200);
  });
});
