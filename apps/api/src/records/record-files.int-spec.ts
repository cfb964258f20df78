import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { AuditService, OutboxService } from '@vanthu/server/data-access';
import { DepositReminders } from '@vanthu/server/notifications';
import { DocumentDetail, ErrorCode, RecordFileDetail, RecordFileStatus, RecordFileView } from '@vanthu/shared/contracts';
import { addCalendarDays, toIsoDate } from '@vanthu/shared/domain';
import { XMLParser } from 'fast-xml-parser';
import { PDFDocument } from 'pdf-lib';
import { DataSource } from 'typeorm';

import { startTestApp, TestApp } from '../../test/harness';
import { corpusFile, Directory, download, Route } from '../../test/routing';

const run = promisify(execFile);

/** The page count as qpdf reads it, not as our own code does. */
async function qpdfPages(pdf: Buffer): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-hoso-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    const { stdout } = await run('qpdf', ['--show-npages', join(dir, 'f.pdf')]);
    return Number(stdout.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function firstPageText(pdf: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-hoso-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return (await run('pdftotext', ['-l', '1', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' })).stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('records (hồ sơ): the file list, filing, closing and the archive export', () => {
  let t: TestApp;
  let route: Route;
  let dir: Directory;
  let plan: DocumentDetail;
  let report: DocumentDetail;
  let copyId: number;
  const year = Number(toIsoDate(new Date()).slice(0, 4));

  beforeAll(async () => {
    t = await startTestApp('records-files', { signing: 'ec' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    plan = await route.dispatched({ recipientIds: [dir.org('quangtan').id], attachments: [corpusFile('libreoffice-ke-hoach.pdf')] });
    report = await route.dispatched({ recipientIds: [dir.org('quangtan').id], subject: 'Báo cáo kết quả cải cách hành chính quý III & "dự kiến" quý IV <2026>' });
    copyId = plan.deliveries.find((d) => d.recipient.id === dir.org('quangtan').id)!.incomingDocumentId!;
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the year’s file list, files visible documents, refuses others’, closes and exports .pdf and .xml', async () => {
    const clerk = await route.as('tuyduc.vanthu');
    const leader = await route.as('tuyduc.lanhdao');
    const request = { year, code: '01.VP', title: 'Hồ sơ chuyển đổi số năm 2026', retentionYears: 10, personInChargeId: dir.user('tuyduc.vanthu').id, description: 'Kế hoạch & báo cáo' };
    const created: RecordFileView = (await clerk.post('/api/records/files').send(request).expect(201)).body;
    expect(created).toMatchObject({ code: '01.VP', status: RecordFileStatus.Open, documentCount: 0, personInCharge: { fullName: dir.user('tuyduc.vanthu').fullName } });
    const taken = await clerk.post('/api/records/files').send(request).expect(409);
    expect(taken.body.code).toBe(ErrorCode.RecordFileCodeTaken);
    // Leaders file documents but do not keep the list.
    await leader.post('/api/records/files').send({ ...request, code: '02.VP' }).expect(403);
    // The person in charge belongs to the organisation.
    await clerk.post('/api/records/files').send({ ...request, code: '03.VP', personInChargeId: dir.user('quangtan.vanthu').id }).expect(400);

    await clerk.post(`/api/records/files/${created.id}/documents`).send({ documentId: plan.id }).expect(200);
    const filed: RecordFileDetail = (await leader.post(`/api/records/files/${created.id}/documents`).send({ documentId: report.id }).expect(200)).body;
    expect(filed.documents.map((d) => [d.position, d.id, d.addedBy.id])).toEqual([
      [1, plan.id, dir.user('tuyduc.vanthu').id],
      [2, report.id, dir.user('tuyduc.lanhdao').id],
    ]);
    // A document of another organisation (the commune's copy) is not the clerk's to see, so not to file.
    const foreign = await clerk.post(`/api/records/files/${created.id}/documents`).send({ documentId: copyId }).expect(404);
    expect(foreign.body.code).toBe(ErrorCode.NotFound);
    // Another organisation neither sees the file nor files into it.
    const commune = await route.as('quangtan.vanthu');
    await commune.get(`/api/records/files/${created.id}`).expect(404);
    await commune.post(`/api/records/files/${created.id}/documents`).send({ documentId: copyId }).expect(404);
    expect((await commune.get('/api/records/files').query({ year }).expect(200)).body).toEqual([]);
    expect((await clerk.get('/api/records/files').query({ year }).expect(200)).body.map((f: RecordFileView) => [f.code, f.documentCount])).toEqual([['01.VP', 2]]);

    const early = await clerk.get(`/api/records/files/${created.id}/export.pdf`).expect(409);
    expect(early.body.code).toBe(ErrorCode.RecordFileOpen);
    // Only the clerk or the person in charge closes the file.
    await leader.post(`/api/records/files/${created.id}/close`).expect(403);
    const closed: RecordFileDetail = (await clerk.post(`/api/records/files/${created.id}/close`).expect(200)).body;
    expect(closed.status).toBe(RecordFileStatus.Closed);
    expect(closed.depositDue).toBe(`${year + 1}${toIsoDate(new Date()).slice(4)}`.replace(/-02-29$/, '-02-28'));
    const late = await leader.post(`/api/records/files/${created.id}/documents`).send({ documentId: plan.id }).expect(409);
    expect(late.body.code).toBe(ErrorCode.RecordFileClosed);
    await clerk.put(`/api/records/files/${created.id}`).send(request).expect(409);

    // The .pdf: one index page, then every page of every document's files, in order.
    const pdf = await download(clerk, `/api/records/files/${created.id}/export.pdf`);
    expect(pdf.type).toContain('application/pdf');
    // Generated files are sandboxed like stored ones, should a browser render one itself.
    expect(pdf.csp).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
    const pagesOf = async (d: DocumentDetail): Promise<number> => {
      let n = 0;
      for (const f of d.files) n += (await PDFDocument.load(await route.fileBytes(clerk, d.id, f.id))).getPageCount();
      return n;
    };
    const planDetail: DocumentDetail = (await clerk.get(`/api/documents/${plan.id}`).expect(200)).body;
    const reportDetail: DocumentDetail = (await clerk.get(`/api/documents/${report.id}`).expect(200)).body;
    expect(planDetail.files.length).toBe(2);
    const planPages = await pagesOf(planDetail);
    const reportPages = await pagesOf(reportDetail);
    expect(await qpdfPages(pdf.body)).toBe(1 + planPages + reportPages);
    const text = await firstPageText(pdf.body);
    expect(text).toContain('MỤC LỤC VĂN BẢN');
    expect(text).toContain(planDetail.symbol!);

    // The .xml: Appendix VI Part II metadata of the file and of each document.
    const xml = await download(clerk, `/api/records/files/${created.id}/export.xml`);
    expect(xml.type).toContain('application/xml');
    expect(xml.csp).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml.body.toString('utf8'));
    const organisation = dir.org('tuyduc');
    const fileCode = `${organisation.identifierCode ?? organisation.code}.${year}.01.VP`;
    expect(parsed.File).toMatchObject({
      FileCode: fileCode,
      Title: 'Hồ sơ chuyển đổi số năm 2026',
      Maintenance: '10 năm',
      Rights: 'Công khai',
      Creator: organisation.name,
      Language: 'Tiếng Việt',
      DocTotal: '2',
      PageTotal: String(planPages + reportPages),
      Description: 'Kế hoạch & báo cáo',
    });
    expect(parsed.File.StartDate).toBe(planDetail.originalDate);
    expect(parsed.File.EndDate).toBe(reportDetail.originalDate);
    const docs = parsed.File.Documents.Document as Array<Record<string, unknown>>;
    expect(docs.map((d) => [d['DocOrdinal'], d['CodeNumber'], d['PageAmount']])).toEqual([
      ['1', String(planDetail.number), String(planPages)],
      ['2', String(reportDetail.number), String(reportPages)],
    ]);
    expect(docs[0]).toMatchObject({ FileCode: fileCode, TypeName: 'Kế hoạch', CodeNotation: planDetail.symbol!.split('/').slice(1).join('/'), OrganName: organisation.name });
    expect(docs[0]['SignerInfo']).toEqual({ Position: dir.user('tuyduc.lanhdao').position, FullName: dir.user('tuyduc.lanhdao').fullName });
    // Text people typed is escaped, never markup.
    expect(xml.body.toString('utf8')).toContain('&amp; &quot;dự kiến&quot; quý IV &lt;2026&gt;');
    expect(docs[1]['Subject']).toBe('Báo cáo kết quả cải cách hành chính quý III & "dự kiến" quý IV <2026>');
  });

  it('reminds the person in charge and the clerks once, 30 days before the file is due at the archive', async () => {
    const clerk = await route.as('tuyduc.vanthu');
    const [file] = (await clerk.get('/api/records/files').query({ year }).expect(200)).body as RecordFileView[];
    const dataSource = t.app.get(DataSource);
    const reminders = new DepositReminders(dataSource, () => new Date(), t.app.get(OutboxService), t.app.get(AuditService));
    const events = async () =>
      dataSource.query(`SELECT payload FROM outbox_event WHERE type = 'record-file.deposit-due' AND JSON_VALUE(payload, '$.fileId') = ?`, [file.id]) as Promise<Array<{ payload: string }>>;
    const due = file.depositDue!;
    // 31 days before: not yet; 30 days before and later: once.
    expect(await reminders.scan(new Date(`${addCalendarDays(due, -31)}T03:00:00Z`))).toBe(0);
    expect(await events()).toEqual([]);
    expect(await reminders.scan(new Date(`${addCalendarDays(due, -30)}T03:00:00Z`))).toBe(1);
    expect(await reminders.scan(new Date(`${addCalendarDays(due, -10)}T03:00:00Z`))).toBe(0);
    const sent = await events();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0].payload)).toMatchObject({ symbol: '01.VP', depositDue: due, userIds: [dir.user('tuyduc.vanthu').id], organisationIds: [dir.org('tuyduc').id], roles: ['clerk'] });
  });
});
