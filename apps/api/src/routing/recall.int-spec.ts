import { renderNotification } from '@vanthu/server/notifications';
import { DocumentDetail, DocumentStatus, ErrorCode, RecallKind, Role } from '@vanthu/shared/contracts';
import { addCalendarDays, toIsoDate } from '@vanthu/shared/domain';
import { DataSource } from 'typeorm';

import { startTestApp, TestApp } from '../../test/harness';
import { Directory, Route } from '../../test/routing';

describe('recall, update and replace of a dispatched document at internal recipients (real MariaDB)', () => {
  let t: TestApp;
  let dir: Directory;
  let route: Route;

  beforeAll(async () => {
    t = await startTestApp('recall', { signing: 'ec' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const copyIn = (d: DocumentDetail, code: string): number => {
    const id = d.deliveries.find((x) => x.recipient.id === dir.org(code).id)?.incomingDocumentId;
    if (!id) throw new Error(`no copy in ${code}`);
    return id;
  };

  type Recalled = { id: string; documentId: string; payload: { organisationIds: number[]; roles: Role[]; symbol: string; subject: string; senderName: string; comment: string; recall: string; replacementSymbol: string | null } };
  /** The recall notifications written to the outbox for the given copies (the worker fans them out to each organisation's clerks). */
  const recalledEvents = async (copies: number[]): Promise<Recalled[]> =>
    (await t.app.get(DataSource).query("SELECT id, type, document_id AS documentId, payload, created_at AS createdAt FROM outbox_event WHERE type = 'document.recalled' ORDER BY id"))
      .map((r: { id: string; documentId: string; payload: string }) => ({ id: String(r.id), documentId: String(r.documentId), payload: JSON.parse(r.payload) }))
      .filter((e: Recalled) => copies.includes(Number(e.documentId)));
  const rendered = (e: Recalled) => renderNotification({ id: e.id, type: 'document.recalled', documentId: e.documentId, payload: e.payload, createdAt: new Date(), actor: null });

  it('the clerk asks, the signing leader approves, every copy is withdrawn and handling stops, each commune clerk acknowledges', async () => {
    const sent = await route.dispatched({ subject: 'Kế hoạch tổ chức hội nghị sơ kết công tác cải cách hành chính' });
    const copy = copyIn(sent, 'quangtan');

    // Quảng Tân has it in handling, with a deadline.
    const communeClerk = await route.as('quangtan.vanthu');
    await communeClerk.post(`/api/incoming/${copy}/register`).expect(200);
    await communeClerk.post(`/api/incoming/${copy}/submit`).send({ leaderId: dir.user('quangtan.lanhdao').id, note: 'Kính trình.' }).expect(200);
    const communeLeader = await route.as('quangtan.lanhdao');
    await communeLeader
      .post(`/api/incoming/${copy}/assign`)
      .send({ lead: { userId: dir.user('quangtan.chuyenvien1').id }, deadline: addCalendarDays(toIsoDate(new Date()), 5), instructions: 'Chuẩn bị nội dung.' })
      .expect(200);

    // Only the issuing organisation's clerk or signer may ask, and only with a reason.
    const drafter = await route.as('tuyduc-nv.chuyenvien1');
    await drafter.post(`/api/outgoing/${sent.id}/recall`).send({ kind: RecallKind.Revoke, reason: 'Sai thời gian.' }).expect(403);
    await communeClerk.post(`/api/outgoing/${sent.id}/recall`).send({ kind: RecallKind.Revoke, reason: 'x' }).expect(404);
    const clerk = await route.as('tuyduc.vanthu');
    await clerk.post(`/api/outgoing/${sent.id}/recall`).send({ kind: RecallKind.Revoke, reason: '   ' }).expect(400);

    const asked: DocumentDetail = (await clerk.post(`/api/outgoing/${sent.id}/recall`).send({ kind: RecallKind.Revoke, reason: 'Sai thời gian tổ chức hội nghị.' }).expect(200)).body;
    expect(asked.status).toBe(DocumentStatus.Dispatched);
    expect(asked.recallRequest).toMatchObject({ kind: RecallKind.Revoke, status: 'pending', requestedBy: { id: dir.user('tuyduc.vanthu').id } });
    expect(asked.allowedActions).not.toContain('recall');
    const again = await clerk.post(`/api/outgoing/${sent.id}/recall`).send({ kind: RecallKind.Revoke, reason: 'Lần nữa.' }).expect(409);
    expect(again.body.code).toBe(ErrorCode.RecallPending);
    // Nothing reached the recipients yet.
    expect(((await communeClerk.get(`/api/documents/${copy}`).expect(200)).body as DocumentDetail).status).toBe(DocumentStatus.InProgress);
    const copies = sent.deliveries.map((x) => x.incomingDocumentId as number);
    expect(await recalledEvents(copies)).toEqual([]);

    // The clerk cannot approve their own request, nor can a leader who did not sign the document.
    await clerk.post(`/api/outgoing/${sent.id}/recall/decision`).send({ approve: true }).expect(403);
    await (await route.as('tuyduc-nv.lanhdao')).post(`/api/outgoing/${sent.id}/recall/decision`).send({ approve: true }).expect(403);

    const signer = await route.as('tuyduc.lanhdao');
    expect(((await signer.get(`/api/documents/${sent.id}`).expect(200)).body as DocumentDetail).allowedActions).toContain('decide-recall');
    const approved: DocumentDetail = (await signer.post(`/api/outgoing/${sent.id}/recall/decision`).send({ approve: true }).expect(200)).body;
    expect(approved.status).toBe(DocumentStatus.Withdrawn);
    expect(approved.recallRequest).toMatchObject({ status: 'approved', decidedBy: { id: dir.user('tuyduc.lanhdao').id } });
    expect(approved.deliveries).toHaveLength(6);
    for (const x of approved.deliveries) expect(x.recall).toMatchObject({ kind: RecallKind.Revoke, reason: 'Sai thời gian tổ chức hội nghị.', acknowledgedAt: null });
    expect(approved.history.map((h) => h.action)).toEqual(expect.arrayContaining(['document.recall-requested', 'document.recall-approved', 'document.revoked']));

    // Each recipient organisation's clerks are told, in the approving transaction, that their copy was withdrawn and why.
    const notices = await recalledEvents(copies);
    expect(notices.map((e) => Number(e.documentId)).sort()).toEqual([...copies].sort());
    const notice = notices.find((e) => Number(e.documentId) === copy) as Recalled;
    expect(notice.payload).toMatchObject({ organisationIds: [dir.org('quangtan').id], roles: ['clerk'], symbol: sent.symbol, senderName: 'UBND huyện Tuy Đức', comment: 'Sai thời gian tổ chức hội nghị.', recall: RecallKind.Revoke });
    const text = rendered(notice);
    expect(text.title).toEqual({ vi: `Văn bản đến bị thu hồi: ${sent.symbol}`, en: `Incoming document withdrawn by its sender: ${sent.symbol}` });
    expect(text.body.vi).toContain('Lý do: Sai thời gian tổ chức hội nghị.');
    expect(text.body.en).toContain('What: Withdrawn (the document is no longer handled)');
    expect(text.link).toBe(`/documents/${copy}`);

    // Each copy is withdrawn: its handling stops.
    const withdrawn: DocumentDetail = (await communeClerk.get(`/api/documents/${copy}`).expect(200)).body;
    expect(withdrawn.status).toBe(DocumentStatus.Withdrawn);
    expect(withdrawn.recall).toMatchObject({ kind: RecallKind.Revoke, acknowledgedAt: null });
    expect(withdrawn.allowedActions).toEqual(['acknowledge-recall']);
    expect(withdrawn.history.find((h) => h.action === 'document.withdrawn')?.comment).toBe('Sai thời gian tổ chức hội nghị.');
    const handler = await route.as('quangtan.chuyenvien1');
    await handler.post(`/api/incoming/${copy}/progress`).send({ note: 'Đã chuẩn bị.' }).expect(409);
    await handler.post(`/api/incoming/${copy}/complete`).send({ note: 'Xong.' }).expect(409);
    const counts = (await handler.get('/api/documents/counts').expect(200)).body;
    expect(counts.myOpenAssignments).toBe(0);

    // Another commune's clerk cannot acknowledge Quảng Tân's copy; Quảng Tân's clerk does, once.
    await (await route.as('quangtruc.vanthu')).post(`/api/incoming/${copy}/recall/acknowledge`).expect(404);
    await handler.post(`/api/incoming/${copy}/recall/acknowledge`).expect(403);
    const acknowledged: DocumentDetail = (await communeClerk.post(`/api/incoming/${copy}/recall/acknowledge`).expect(200)).body;
    expect(acknowledged.recall?.acknowledgedBy?.id).toBe(dir.user('quangtan.vanthu').id);
    expect(acknowledged.allowedActions).toEqual([]);
    expect((await communeClerk.post(`/api/incoming/${copy}/recall/acknowledge`).expect(409)).body.code).toBe(ErrorCode.NothingToAcknowledge);

    const senderView: DocumentDetail = (await clerk.get(`/api/documents/${sent.id}`).expect(200)).body;
    const ack = senderView.deliveries.filter((x) => x.recall?.acknowledgedAt);
    expect(ack.map((x) => x.recipient.id)).toEqual([dir.org('quangtan').id]);
    expect(senderView.history.filter((h) => h.action === 'document.recall-acknowledged')).toHaveLength(1);
    // A withdrawn document cannot be recalled again.
    await signer.post(`/api/outgoing/${sent.id}/recall`).send({ kind: RecallKind.Revoke, reason: 'Lần hai.' }).expect(409);

    // Every change went into the audit log with its actor.
    const [{ n }] = await t.app.get(DataSource).query(
      "SELECT COUNT(*) AS n FROM audit_record WHERE entity_type = 'document' AND action IN ('document.recall-requested', 'document.recall-approved', 'document.revoked', 'document.withdrawn', 'document.recall-acknowledged')",
    );
    expect(Number(n)).toBe(1 + 1 + 1 + 6 + 2);
  }, 180_000);

  it('the signing leader replaces a document directly: copies are withdrawn and point at the new copy; a rejected update changes nothing', async () => {
    const old = await route.dispatched({ subject: 'Thông báo lịch tiếp công dân tháng 12' });
    const replacement = await route.dispatched({ subject: 'Thông báo lịch tiếp công dân tháng 12 (thay thế)' });
    const signer = await route.as('tuyduc.lanhdao');

    // The replacement must be another dispatched document of the same organisation.
    const self = await signer.post(`/api/outgoing/${old.id}/recall`).send({ kind: RecallKind.Replace, reason: 'Thay thế.', replacementDocumentId: old.id }).expect(422);
    expect(self.body.code).toBe(ErrorCode.InvalidReplacement);
    await signer.post(`/api/outgoing/${old.id}/recall`).send({ kind: RecallKind.Replace, reason: 'Thay thế.' }).expect(422);

    const replaced: DocumentDetail = (
      await signer.post(`/api/outgoing/${old.id}/recall`).send({ kind: RecallKind.Replace, reason: 'Đổi ngày tiếp công dân.', replacementDocumentId: replacement.id }).expect(200)
    ).body;
    expect(replaced.status).toBe(DocumentStatus.Withdrawn);
    expect(replaced.recallRequest).toMatchObject({ status: 'approved', replacementDocumentId: replacement.id, requestedBy: { id: dir.user('tuyduc.lanhdao').id } });
    const communeClerk = await route.as('dakngo.vanthu');
    const oldCopy: DocumentDetail = (await communeClerk.get(`/api/documents/${copyIn(old, 'dakngo')}`).expect(200)).body;
    expect(oldCopy.status).toBe(DocumentStatus.Withdrawn);
    expect(oldCopy.recall).toMatchObject({ kind: RecallKind.Replace, replacedBy: copyIn(replacement, 'dakngo') });
    const newCopy: DocumentDetail = (await communeClerk.get(`/api/documents/${copyIn(replacement, 'dakngo')}`).expect(200)).body;
    expect(newCopy.status).toBe(DocumentStatus.Received);
    // Đắk Ngọ's clerks hear that the copy was replaced, and by which document.
    const [replacedNotice] = await recalledEvents([copyIn(old, 'dakngo')]);
    expect(replacedNotice.payload).toMatchObject({ organisationIds: [dir.org('dakngo').id], recall: RecallKind.Replace, replacementSymbol: replacement.symbol });
    expect(rendered(replacedNotice).title).toEqual({ vi: `Văn bản đến bị thay thế: ${old.symbol}`, en: `Incoming document replaced by its sender: ${old.symbol}` });
    expect(rendered(replacedNotice).body.vi).toContain(`Văn bản thay thế: ${replacement.symbol}`);
    expect(await recalledEvents(replacement.deliveries.map((x) => x.incomingDocumentId as number))).toEqual([]);

    // The clerk asks to update the replacement; the signer refuses (a reason is required); nothing changes.
    const clerk = await route.as('tuyduc.vanthu');
    const third = await route.dispatched({ subject: 'Thông báo bổ sung' });
    await clerk.post(`/api/outgoing/${replacement.id}/recall`).send({ kind: RecallKind.Update, reason: 'Bổ sung địa điểm.', replacementDocumentId: third.id }).expect(200);
    await signer.post(`/api/outgoing/${replacement.id}/recall/decision`).send({ approve: false }).expect(400);
    const rejected: DocumentDetail = (await signer.post(`/api/outgoing/${replacement.id}/recall/decision`).send({ approve: false, comment: 'Không cần cập nhật.' }).expect(200)).body;
    expect(rejected.status).toBe(DocumentStatus.Dispatched);
    expect(rejected.recallRequest).toMatchObject({ status: 'rejected', decisionComment: 'Không cần cập nhật.' });
    expect(rejected.deliveries.every((x) => x.recall === null)).toBe(true);
    expect((await signer.post(`/api/outgoing/${replacement.id}/recall/decision`).send({ approve: true }).expect(409)).body.code).toBe(ErrorCode.NoRecallPending);

    // Asked again and approved: the copies stay in handling, marked updated with a link to the new copy.
    await clerk.post(`/api/outgoing/${replacement.id}/recall`).send({ kind: RecallKind.Update, reason: 'Bổ sung địa điểm.', replacementDocumentId: third.id }).expect(200);
    const updated: DocumentDetail = (await signer.post(`/api/outgoing/${replacement.id}/recall/decision`).send({ approve: true }).expect(200)).body;
    expect(updated.status).toBe(DocumentStatus.Dispatched);
    const updatedCopy: DocumentDetail = (await communeClerk.get(`/api/documents/${copyIn(replacement, 'dakngo')}`).expect(200)).body;
    expect(updatedCopy.status).toBe(DocumentStatus.Received);
    expect(updatedCopy.recall).toMatchObject({ kind: RecallKind.Update, replacedBy: copyIn(third, 'dakngo') });
    expect(updatedCopy.allowedActions).toEqual(expect.arrayContaining(['register', 'acknowledge-recall']));
    expect(updatedCopy.history.map((h) => h.action)).toContain('document.updated-by-sender');
  }, 240_000);
});
