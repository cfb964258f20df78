import { CommentKind, CommentView, DocumentDetail, ErrorCode, RecipientResultView } from '@vanthu/shared/contracts';
import { addCalendarDays, toIsoDate } from '@vanthu/shared/domain';

import { startTestApp, TestApp } from '../../test/harness';
import { corpusFile, Directory, download, hostilePdf, Route } from '../../test/routing';

describe('opinions (ý kiến) and results (kết quả xử lý) on documents', () => {
  let t: TestApp;
  let route: Route;
  let dir: Directory;
  let outgoing: DocumentDetail;
  let copyId: number;
  const report = Buffer.from('Báo cáo kết quả rà soát: 12 hộ nghèo, 7 hộ cận nghèo.\n', 'utf8');

  beforeAll(async () => {
    t = await startTestApp('records-comments', { signing: 'ec' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    outgoing = await route.dispatched({ recipientIds: [dir.org('quangtan').id, dir.org('dakbukso').id] });
    copyId = outgoing.deliveries.find((d) => d.recipient.id === dir.org('quangtan').id)!.incomingDocumentId!;
    const clerk = await route.as('quangtan.vanthu');
    await clerk.post(`/api/incoming/${copyId}/register`).expect(200);
    await clerk.post(`/api/incoming/${copyId}/submit`).send({ leaderId: dir.user('quangtan.lanhdao').id }).expect(200);
    await (await route.as('quangtan.lanhdao'))
      .post(`/api/incoming/${copyId}/assign`)
      .send({ lead: { userId: dir.user('quangtan.chuyenvien1').id }, deadline: addCalendarDays(toIsoDate(new Date()), 5), instructions: 'Rà soát, báo cáo kết quả.' })
      .expect(200);
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('keeps a comment thread with attachments on a document, for everyone who may see it and nobody else', async () => {
    const sender = await route.as('tuyduc.vanthu');
    const added: CommentView = (
      await sender
        .post(`/api/records/documents/${outgoing.id}/comments`)
        .field('text', 'Đề nghị các xã lưu ý thời hạn báo cáo trước ngày 15.')
        .attach('files', report, { filename: 'Hướng dẫn báo cáo.txt', contentType: 'text/plain' })
        .expect(201)
    ).body;
    expect(added).toMatchObject({ kind: CommentKind.Opinion, text: 'Đề nghị các xã lưu ý thời hạn báo cáo trước ngày 15.', author: { id: dir.user('tuyduc.vanthu').id } });
    expect(added.files).toEqual([expect.objectContaining({ name: 'Hướng dẫn báo cáo.txt', size: report.length })]);

    // The drafter (Phòng Nội vụ, the drafting unit) sees the document, so the thread and its file.
    const drafter = await route.as('tuyduc-nv.chuyenvien1');
    const thread: CommentView[] = (await drafter.get(`/api/records/documents/${outgoing.id}/comments`).expect(200)).body;
    expect(thread.map((c) => c.text)).toEqual(['Đề nghị các xã lưu ý thời hạn báo cáo trước ngày 15.']);
    const file = await download(drafter, `/api/records/documents/${outgoing.id}/comments/${added.id}/files/${added.files[0].id}`);
    expect(file.body.equals(report)).toBe(true);
    expect(file.type).toContain('application/octet-stream');
    expect(file.disposition).toContain('attachment');

    // A commune sees its own copy, not the district's original nor its thread.
    const commune = await route.as('quangtan.vanthu');
    await commune.get(`/api/records/documents/${outgoing.id}/comments`).expect(404);
    await commune.post(`/api/records/documents/${outgoing.id}/comments`).field('text', 'Xin ý kiến.').expect(404);
    await commune.get(`/api/records/documents/${outgoing.id}/comments/${added.id}/files/${added.files[0].id}`).expect(404);

    // On the commune's copy: the handler comments, a colleague of the commune reads it, another commune cannot.
    const handler = await route.as('quangtan.chuyenvien1');
    await handler.post(`/api/records/documents/${copyId}/comments`).field('text', 'Đã liên hệ trưởng thôn để rà soát.').expect(201);
    const colleague: CommentView[] = (await (await route.as('quangtan.chuyenvien2')).get(`/api/records/documents/${copyId}/comments`).expect(200)).body;
    expect(colleague.map((c) => [c.author.fullName, c.text])).toEqual([['Trần Văn Hải', 'Đã liên hệ trưởng thôn để rà soát.']]);
    await (await route.as('dakbukso.vanthu')).get(`/api/records/documents/${copyId}/comments`).expect(404);

    const empty = await handler.post(`/api/records/documents/${copyId}/comments`).field('text', '   ').expect(400);
    expect(empty.body.code).toBe(ErrorCode.CommentRequired);
    const history: DocumentDetail = (await handler.get(`/api/documents/${copyId}`).expect(200)).body;
    expect(history.history.filter((h) => h.action === 'document.commented').map((h) => h.comment)).toEqual(['Đã liên hệ trưởng thôn để rà soát.']);
  });

  it('gives an attachment that is a PDF the active-content check document uploads get, whatever its name', async () => {
    const handler = await route.as('quangtan.chuyenvien1');
    const thread = async () => ((await handler.get(`/api/records/documents/${copyId}/comments`).expect(200)).body as CommentView[]).length;
    const before = await thread();
    const hostile = await hostilePdf();
    const refused = {
      statusCode: 422,
      code: ErrorCode.ActiveContent,
      message: {
        vi: 'Tệp PDF có nội dung có thể tự chạy nên không được nhận: mã JavaScript; tệp nhúng bên trong. Hãy xuất lại tệp PDF từ Word/LibreOffice (hoặc in ra PDF) rồi tải lên lại.',
        en: 'The PDF holds content that can act on its own, so it is refused: JavaScript; embedded files. Export the PDF again from Word/LibreOffice (or print to PDF) and upload that.',
      },
    };
    const opinion = await handler
      .post(`/api/records/documents/${copyId}/comments`)
      .field('text', 'Gửi kèm biểu mẫu.')
      .attach('files', report, { filename: 'ghi-chu.txt', contentType: 'text/plain' })
      // Content decides: a PDF sent as text is still opened by a PDF viewer.
      .attach('files', hostile, { filename: 'bieu-mau.txt', contentType: 'text/plain' })
      .expect(422);
    expect(opinion.body).toEqual(refused);
    const result = await handler
      .post(`/api/records/documents/${copyId}/result`)
      .field('text', 'Kết quả.')
      .attach('file', hostile, { filename: 'Báo cáo.pdf', contentType: 'application/pdf' })
      .expect(422);
    expect(result.body).toEqual(refused);
    expect(await thread()).toBe(before);

    // An ordinary PDF passes.
    await handler
      .post(`/api/records/documents/${copyId}/comments`)
      .field('text', 'Biểu mẫu đã điền.')
      .attach('files', corpusFile('libreoffice-ke-hoach.pdf'), { filename: 'Biểu mẫu.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(await thread()).toBe(before + 1);
  });

  it("lets the lead handler record the result with a file, which the sender reads in tracking", async () => {
    await (await route.as('quangtan.chuyenvien2')).post(`/api/records/documents/${copyId}/result`).field('text', 'Kết quả.').expect(403);
    await (await route.as('tuyduc.vanthu')).post(`/api/records/documents/${outgoing.id}/result`).field('text', 'Kết quả.').expect(403);

    const handler = await route.as('quangtan.chuyenvien1');
    const result: CommentView = (
      await handler
        .post(`/api/records/documents/${copyId}/result`)
        .field('text', 'Đã rà soát xong: 12 hộ nghèo, 7 hộ cận nghèo.')
        .attach('file', report, { filename: 'Báo cáo kết quả.pdf', contentType: 'application/pdf' })
        .expect(201)
    ).body;
    expect(result.kind).toBe(CommentKind.Result);
    await handler.post(`/api/incoming/${copyId}/complete`).send({ note: 'Hoàn thành.' }).expect(200);

    const sender = await route.as('tuyduc.vanthu');
    const tracking: RecipientResultView[] = (await sender.get(`/api/records/documents/${outgoing.id}/results`).expect(200)).body;
    const byRecipient = new Map(tracking.map((r) => [r.recipient.name, r]));
    expect([...byRecipient.keys()].sort()).toEqual(['UBND xã Quảng Tân', 'UBND xã Đắk Buk So'].sort());
    expect(byRecipient.get('UBND xã Quảng Tân')).toMatchObject({ status: 'completed', incomingDocumentId: copyId });
    expect(byRecipient.get('UBND xã Quảng Tân')!.results.map((r) => [r.text, r.author.fullName, r.files.map((f) => f.name)])).toEqual([
      ['Đã rà soát xong: 12 hộ nghèo, 7 hộ cận nghèo.', 'Trần Văn Hải', ['Báo cáo kết quả.pdf']],
    ]);
    expect(byRecipient.get('UBND xã Đắk Buk So')!.results).toEqual([]);
    // Opinions stay with the copy: the sender's tracking holds only results.
    expect(byRecipient.get('UBND xã Quảng Tân')!.results.some((r) => r.kind === CommentKind.Opinion)).toBe(false);

    // The sender downloads the result's file through its own document.
    const file = await download(sender, `/api/records/documents/${outgoing.id}/comments/${result.id}/files/${result.files[0].id}`);
    expect(file.body.equals(report)).toBe(true);
    expect(file.type).toContain('application/pdf');
    // Another commune, which received the same original, sees neither the results nor the file.
    const other = await route.as('dakbukso.vanthu');
    await other.get(`/api/records/documents/${outgoing.id}/results`).expect(404);
    const otherCopy = outgoing.deliveries.find((d) => d.recipient.id === dir.org('dakbukso').id)!.incomingDocumentId!;
    await other.get(`/api/records/documents/${otherCopy}/comments/${result.id}/files/${result.files[0].id}`).expect(404);
  });
});
