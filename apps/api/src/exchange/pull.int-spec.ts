import { PacketBuilder, PacketImporter, PacketOutbox, PullClient, StatusCode } from '@vanthu/server/exchange';
import { PROVINCE_TREE } from '@vanthu/server/testing';
import { DocumentDetail, DocumentStatus, DocumentSummary, ErrorCode, ExchangePacketView, ExternalOrganisationDto, Page } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { addExternal, addPeer } from '../../test/exchange';
import { startTestApp, TestApp } from '../../test/harness';
import { seedTree } from '../../test/org-tree';
import { Directory, Route } from '../../test/routing';

const PROVINCE = '000.00.00.H41';

/**
 * The HTTP adapter's pull side: two installations whose gateway holds packets for the peer to
 * fetch (`EXCHANGE_GATEWAY=pull`). Each fetches what waits for it at the other's
 * `/api/exchange/pull` with the token the other gave it, imports it, and only then acknowledges it.
 */
describe('packets pulled over HTTP between two installations (real MariaDB)', () => {
  let a: TestApp;
  let b: TestApp;
  let bPullsFromA: PullClient;
  let aPullsFromB: PullClient;
  const pullEnv = { EXCHANGE_GATEWAY: 'pull' };

  beforeAll(async () => {
    a = await startTestApp('exch_pull_a', { signing: 'ec', env: pullEnv });
    b = await startTestApp('exch_pull_b', { seed: false, env: pullEnv });
    const dirB = await seedTree(b, PROVINCE_TREE);
    await (await b.logIn(PROVINCE_TREE.admin.username)).agent.patch(`/api/admin/organisations/${dirB.org('lamdong').id}`).send({ identifierCode: PROVINCE }).expect(200);
    await addExternal(a, 'admin', PROVINCE, 'UBND tỉnh Lâm Đồng');
    await addExternal(b, PROVINCE_TREE.admin.username, 'H38.08', 'UBND huyện Tuy Đức');
    bPullsFromA = new PullClient(`${a.url}/api/exchange/pull`, await addPeer(a, 'admin', 'VănThư tỉnh Lâm Đồng'));
    aPullsFromB = new PullClient(`${b.url}/api/exchange/pull`, await addPeer(b, PROVINCE_TREE.admin.username, 'VănThư huyện Tuy Đức'));
  }, 240_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('refuses a pull without the peer’s token', async () => {
    expect((await a.anonymous().get('/api/exchange/pull').expect(401)).body.code).toBe(ErrorCode.PeerUnauthorized);
    await a.anonymous().post('/api/exchange/pull/1/ack').send({}).expect(401);
  });

  it('brings a dispatched document to the other installation, acknowledged once imported, and its 03 back', async () => {
    const route = new Route(a, await Directory.load(a));
    const draft = await route.draft();
    await route.approve(draft.id);
    await route.sign(draft.id);
    await route.issue(draft.id);
    const clerkA = await route.as('tuyduc.vanthu');
    const province = ((await clerkA.get('/api/exchange/organisations').expect(200)).body as ExternalOrganisationDto[]).find((o) => o.identifierCode === PROVINCE);
    const sent: DocumentDetail = (await clerkA.post(`/api/outgoing/${draft.id}/dispatch`).send({ recipientIds: [], externalRecipientIds: [province?.id] }).expect(200)).body;
    expect(sent.deliveries).toEqual([]);
    await a.app.get(PacketOutbox).exportQueued();

    const importB = (bytes: Buffer) => b.app.get(PacketImporter).receive(bytes, 'pull');
    expect(await bPullsFromA.pullAll(importB)).toBe(1);
    expect(await bPullsFromA.pullAll(importB)).toBe(0);
    const outboxA: Page<ExchangePacketView> = (await clerkA.get('/api/exchange/outbox').expect(200)).body;
    expect(outboxA.items[0]).toMatchObject({ documentId: sent.id, outcome: 'sent', lastError: null });

    const clerkB = (await b.logIn('lamdong.vanthu')).agent;
    const [copy] = ((await clerkB.get('/api/documents').query({ queue: 'to-register' }).expect(200)).body as Page<DocumentSummary>).items;
    expect(copy).toMatchObject({ symbol: sent.symbol, subject: sent.subject, status: DocumentStatus.Received });
    await clerkB.post(`/api/incoming/${copy.id}/register`).expect(200);
    await b.app.get(PacketOutbox).reportProgress();

    // 01 (arrived) and 03 (registered) wait at B; A fetches both.
    expect(await aPullsFromB.pullAll((bytes) => a.app.get(PacketImporter).receive(bytes, 'pull'))).toBe(2);
    const tracked: DocumentDetail = (await clerkA.get(`/api/documents/${sent.id}`).expect(200)).body;
    expect(tracked.externalDeliveries[0]).toMatchObject({ statusCode: '03', state: 'exported' });
  });

  it('acknowledges a packet it refuses, with the reason, so that it is not fetched forever', async () => {
    // B holds a status about a document A never sent; A refuses it when it arrives.
    const from = { organId: PROVINCE, organName: 'UBND tỉnh Lâm Đồng' };
    const built = b.app.get(PacketBuilder).statusPacket(from, { organId: 'H38.08', organName: 'UBND huyện Tuy Đức' }, { organId: 'H38.08', code: '1/KHONG-CO', promulgationDate: '2020-01-01', documentId: 'H38.08,2020/01/01,1/KHONG-CO' }, StatusCode.Accepted, null, null);
    const organisationId = (await Directory.load(b, PROVINCE_TREE.admin.username, PROVINCE_TREE.password)).org('lamdong').id;
    const id = await b.app.get(DataSource).transaction((m) => b.app.get(PacketOutbox).enqueue(m, built, { kind: 'status', from, toOrganId: 'H38.08', organisationId, documentId: null, statusCode: StatusCode.Accepted }));
    expect(await aPullsFromB.pullAll((bytes) => a.app.get(PacketImporter).receive(bytes, 'pull'))).toBe(1);
    const outboxB: Page<ExchangePacketView> = (await (await b.logIn('lamdong.vanthu')).agent.get('/api/exchange/outbox').expect(200)).body;
    expect(outboxB.items.find((p) => p.id === Number(id))).toMatchObject({ outcome: 'refused', lastError: expect.stringContaining('PACKET_UNKNOWN_DOCUMENT') });
    expect(await aPullsFromB.pullAll(async () => undefined)).toBe(0);
  });

  it('gives a peer only the packets addressed to the organisations it receives for', async () => {
    const elsewhere = await addPeer(a, 'admin', 'VănThư tỉnh khác', ['000.00.00.H99']);
    const pullsElsewhere = new PullClient(`${a.url}/api/exchange/pull`, elsewhere);
    const route = new Route(a, await Directory.load(a));
    const draft = await route.draft();
    await route.approve(draft.id);
    await route.sign(draft.id);
    await route.issue(draft.id);
    const clerkA = await route.as('tuyduc.vanthu');
    const province = ((await clerkA.get('/api/exchange/organisations').expect(200)).body as ExternalOrganisationDto[]).find((o) => o.identifierCode === PROVINCE);
    await clerkA.post(`/api/outgoing/${draft.id}/dispatch`).send({ recipientIds: [], externalRecipientIds: [province?.id] }).expect(200);
    await a.app.get(PacketOutbox).exportQueued();
    const [waiting] = await a.app.get(DataSource).query("SELECT id FROM exchange_packet WHERE direction = 'out' AND outcome = 'pending' AND to_organ_id = ?", [PROVINCE]);
    expect(waiting).toBeDefined();

    // Not addressed to it: nothing to fetch, and it cannot acknowledge (and so lose) the province's packet.
    await a.anonymous().get('/api/exchange/pull').set('authorization', `Bearer ${elsewhere}`).expect(204);
    expect(await pullsElsewhere.pullAll(async () => undefined)).toBe(0);
    const ack = await a.anonymous().post(`/api/exchange/pull/${waiting.id}/ack`).set('authorization', `Bearer ${elsewhere}`).send({}).expect(200);
    expect(ack.body).toEqual({ acknowledged: false });
    // The province's own peer (it receives for every organisation) still gets it.
    expect(await bPullsFromA.pullAll((bytes) => b.app.get(PacketImporter).receive(bytes, 'pull'))).toBe(1);
  });
});
