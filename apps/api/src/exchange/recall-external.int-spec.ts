import { PacketOutbox, parseEdxml } from '@vanthu/server/exchange';
import { FileStorage } from '@vanthu/server/data-access';
import { DocumentDetail, DocumentStatus, ExternalOrganisationDto, RecallKind } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';
import TestAgent from 'supertest/lib/agent';

import { addExternal } from '../../test/exchange';
import { startTestApp, TestApp } from '../../test/harness';
import { Directory, Route } from '../../test/routing';

const PROVINCE = '000.00.00.H41';
const DEPARTMENT = '000.01.00.H41';

/**
 * One recall for every recipient: a recall, update or replacement of a document dispatched to the
 * communes inside the installation and to organisations outside it takes effect for both in the
 * transaction that makes it effective (the signing leader's approval, or the leader's own
 * recall). Internal copies change at once; the audit record of that transaction is what the
 * exchange's pass turns into one business packet (1, 2, 3) per external recipient.
 */
describe('a recall reaches external recipients as edXML business packets (real MariaDB, Redis)', () => {
  let t: TestApp;
  let route: Route;
  let dir: Directory;
  let clerk: TestAgent;
  let signer: TestAgent;
  let externals: ExternalOrganisationDto[];

  beforeAll(async () => {
    t = await startTestApp('xrecall', { signing: 'ec' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    await addExternal(t, 'admin', PROVINCE, 'UBND tỉnh Lâm Đồng');
    await addExternal(t, 'admin', DEPARTMENT, 'Sở Nội vụ tỉnh Lâm Đồng');
    clerk = await route.as('tuyduc.vanthu');
    signer = await route.as('tuyduc.lanhdao');
    externals = (await clerk.get('/api/exchange/organisations').expect(200)).body;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  const outbox = () => t.app.get(PacketOutbox);
  /** Issued and dispatched to the six communes and both external organisations, whose packets are made. */
  const dispatchedEverywhere = async (subject: string, external = true): Promise<DocumentDetail> => {
    const draft = await route.draft({ subject });
    await route.approve(draft.id);
    await route.sign(draft.id);
    await route.issue(draft.id);
    const body = external ? { externalRecipientIds: externals.map((o) => o.id) } : {};
    const sent: DocumentDetail = (await clerk.post(`/api/outgoing/${draft.id}/dispatch`).send(body).expect(200)).body;
    await outbox().exportQueued();
    return sent;
  };
  /** Our outgoing document packets made after `afterId`, parsed, with their row. */
  const packetsAfter = async (afterId: number) => {
    const rows: Array<{ id: string; sha256: string; documentId: string; toOrganId: string; businessType: number }> = await t.app
      .get(DataSource)
      .query("SELECT id, sha256, document_id AS documentId, to_organ_id AS toOrganId, business_type AS businessType FROM exchange_packet WHERE direction = 'out' AND kind = 'document' AND id > ? ORDER BY id", [afterId]);
    return Promise.all(rows.map(async (r) => ({ ...r, documentId: Number(r.documentId), packet: parseEdxml(await t.app.get(FileStorage).get(r.sha256)) })));
  };
  const lastPacketId = async (): Promise<number> => Number((await t.app.get(DataSource).query('SELECT COALESCE(MAX(id), 0) AS id FROM exchange_packet'))[0].id);
  const detail = async (agent: TestAgent, id: number): Promise<DocumentDetail> => (await agent.get(`/api/documents/${id}`).expect(200)).body;

  it('revoke: asked by the clerk, nothing leaves until the signer approves; then the communes’ copies are withdrawn and each external recipient gets one revoke packet', async () => {
    const sent = await dispatchedEverywhere('Kế hoạch kiểm tra công tác văn thư, lưu trữ năm 2026');
    expect(sent.externalDeliveries).toHaveLength(2);
    const before = await lastPacketId();
    await clerk.post(`/api/outgoing/${sent.id}/recall`).send({ kind: RecallKind.Revoke, reason: 'Sai thời gian kiểm tra.' }).expect(200);
    await outbox().reportProgress();
    expect(await packetsAfter(before)).toEqual([]);

    const approved: DocumentDetail = (await signer.post(`/api/outgoing/${sent.id}/recall/decision`).send({ approve: true }).expect(200)).body;
    expect(approved.status).toBe(DocumentStatus.Withdrawn);
    const communeCopy = sent.deliveries.find((x) => x.recipient.id === dir.org('quangtan').id)?.incomingDocumentId as number;
    expect((await detail(await route.as('quangtan.vanthu'), communeCopy)).status).toBe(DocumentStatus.Withdrawn);

    await outbox().reportProgress();
    const packets = await packetsAfter(before);
    expect(packets.map((p) => [p.toOrganId, Number(p.businessType), p.documentId]).sort()).toEqual([
      [PROVINCE, 1, sent.id],
      [DEPARTMENT, 1, sent.id],
    ]);
    const key = `H38.08,${sent.originalDate?.replace(/-/g, '/')},${sent.symbol}`;
    for (const p of packets) expect(p.packet).toMatchObject({ kind: 'document', documentId: key, business: { type: 1, reason: 'Sai thời gian kiểm tra.' }, to: [{ organId: p.toOrganId }] });
    const tracked = await detail(clerk, sent.id);
    expect(tracked.externalDeliveries.map((x) => x.state)).toEqual(['revoked', 'revoked']);
    expect(tracked.history.filter((h) => h.action === 'document.external-revoked')).toHaveLength(2);
    // The next pass sends nothing twice.
    await outbox().reportProgress();
    expect(await packetsAfter(before)).toHaveLength(2);
  }, 180_000);

  it('update: the external recipients get a business 2 packet with the updated document’s DocumentId and the updating document’s content', async () => {
    const sent = await dispatchedEverywhere('Thông báo lịch họp giao ban tháng 12');
    const third = await dispatchedEverywhere('Thông báo bổ sung địa điểm họp giao ban tháng 12', false);
    const before = await lastPacketId();
    await clerk.post(`/api/outgoing/${sent.id}/recall`).send({ kind: RecallKind.Update, reason: 'Bổ sung địa điểm.', replacementDocumentId: third.id }).expect(200);
    await signer.post(`/api/outgoing/${sent.id}/recall/decision`).send({ approve: true }).expect(200);
    await outbox().reportProgress();
    const packets = await packetsAfter(before);
    expect(packets).toHaveLength(2);
    const key = `H38.08,${sent.originalDate?.replace(/-/g, '/')},${sent.symbol}`;
    for (const p of packets) {
      expect(p.packet).toMatchObject({ documentId: key, subject: third.subject, business: { type: 2, reason: 'Bổ sung địa điểm.' } });
      expect([Number(p.businessType), p.documentId]).toEqual([2, sent.id]);
    }
    const tracked = await detail(clerk, sent.id);
    expect(tracked.status).toBe(DocumentStatus.Dispatched);
    // Updated, not taken back: the recipients keep the document and their statuses still arrive.
    expect(tracked.externalDeliveries.map((x) => x.state)).toEqual(['exported', 'exported']);
  }, 180_000);

  it('replace: the replacing document goes where the replaced one went, its ReplacementInfoList naming it; a rejected recall sends nothing', async () => {
    const old = await dispatchedEverywhere('Quyết định thành lập tổ công tác chuyển đổi số');
    const replacement = await dispatchedEverywhere('Quyết định thành lập tổ công tác chuyển đổi số (thay thế)', false);
    expect(replacement.externalDeliveries).toEqual([]);

    // Rejected: nothing leaves.
    let before = await lastPacketId();
    await clerk.post(`/api/outgoing/${old.id}/recall`).send({ kind: RecallKind.Replace, reason: 'Thay đổi thành phần.', replacementDocumentId: replacement.id }).expect(200);
    await signer.post(`/api/outgoing/${old.id}/recall/decision`).send({ approve: false, comment: 'Giữ nguyên.' }).expect(200);
    await outbox().reportProgress();
    expect(await packetsAfter(before)).toEqual([]);
    expect((await detail(clerk, old.id)).externalDeliveries.map((x) => x.state)).toEqual(['exported', 'exported']);

    // The signer replaces it directly.
    before = await lastPacketId();
    await signer.post(`/api/outgoing/${old.id}/recall`).send({ kind: RecallKind.Replace, reason: 'Thay đổi thành phần tổ công tác.', replacementDocumentId: replacement.id }).expect(200);
    await outbox().reportProgress();
    const packets = await packetsAfter(before);
    const oldKey = `H38.08,${old.originalDate?.replace(/-/g, '/')},${old.symbol}`;
    const newKey = `H38.08,${replacement.originalDate?.replace(/-/g, '/')},${replacement.symbol}`;
    expect(packets.map((p) => [p.toOrganId, Number(p.businessType), p.documentId]).sort()).toEqual([
      [PROVINCE, 3, replacement.id],
      [DEPARTMENT, 3, replacement.id],
    ]);
    for (const p of packets) {
      expect(p.packet).toMatchObject({ documentId: newKey, subject: replacement.subject, business: { type: 3, reason: 'Thay đổi thành phần tổ công tác.', replacements: [{ documentId: oldKey }] } });
    }
    expect((await detail(clerk, old.id)).externalDeliveries.map((x) => x.state)).toEqual(['revoked', 'revoked']);
    // The replacing document is tracked at the external recipients from now on.
    expect((await detail(clerk, replacement.id)).externalDeliveries.map((x) => [x.recipient.identifierCode, x.state]).sort()).toEqual([
      [PROVINCE, 'exported'],
      [DEPARTMENT, 'exported'],
    ]);
  }, 180_000);

  it('a document recalled before its packets were made is never sent: the waiting deliveries are revoked', async () => {
    const draft = await route.draft({ subject: 'Công văn về việc rà soát hồ sơ' });
    await route.approve(draft.id);
    await route.sign(draft.id);
    await route.issue(draft.id);
    const sent: DocumentDetail = (await clerk.post(`/api/outgoing/${draft.id}/dispatch`).send({ externalRecipientIds: [externals[0].id] }).expect(200)).body;
    expect(sent.externalDeliveries[0].state).toBe('queued');
    const before = await lastPacketId();
    await signer.post(`/api/outgoing/${sent.id}/recall`).send({ kind: RecallKind.Revoke, reason: 'Gửi nhầm.' }).expect(200);
    await outbox().exportQueued();
    await outbox().reportProgress();
    expect(await packetsAfter(before)).toEqual([]);
    expect((await detail(clerk, sent.id)).externalDeliveries[0].state).toBe('revoked');
  }, 180_000);
});
