import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { HttpGateway, PacketOutbox, packetFileName } from '@vanthu/server/exchange';
import { documentPacket } from '@vanthu/server/exchange/testing';
import { DemoSigningSeed } from '@vanthu/server/signing';
import { PROVINCE_TREE, ServerProcess, waitFor } from '@vanthu/server/testing';
import { DocumentDetail, DocumentStatus, DocumentSummary, ExchangePacketView, ExternalDeliveryView, Page, RecallKind } from '@vanthu/shared/contracts';
import { addCalendarDays, toIsoDate } from '@vanthu/shared/domain';
import { DataSource } from 'typeorm';
import TestAgent from 'supertest/lib/agent';

import { addExternal, addPeer, packetFolder, packetsIn, startWorker } from '../../test/exchange';
import { startTestApp, TestApp } from '../../test/harness';
import { seedTree } from '../../test/org-tree';
import { Directory, Route } from '../../test/routing';

const DISTRICT = 'H38.08';
const PROVINCE = '000.00.00.H41';

/**
 * Two VănThư installations, each with its own database, files, Redis prefix and worker process:
 * A holds the demo district (UBND huyện Tuy Đức, H38.08), B the province (UBND tỉnh Lâm Đồng,
 * 000.00.00.H41). They share nothing but two folders — A's outbox is B's inbox and B's outbox is
 * A's — as two systems behind a transfer agent would. A document A issues reaches B as an
 * incoming document with the same number, subject and signed bytes; B's handling comes back to
 * A's tracking as status packets.
 */
describe('a document travels between two installations through the folder adapter (real MariaDB, Redis, workers)', () => {
  let a: TestApp;
  let b: TestApp;
  let workerA: ServerProcess;
  let workerB: ServerProcess;
  let dirB: Directory;
  let routeA: Route;
  const aToB = packetFolder('a-to-b');
  const bToA = packetFolder('b-to-a');
  const folderEnv = (outbox: string, inbox: string) => ({ EXCHANGE_GATEWAY: 'folder', EXCHANGE_OUTBOX_DIR: outbox, EXCHANGE_INBOX_DIR: inbox });

  beforeAll(async () => {
    a = await startTestApp('exch_a', { signing: 'ec', env: folderEnv(aToB, bToA) });
    routeA = new Route(a, await Directory.load(a));
    b = await startTestApp('exch_b', { seed: false, env: folderEnv(bToA, aToB) });
    dirB = await seedTree(b, PROVINCE_TREE);
    await b.app.get(DemoSigningSeed).seed({ keyType: 'ec' });
    const bAdmin = (await b.logIn(PROVINCE_TREE.admin.username)).agent;
    await bAdmin.patch(`/api/admin/organisations/${dirB.org('lamdong').id}`).send({ identifierCode: PROVINCE }).expect(200);
    // Each knows the other in its external directory; B trusts the CA of A's signatures.
    await addExternal(a, 'admin', PROVINCE, 'UBND tỉnh Lâm Đồng');
    await addExternal(b, PROVINCE_TREE.admin.username, DISTRICT, 'UBND huyện Tuy Đức');
    await b.app
      .get(DataSource)
      .query(`INSERT IGNORE INTO trust_anchor (name, certificate_pem, fingerprint, created_at) SELECT name, certificate_pem, fingerprint, created_at FROM \`${a.database.name}\`.trust_anchor`);
    [workerA, workerB] = await Promise.all([startWorker(a, 'worker-a', folderEnv(aToB, bToA)), startWorker(b, 'worker-b', folderEnv(bToA, aToB))]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([workerA?.signal('SIGTERM'), workerB?.signal('SIGTERM')]);
    await a?.close();
    await b?.close();
    for (const dir of [aToB, bToA]) rmSync(dir, { recursive: true, force: true });
  });

  const tracking = async (agent: TestAgent, id: number): Promise<ExternalDeliveryView> => ((await agent.get(`/api/documents/${id}`).expect(200)).body as DocumentDetail).externalDeliveries[0];
  const waitForStatus = (agent: TestAgent, id: number, code: string) => waitFor(async () => (await tracking(agent, id)).statusCode === code, 60_000, 200);

  let sent: DocumentDetail;
  let copyId: number;

  /** Issued by A (the district's signer) and dispatched: to the province through the folders, or only to the communes inside A. */
  const issueAtA = async (subject: string, toProvince: boolean): Promise<DocumentDetail> => {
    const draft = await routeA.draft({ subject });
    await routeA.approve(draft.id);
    await routeA.sign(draft.id);
    await routeA.issue(draft.id);
    const clerkA = await routeA.as('tuyduc.vanthu');
    const body = toProvince ? { externalRecipientIds: [(await provinceAtA()).id] } : {};
    return (await clerkA.post(`/api/outgoing/${draft.id}/dispatch`).send(body).expect(200)).body;
  };
  const provinceAtA = async (): Promise<{ id: number }> =>
    ((await (await routeA.as('tuyduc.vanthu')).get('/api/exchange/organisations').expect(200)).body as Array<{ id: number; identifierCode: string }>).find((o) => o.identifierCode === PROVINCE) as {
      id: number;
    };
  /** B's copy of one of A's documents, once it arrived. */
  const copyAtB = async (symbol: string | null): Promise<number> => {
    const clerkB = (await b.logIn('lamdong.vanthu')).agent;
    const found = await waitFor(
      async () => ((await clerkB.get('/api/documents').query({ direction: 'incoming', pageSize: 100 }).expect(200)).body as Page<DocumentSummary>).items.find((d) => d.symbol === symbol),
      90_000,
      250,
    );
    return found.id;
  };
  const detailAtB = async (id: number): Promise<DocumentDetail> => ((await (await b.logIn('lamdong.vanthu')).agent.get(`/api/documents/${id}`).expect(200)).body as DocumentDetail);

  it('arrives at B as an incoming document with the same number, subject and signed bytes, and A sees 01', async () => {
    const draft = await routeA.draft({ subject: 'Kế hoạch phối hợp liên thông văn bản điện tử giữa huyện và tỉnh' });
    await routeA.approve(draft.id);
    await routeA.sign(draft.id);
    await routeA.issue(draft.id);
    const clerkA = await routeA.as('tuyduc.vanthu');
    const province = (await clerkA.get('/api/exchange/organisations').expect(200)).body.find((o: { identifierCode: string }) => o.identifierCode === PROVINCE);
    sent = (await clerkA.post(`/api/outgoing/${draft.id}/dispatch`).send({ externalRecipientIds: [province.id] }).expect(200)).body;
    expect(sent.status).toBe(DocumentStatus.Dispatched);

    const clerkB = (await b.logIn('lamdong.vanthu')).agent;
    const arrived = await waitFor(
      async () => ((await clerkB.get('/api/documents').query({ queue: 'to-register' }).expect(200)).body as Page<DocumentSummary>).items[0],
      90_000,
      250,
    );
    copyId = arrived.id;
    const copy: DocumentDetail = (await clerkB.get(`/api/documents/${copyId}`).expect(200)).body;
    expect(copy).toMatchObject({ symbol: sent.symbol, number: sent.number, subject: sent.subject, type: sent.type, sender: 'UBND huyện Tuy Đức', originalDate: sent.originalDate, status: DocumentStatus.Received });
    expect(copy.files.map((f) => [f.role, f.sha256])).toEqual(sent.files.map((f) => [f.role, f.sha256]));
    // The leader's signature and the district's seal, verified on arrival against B's trust store.
    expect(copy.verification).toMatchObject({ valid: true });
    expect(copy.verification?.signatures.map((s) => s.kind)).toEqual(['personal', 'organisation']);

    await waitForStatus(clerkA, sent.id, '01');
    expect(packetsIn(join(aToB, 'done'))).toHaveLength(1);
  });

  it('reports 03 (registered), 04 (assigned), 05 (being handled) and 06 (completed) back to A’s tracking', async () => {
    const clerkA = await routeA.as('tuyduc.vanthu');
    const clerkB = (await b.logIn('lamdong.vanthu')).agent;
    await clerkB.post(`/api/incoming/${copyId}/register`).expect(200);
    await waitForStatus(clerkA, sent.id, '03');

    await clerkB.post(`/api/incoming/${copyId}/submit`).send({ leaderId: dirB.user('lamdong.lanhdao').id }).expect(200);
    const leaderB = (await b.logIn('lamdong.lanhdao')).agent;
    await leaderB
      .post(`/api/incoming/${copyId}/assign`)
      .send({ lead: { userId: dirB.user('lamdong.chuyenvien1').id }, deadline: addCalendarDays(toIsoDate(new Date()), 7) })
      .expect(200);
    await waitForStatus(clerkA, sent.id, '04');

    const handlerB = (await b.logIn('lamdong.chuyenvien1')).agent;
    await handlerB.post(`/api/incoming/${copyId}/progress`).send({ note: 'Đang tổng hợp ý kiến các sở.' }).expect(200);
    await waitForStatus(clerkA, sent.id, '05');

    await handlerB.post(`/api/incoming/${copyId}/complete`).send({ note: 'Đã hoàn thành.' }).expect(200);
    await waitForStatus(clerkA, sent.id, '06');
    const tracked: DocumentDetail = (await clerkA.get(`/api/documents/${sent.id}`).expect(200)).body;
    expect(tracked.externalDeliveries[0]).toMatchObject({ recipient: { identifierCode: PROVINCE, name: 'UBND tỉnh Lâm Đồng' }, state: 'exported', statusCode: '06' });
    // Internal recipients and the external one side by side; the history names each report.
    expect(tracked.history.filter((h) => h.action === 'document.external-status')).toHaveLength(5);
  });

  it('changes nothing at B when the same packet is delivered again', async () => {
    const [name] = packetsIn(join(aToB, 'done'));
    copyFileSync(join(aToB, 'done', name), join(aToB, `${name}.again.xml`));
    await waitFor(async () => packetsIn(aToB).length === 0 && packetsIn(join(aToB, 'done')).length === 2, 30_000, 200);
    const clerkB = (await b.logIn('lamdong.vanthu')).agent;
    const all: Page<DocumentSummary> = (await clerkB.get('/api/documents').query({ direction: 'incoming' }).expect(200)).body;
    expect(all.items.map((d) => d.id)).toEqual([copyId]);
  });

  it('loses nothing a worker took and did not finish: a packet left in processing/ is imported later', async () => {
    const name = packetFileName({ id: '999', fromOrganId: DISTRICT, toOrganId: PROVINCE, sha256: 'f'.repeat(64) });
    const left = join(aToB, 'processing', name);
    // As a worker that renamed the file and died before its transaction committed leaves it.
    writeFileSync(left, documentPacket({ to: PROVINCE, number: '77' }));
    const longAgo = new Date(Date.now() - 5 * 60_000);
    utimesSync(left, longAgo, longAgo);
    const clerkB = (await b.logIn('lamdong.vanthu')).agent;
    await waitFor(async () => ((await clerkB.get('/api/documents').query({ direction: 'incoming' }).expect(200)).body as Page<DocumentSummary>).items.some((d) => d.symbol === '77/UBND-VX'), 120_000, 500);
    await waitFor(async () => existsSync(join(aToB, 'done', name)), 10_000, 100);
  });

  it('refuses a malformed packet into rejected/ with a reason file, and imports nothing of it', async () => {
    // Written aside and renamed in, as a sender must (a reader never takes half a file).
    writeFileSync(join(aToB, '.hong.part'), documentPacket({ to: PROVINCE, number: '78' }).toString('utf8').replace('http://www.mic.gov.vn/TBT/QCVN_102_2016', 'urn:sai'));
    renameSync(join(aToB, '.hong.part'), join(aToB, 'hong.xml'));
    await waitFor(async () => existsSync(join(aToB, 'rejected', 'hong.xml')), 30_000, 200);
    expect(readFileSync(join(aToB, 'rejected', 'hong.xml.reason.txt'), 'utf8')).toMatch(/PACKET_WRONG_NAMESPACE\nvi: Gói tin không thuộc không gian tên edXML/);
    expect(existsSync(join(aToB, 'rejected', 'hong.xml'))).toBe(true);
  });

  // Business packets from A's recall flow (the clerk asks, the signing leader approves, or the leader does it directly).
  let updated: DocumentDetail;
  let updatedCopy: number;
  let replacing: DocumentDetail;
  let replacingCopy: number;

  it('an update (2) A’s leader approved reaches B’s copy: the updating document’s subject and files as new versions, with the history', async () => {
    updated = await issueAtA('Kế hoạch tổ chức Ngày Chuyển đổi số tỉnh năm 2026', true);
    updatedCopy = await copyAtB(updated.symbol);
    const clerkA = await routeA.as('tuyduc.vanthu');
    await waitForStatus(clerkA, updated.id, '01');
    const updating = await issueAtA('Kế hoạch tổ chức Ngày Chuyển đổi số tỉnh năm 2026 (bổ sung thời gian, địa điểm)', false);

    await clerkA.post(`/api/outgoing/${updated.id}/recall`).send({ kind: RecallKind.Update, reason: 'Bổ sung thời gian, địa điểm tổ chức.', replacementDocumentId: updating.id }).expect(200);
    await (await routeA.as('tuyduc.lanhdao')).post(`/api/outgoing/${updated.id}/recall/decision`).send({ approve: true }).expect(200);

    const copy = await waitFor(async () => {
      const d = await detailAtB(updatedCopy);
      return d.history.some((h) => h.action === 'document.updated-by-sender') && d;
    }, 60_000, 250);
    expect(copy).toMatchObject({ symbol: updated.symbol, subject: updating.subject, status: DocumentStatus.Received });
    expect(copy.files.find((f) => f.role === 'main')).toMatchObject({ sha256: updating.files.find((f) => f.role === 'main')?.sha256, version: 2 });
    expect(copy.history.at(-1)).toMatchObject({ action: 'document.updated-by-sender', comment: 'Bổ sung thời gian, địa điểm tổ chức.' });
    expect(copy.recall).toMatchObject({ kind: RecallKind.Update, reason: 'Bổ sung thời gian, địa điểm tổ chức.', fromOutside: true });
    // Updated, not taken back: A still follows it at B.
    expect((await tracking(clerkA, updated.id)).state).toBe('exported');
  });

  it('a replace (3) by A’s leader reaches B: the replacing document arrives, B’s old copy is withdrawn and links to it', async () => {
    replacing = await issueAtA('Kế hoạch tổ chức Ngày Chuyển đổi số tỉnh năm 2026 (thay thế)', false);
    const leaderA = await routeA.as('tuyduc.lanhdao');
    await leaderA.post(`/api/outgoing/${updated.id}/recall`).send({ kind: RecallKind.Replace, reason: 'Thay thế do thay đổi thành phần tham dự.', replacementDocumentId: replacing.id }).expect(200);

    replacingCopy = await copyAtB(replacing.symbol);
    const fresh = await detailAtB(replacingCopy);
    expect(fresh).toMatchObject({ subject: replacing.subject, status: DocumentStatus.Received, sender: 'UBND huyện Tuy Đức' });
    expect(fresh.files.map((f) => f.sha256)).toEqual(replacing.files.map((f) => f.sha256));
    const old = await detailAtB(updatedCopy);
    expect(old.status).toBe(DocumentStatus.Withdrawn);
    expect(old.allowedActions).toEqual([]);
    expect(old.recall).toMatchObject({ kind: RecallKind.Replace, reason: 'Thay thế do thay đổi thành phần tham dự.', replacedBy: replacingCopy });
    expect(old.history.at(-1)).toMatchObject({ action: 'document.withdrawn', comment: 'Thay thế do thay đổi thành phần tham dự.' });

    // A follows the replacing document at B from now on; the replaced one shows as revoked.
    const clerkA = await routeA.as('tuyduc.vanthu');
    await waitForStatus(clerkA, replacing.id, '01');
    expect((await tracking(clerkA, updated.id)).state).toBe('revoked');
  });

  it('a revoke (1) A’s leader approved withdraws B’s copy: visible as withdrawn, its handling stops', async () => {
    const clerkB = (await b.logIn('lamdong.vanthu')).agent;
    await clerkB.post(`/api/incoming/${replacingCopy}/register`).expect(200);
    const clerkA = await routeA.as('tuyduc.vanthu');
    await waitForStatus(clerkA, replacing.id, '03');

    await clerkA.post(`/api/outgoing/${replacing.id}/recall`).send({ kind: RecallKind.Revoke, reason: 'Hoãn tổ chức Ngày Chuyển đổi số.' }).expect(200);
    await (await routeA.as('tuyduc.lanhdao')).post(`/api/outgoing/${replacing.id}/recall/decision`).send({ approve: true }).expect(200);

    const copy = await waitFor(async () => {
      const d = await detailAtB(replacingCopy);
      return d.status === DocumentStatus.Withdrawn && d;
    }, 60_000, 250);
    expect(copy.history.at(-1)).toMatchObject({ action: 'document.withdrawn', comment: 'Hoãn tổ chức Ngày Chuyển đổi số.' });
    expect(copy.recall).toMatchObject({ kind: RecallKind.Revoke, replacedBy: null, fromOutside: true });
    expect(copy.allowedActions).toEqual([]);
    await clerkB.post(`/api/incoming/${replacingCopy}/submit`).send({ leaderId: dirB.user('lamdong.lanhdao').id }).expect(409);
    expect((await tracking(clerkA, replacing.id)).state).toBe('revoked');
  });

  it('B’s clerk refuses a document (02) and A’s tracking shows it with the reason', async () => {
    const refused = await issueAtA('Công văn đề nghị hướng dẫn thủ tục đất đai', true);
    const copy = await copyAtB(refused.symbol);
    const clerkB = (await b.logIn('lamdong.vanthu')).agent;
    await clerkB.post(`/api/exchange/incoming/${copy}/refuse`).send({ reason: 'Không thuộc thẩm quyền của UBND tỉnh; đề nghị gửi Sở Tài nguyên và Môi trường.' }).expect(200);
    const clerkA = await routeA.as('tuyduc.vanthu');
    await waitForStatus(clerkA, refused.id, '02');
    expect(await tracking(clerkA, refused.id)).toMatchObject({ statusCode: '02', description: 'Không thuộc thẩm quyền của UBND tỉnh; đề nghị gửi Sở Tài nguyên và Môi trường.' });
  });

  const takeBackAtB = async (copy: number) => {
    const clerkB = (await b.logIn('lamdong.vanthu')).agent;
    await waitFor(
      async () => ((await clerkB.get('/api/exchange/inbox').expect(200)).body as Page<ExchangePacketView>).items.some((p) => p.statusCode === '13' && p.documentId === copy && p.takeBackRequested),
      60_000,
      250,
    );
    return clerkB;
  };

  it('A asks to take a document back (13) and B agrees (15): B’s copy is withdrawn, A sees 15', async () => {
    const asked = await issueAtA('Báo cáo kết quả thực hiện nhiệm vụ quý IV', true);
    const copy = await copyAtB(asked.symbol);
    const clerkA = await routeA.as('tuyduc.vanthu');
    await waitForStatus(clerkA, asked.id, '01');
    await clerkA.post(`/api/exchange/outgoing/${asked.id}/take-back`).send({ reason: 'Báo cáo thiếu số liệu, đề nghị trả lại để bổ sung.' }).expect(200);
    const clerkB = await takeBackAtB(copy);
    const agreed: DocumentDetail = (await clerkB.post(`/api/exchange/incoming/${copy}/take-back`).send({ agree: true }).expect(200)).body;
    expect(agreed.status).toBe(DocumentStatus.Withdrawn);
    await waitForStatus(clerkA, asked.id, '15');
  });

  it('A asks to take the first document back (13) and B refuses (16) with its reason: B keeps it, A sees 16', async () => {
    const clerkA = await routeA.as('tuyduc.vanthu');
    await clerkA.post(`/api/exchange/outgoing/${sent.id}/take-back`).send({ reason: 'Đề nghị trả lại để điều chỉnh.' }).expect(200);
    const clerkB = await takeBackAtB(copyId);
    await clerkB.post(`/api/exchange/incoming/${copyId}/take-back`).send({ agree: false, reason: 'Kế hoạch đã được triển khai.' }).expect(200);
    await waitForStatus(clerkA, sent.id, '16');
    expect((await tracking(clerkA, sent.id)).description).toBe('Kế hoạch đã được triển khai.');
    expect((await detailAtB(copyId)).status).not.toBe(DocumentStatus.Withdrawn);
  });

  it('revokes the document at B through the HTTP adapter', async () => {
    // A stops reading and sending by folder; its pending revoke goes over HTTP to B's endpoint.
    await workerA.signal('SIGTERM');
    const token = await addPeer(b, PROVINCE_TREE.admin.username, 'VănThư huyện Tuy Đức');
    const clerkA = await routeA.as('tuyduc.vanthu');
    // The signing leader recalls it directly; A's exchange pass turns the recall into the revoke packet.
    await (await routeA.as('tuyduc.lanhdao')).post(`/api/outgoing/${sent.id}/recall`).send({ kind: RecallKind.Revoke, reason: 'Thu hồi để điều chỉnh nội dung' }).expect(200);
    await a.app.get(PacketOutbox).reportProgress();
    expect(await a.app.get(PacketOutbox).deliverPending(new HttpGateway(`${b.url}/api/exchange/packets`, token))).toBe(1);
    const clerkB = (await b.logIn('lamdong.vanthu')).agent;
    const copy: DocumentDetail = (await clerkB.get(`/api/documents/${copyId}`).expect(200)).body;
    expect(copy.status).toBe(DocumentStatus.Withdrawn);
    expect(copy.history.at(-1)).toMatchObject({ action: 'document.withdrawn', comment: 'Thu hồi để điều chỉnh nội dung' });
    expect((await tracking(clerkA, sent.id)).state).toBe('revoked');
  });
});
