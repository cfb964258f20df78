import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { HttpGateway, PacketOutbox, packetFileName } from '@vanthu/server/exchange';
import { documentPacket } from '@vanthu/server/exchange/testing';
import { DemoSigningSeed } from '@vanthu/server/signing';
import { PROVINCE_TREE, ServerProcess, waitFor } from '@vanthu/server/testing';
import { DocumentDetail, DocumentStatus, DocumentSummary, ExternalDeliveryView, Page } from '@vanthu/shared/contracts';
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

  it('reports 03 (registered), 04 (assigned) and 06 (completed) back to A’s tracking', async () => {
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

    await (await b.logIn('lamdong.chuyenvien1')).agent.post(`/api/incoming/${copyId}/complete`).send({ note: 'Đã hoàn thành.' }).expect(200);
    await waitForStatus(clerkA, sent.id, '06');
    const tracked: DocumentDetail = (await clerkA.get(`/api/documents/${sent.id}`).expect(200)).body;
    expect(tracked.externalDeliveries[0]).toMatchObject({ recipient: { identifierCode: PROVINCE, name: 'UBND tỉnh Lâm Đồng' }, state: 'exported', statusCode: '06' });
    // Internal recipients and the external one side by side; the history names each report.
    expect(tracked.history.filter((h) => h.action === 'document.external-status')).toHaveLength(4);
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

  it('revokes the document at B through the HTTP adapter', async () => {
    // A stops reading and sending by folder; its pending revoke goes over HTTP to B's endpoint.
    await workerA.signal('SIGTERM');
    const token = await addPeer(b, PROVINCE_TREE.admin.username, 'VănThư huyện Tuy Đức');
    const clerkA = await routeA.as('tuyduc.vanthu');
    await clerkA.post(`/api/exchange/outgoing/${sent.id}/revoke`).send({ reason: 'Thu hồi để điều chỉnh nội dung' }).expect(200);
    expect(await a.app.get(PacketOutbox).deliverPending(new HttpGateway(`${b.url}/api/exchange/packets`, token))).toBe(1);
    const clerkB = (await b.logIn('lamdong.vanthu')).agent;
    const copy: DocumentDetail = (await clerkB.get(`/api/documents/${copyId}`).expect(200)).body;
    expect(copy.status).toBe(DocumentStatus.Withdrawn);
    expect(copy.history.at(-1)).toMatchObject({ action: 'document.withdrawn', comment: 'Thu hồi để điều chỉnh nội dung' });
    expect((await tracking(clerkA, sent.id)).state).toBe('revoked');
  });
});
