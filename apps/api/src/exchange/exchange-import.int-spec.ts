import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { PacketOutbox, parseEdxml, StatusCode, zipFiles } from '@vanthu/server/exchange';
import { renderNotification } from '@vanthu/server/notifications';
import { corpusFile, documentPacket, hostilePdf, statusPacket } from '@vanthu/server/exchange/testing';
import { CsvImportResult, DocumentDetail, DocumentStatus, DocumentSummary, DocumentType, ErrorCode, ExchangePacketView, ExternalOrganisationDto, Page, PacketReceipt, Urgency } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';
import TestAgent from 'supertest/lib/agent';

import { addExternal, addPeer } from '../../test/exchange';
import { startTestApp, TestApp } from '../../test/harness';
import { Directory, Route } from '../../test/routing';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../../..');
const H41 = '000.00.00.H41';

function filesUnder(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) n += entry.isDirectory() ? filesUnder(join(dir, entry.name)) : 1;
  return n;
}

/**
 * The HTTP adapter of one installation (the demo district, mã định danh H38.08) receiving packets
 * written by hand from the structure of QCVN 102:2016: new, update, replace and revoke documents,
 * duplicates, every status code, and malformed packets refused with nothing stored.
 */
describe('edXML packets received over HTTP (real MariaDB)', () => {
  let t: TestApp;
  let token: string;
  let clerk: TestAgent;
  let db: DataSource;

  const post = (bytes: Buffer, bearer = token) => t.anonymous().post('/api/exchange/packets').set('content-type', 'application/xml').set('authorization', `Bearer ${bearer}`).send(bytes);
  const counts = async () => {
    const [row] = await db.query('SELECT (SELECT COUNT(*) FROM document) AS documents, (SELECT COUNT(*) FROM document_file) AS files, (SELECT COUNT(*) FROM exchange_packet) AS packets, (SELECT COUNT(*) FROM audit_record) AS audit');
    return { ...row, stored: filesUnder(t.config.storageDir) };
  };
  const incoming = async (): Promise<DocumentSummary[]> => ((await clerk.get('/api/documents').query({ direction: 'incoming', pageSize: 100 }).expect(200)).body as Page<DocumentSummary>).items;
  const detail = async (id: number): Promise<DocumentDetail> => (await clerk.get(`/api/documents/${id}`).expect(200)).body;
  /** The `document.recalled` events written for a copy, as its clerks read them. */
  const recalled = async (documentId: number) =>
    ((await db.query("SELECT id, payload FROM outbox_event WHERE type = 'document.recalled' AND document_id = ? ORDER BY id", [documentId])) as Array<{ id: string; payload: string }>).map((e) => {
      const payload = JSON.parse(e.payload);
      return { payload, text: renderNotification({ id: String(e.id), type: 'document.recalled', documentId: String(documentId), payload, createdAt: new Date(), actor: null }) };
    });
  const outbox = async (): Promise<ExchangePacketView[]> => ((await clerk.get('/api/exchange/outbox').expect(200)).body as Page<ExchangePacketView>).items;

  beforeAll(async () => {
    t = await startTestApp('exchimport', { signing: 'ec' });
    db = t.app.get(DataSource);
    token = await addPeer(t, 'admin', 'LGSP tỉnh Lâm Đồng');
    await addExternal(t, 'admin', H41, 'UBND tỉnh Lâm Đồng');
    clerk = (await t.logIn('tuyduc.vanthu')).agent;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  let first: PacketReceipt;
  let ours = 0;

  it('creates an incoming document (Received) with every header field and the files as sent, and answers 01', async () => {
    const response = await post(documentPacket()).expect(200);
    first = response.body;
    expect(first).toMatchObject({ kind: 'document', outcome: 'imported', duplicateOf: [] });
    expect(first.documentIds).toHaveLength(1);
    const d = await detail(first.documentIds[0]);
    expect(d).toMatchObject({
      direction: 'incoming',
      status: DocumentStatus.Received,
      type: DocumentType.OfficialLetter,
      symbol: '512/UBND-VX',
      number: 512,
      subject: 'V/v triển khai chuyển đổi số & cải cách hành chính năm 2026',
      urgency: Urgency.Urgent,
      sender: 'Ủy ban nhân dân tỉnh Lâm Đồng',
      originalDate: '2026-03-05',
      // DueDate is the reply deadline; SignerInfo and the place of promulgation as the packet said.
      replyBy: '2026-03-20',
      origin: { signerCompetence: 'KT. CHỦ TỊCH', signerPosition: 'Phó Chủ tịch', signerName: 'Nguyễn Thị Hạnh', promulgationPlace: 'Lâm Đồng' },
    });
    expect(d.files.map((f) => [f.role, f.name, f.sha256])).toEqual([
      ['main', 'Công văn 512.pdf', sha(corpusFile('libreoffice-ke-hoach.pdf'))],
      ['attachment', 'phu-luc.pdf', sha(corpusFile('chromium-thong-bao.pdf'))],
    ]);
    // Its verification ran on arrival (these sample files carry no signature).
    expect(d.verification).toMatchObject({ signatures: [] });
    const [arrived] = await outbox();
    expect(arrived).toMatchObject({ kind: 'status', statusCode: StatusCode.Arrived, toOrganId: H41, outcome: 'pending', documentKey: '000.00.00.H41,2026/03/05,512/UBND-VX' });
    const inbox: Page<ExchangePacketView> = (await clerk.get('/api/exchange/inbox').expect(200)).body;
    expect(inbox.items[0]).toMatchObject({ outcome: 'imported', documentId: first.documentIds[0], documentStatus: DocumentStatus.Received, from: { organId: H41 } });
  });

  it('changes nothing when the same packet comes again, and answers the same', async () => {
    const before = await counts();
    const again = (await post(documentPacket()).expect(200)).body;
    expect(again).toEqual(first);
    expect(await counts()).toEqual(before);
  });

  it('refuses a second copy of a document already received (same DocumentId), storing only the warning the clerk sees', async () => {
    const before = await counts();
    const other = documentPacket({ appendix: corpusFile('ghostscript-bao-cao.pdf') });
    const response = await post(other).expect(409);
    expect(response.body).toMatchObject({ code: ErrorCode.PacketDuplicate, message: { vi: expect.stringContaining('đã được tiếp nhận'), en: expect.stringContaining('already received') } });
    const after = await counts();
    expect([after.documents, after.files]).toEqual([before.documents, before.files]);
    const inbox: Page<ExchangePacketView> = (await clerk.get('/api/exchange/inbox').expect(200)).body;
    expect(inbox.items[0]).toMatchObject({ outcome: 'duplicate', duplicateOf: first.documentIds[0], documentId: null });
  });

  it('refuses a document with the same number, symbol, issuer and date under another DocumentId', async () => {
    const text = documentPacket().toString('utf8').replace('<edXML:DocumentId>000.00.00.H41,2026/03/05,512/UBND-VX', '<edXML:DocumentId>000.00.00.H41,2026/03/05,512/UBND-VX-lan2');
    expect((await post(Buffer.from(text)).expect(409)).body.code).toBe(ErrorCode.PacketDuplicate);
    expect((await incoming()).filter((d) => d.symbol === '512/UBND-VX')).toHaveLength(1);
  });

  it.each([
    ['revoke', 1, []],
    ['update', 2, []],
    ['replace', 3, ['000.00.00.H41,2026/03/05,512/UBND-VX']],
  ] as const)('refuses a %s from an organisation that is not the copy’s sender, changing nothing', async (_name, business, replaces) => {
    const before = await counts();
    // Another organisation names the province's document (its DocumentId) as if it were its own.
    const impostor = documentPacket({ number: business === 3 ? '513' : '512', business, reason: 'Giả mạo', replaces: [...replaces] })
      .toString('utf8')
      .replace('<edXML:OrganId>000.00.00.H41</edXML:OrganId>', '<edXML:OrganId>000.00.00.H99</edXML:OrganId>');
    const response = await post(Buffer.from(impostor)).expect(422);
    expect(response.body).toMatchObject({ code: ErrorCode.PacketWrongSender, message: { vi: expect.stringContaining('không phải là nơi đã gửi'), en: expect.stringContaining('only its sender may') } });
    expect(await counts()).toEqual(before);
    const d = await detail(first.documentIds[0]);
    expect([d.status, d.subject, d.history.length]).toEqual([DocumentStatus.Received, 'V/v triển khai chuyển đổi số & cải cách hành chính năm 2026', 1]);
  });

  it('updates the copy (business type 2): new subject and file versions, with the history', async () => {
    const text = documentPacket({ business: 2, reason: 'Sửa trích yếu', main: corpusFile('pdflib-classic-xref.pdf') })
      .toString('utf8')
      .replace('V/v triển khai chuyển đổi số &amp; cải cách hành chính năm 2026', 'V/v triển khai chuyển đổi số năm 2026 (sửa đổi)');
    const receipt: PacketReceipt = (await post(Buffer.from(text)).expect(200)).body;
    expect(receipt).toMatchObject({ outcome: 'applied', documentIds: first.documentIds });
    const d = await detail(first.documentIds[0]);
    expect(d.subject).toBe('V/v triển khai chuyển đổi số năm 2026 (sửa đổi)');
    expect(d.files[0]).toMatchObject({ sha256: sha(corpusFile('pdflib-classic-xref.pdf')), version: 2 });
    expect(d.history.map((h) => h.action)).toEqual(['document.received', 'document.updated-by-sender']);
    // The clerks of the copy hear of it, as of an internal sender's update.
    const [told] = await recalled(first.documentIds[0]);
    expect(told.payload).toMatchObject({ organisationIds: [d.organisation.id], roles: ['clerk'], recall: 'update', comment: 'Sửa trích yếu', symbol: '512/UBND-VX', senderName: 'Ủy ban nhân dân tỉnh Lâm Đồng' });
    expect(told.text.title).toEqual({ vi: 'Văn bản đến được cập nhật: 512/UBND-VX', en: 'Incoming document updated by its sender: 512/UBND-VX' });
  });

  let replacement: number;

  it('replaces it (business type 3): a new copy, the replaced one withdrawn', async () => {
    const receipt: PacketReceipt = (await post(documentPacket({ number: '600', business: 3, reason: 'Thay thế văn bản 512', replaces: ['000.00.00.H41,2026/03/05,512/UBND-VX'] })).expect(200)).body;
    expect(receipt.outcome).toBe('imported');
    replacement = receipt.documentIds[0];
    expect((await detail(replacement)).symbol).toBe('600/UBND-VX');
    const old = await detail(first.documentIds[0]);
    expect(old.status).toBe(DocumentStatus.Withdrawn);
    expect(old.allowedActions).toEqual([]);
    const told = (await recalled(first.documentIds[0])).map((e) => e.payload);
    expect(told[1]).toMatchObject({ recall: 'replace', comment: 'Thay thế văn bản 512', replacementSymbol: '600/UBND-VX', replacementDocumentId: String(replacement) });
  });

  it('revokes a copy (business type 1): withdrawn, visible as such, its handling stopped', async () => {
    await clerk.post(`/api/incoming/${replacement}/register`).expect(200);
    const receipt: PacketReceipt = (await post(documentPacket({ number: '600', business: 1, reason: 'Thu hồi do sai sót' })).expect(200)).body;
    expect(receipt).toMatchObject({ outcome: 'applied', documentIds: [replacement] });
    const d = await detail(replacement);
    expect(d.status).toBe(DocumentStatus.Withdrawn);
    expect(d.allowedActions).not.toContain('submit');
    expect(d.history.at(-1)).toMatchObject({ action: 'document.withdrawn', comment: 'Thu hồi do sai sót' });
    const told = await recalled(replacement);
    expect(told).toHaveLength(1);
    expect(told[0].payload).toMatchObject({ organisationIds: [d.organisation.id], roles: ['clerk'], recall: 'revoke', comment: 'Thu hồi do sai sót', symbol: '600/UBND-VX' });
    expect(told[0].text.title.vi).toBe('Văn bản đến bị thu hồi: 600/UBND-VX');
    await clerk.post(`/api/incoming/${replacement}/submit`).send({ leaderId: 1 }).expect(409);
  });

  it('applies a replacement (3) to a copy already received as a new document, instead of refusing it as a duplicate', async () => {
    // The sender dispatched the replacing document on its own first, then sent the replacement.
    const old: PacketReceipt = (await post(documentPacket({ number: '610' })).expect(200)).body;
    const newer: PacketReceipt = (await post(documentPacket({ number: '620' })).expect(200)).body;
    expect([old.outcome, newer.outcome]).toEqual(['imported', 'imported']);
    const receipt: PacketReceipt = (
      await post(documentPacket({ number: '620', business: 3, reason: 'Thay thế văn bản 610', replaces: ['000.00.00.H41,2026/03/05,610/UBND-VX'] })).expect(200)
    ).body;
    expect(receipt).toMatchObject({ outcome: 'applied', documentIds: newer.documentIds, duplicateOf: [] });
    const replaced = await detail(old.documentIds[0]);
    expect(replaced.status).toBe(DocumentStatus.Withdrawn);
    const told = (await recalled(old.documentIds[0])).map((e) => e.payload);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ recall: 'replace', comment: 'Thay thế văn bản 610', replacementSymbol: '620/UBND-VX', replacementDocumentId: String(newer.documentIds[0]) });
    expect((await detail(newer.documentIds[0])).status).not.toBe(DocumentStatus.Withdrawn);
  });

  it('asks the sender to try again later (503, Retry-After) for a revoke of a document it does not hold yet, storing nothing', async () => {
    const before = await counts();
    const response = await post(documentPacket({ number: '999', business: 1 })).expect(503);
    expect(response.headers['retry-after']).toBe('60');
    expect(response.body).toMatchObject({ code: ErrorCode.PacketAwaitingDocument, message: { vi: expect.stringContaining('hãy gửi lại sau'), en: expect.stringContaining('send it again later') } });
    expect(await counts()).toEqual(before);
  });

  it('lets the clerk refuse a copy (02) with a reason that goes back to the sender', async () => {
    const receipt: PacketReceipt = (await post(documentPacket({ number: '700' })).expect(200)).body;
    const id = receipt.documentIds[0];
    await clerk.post(`/api/exchange/incoming/${id}/refuse`).send({ reason: '  ' }).expect(400);
    const d: DocumentDetail = (await clerk.post(`/api/exchange/incoming/${id}/refuse`).send({ reason: 'Không đúng thẩm quyền giải quyết' }).expect(200)).body;
    expect(d.status).toBe(DocumentStatus.ReturnedToSender);
    const [refusal] = await outbox();
    expect(refusal).toMatchObject({ statusCode: StatusCode.Refused, description: 'Không đúng thẩm quyền giải quyết', documentId: id });
    const bytes: Buffer = (await clerk.get(`/api/exchange/packets/${refusal.id}/content`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200)).body;
    expect(parseEdxml(bytes)).toMatchObject({ kind: 'status', statusCode: '02', description: 'Không đúng thẩm quyền giải quyết', responseFor: { documentId: '000.00.00.H41,2026/03/05,700/UBND-VX' } });
  });

  it('takes a take-back request (13) and the clerk agrees (15): the copy is withdrawn', async () => {
    const receipt: PacketReceipt = (await post(documentPacket({ number: '800' })).expect(200)).body;
    const id = receipt.documentIds[0];
    const key = '000.00.00.H41,2026/03/05,800/UBND-VX';
    await post(statusPacket({ from: H41, organ: H41, code: '800/UBND-VX', documentId: key, status: '13', description: 'Đề nghị trả lại để sửa' })).expect(200);
    const inbox: Page<ExchangePacketView> = (await clerk.get('/api/exchange/inbox').expect(200)).body;
    expect(inbox.items[0]).toMatchObject({ kind: 'status', statusCode: '13', takeBackRequested: true, documentId: id });
    const d: DocumentDetail = (await clerk.post(`/api/exchange/incoming/${id}/take-back`).send({ agree: true }).expect(200)).body;
    expect(d.status).toBe(DocumentStatus.Withdrawn);
    expect((await outbox())[0]).toMatchObject({ statusCode: StatusCode.Agreed, documentKey: key });
    await clerk.post(`/api/exchange/incoming/${id}/take-back`).send({ agree: false, reason: 'x' }).expect(409);
  });

  it('shows every status an external recipient reports on the tracking of our dispatched document', async () => {
    const dir = await Directory.load(t);
    const route = new Route(t, dir);
    const draft = await route.draft({ replyBy: '2099-12-31' });
    await route.approve(draft.id);
    await route.sign(draft.id);
    await route.issue(draft.id);
    const externals: ExternalOrganisationDto[] = (await clerk.get('/api/exchange/organisations').expect(200)).body;
    const h41 = externals.find((o) => o.identifierCode === H41);
    if (!h41) throw new Error('the province is not in the external directory');
    const dispatched: DocumentDetail = (await clerk.post(`/api/outgoing/${draft.id}/dispatch`).send({ externalRecipientIds: [h41.id] }).expect(200)).body;
    // Mixed in one action: the six communes internally, the province through the gateway.
    expect(dispatched.deliveries).toHaveLength(6);
    expect(dispatched.externalDeliveries).toEqual([expect.objectContaining({ recipient: expect.objectContaining({ identifierCode: H41 }), state: 'queued', statusCode: null })]);
    await t.app.get(PacketOutbox).exportQueued();
    const exported = (await outbox()).find((p) => p.kind === 'document' && p.documentId === draft.id);
    expect(exported).toMatchObject({ businessType: 0, toOrganId: H41, outcome: 'pending', symbol: dispatched.symbol });
    const key = exported?.documentKey ?? '';
    expect(key).toBe(`H38.08,${dispatched.originalDate?.replace(/-/g, '/')},${dispatched.symbol}`);
    for (const code of ['01', '03', '04', '05', '06', '15', '16', '13', '02']) {
      await post(statusPacket({ from: H41, organ: 'H38.08', code: dispatched.symbol ?? '', documentId: key, status: code, description: code === '02' ? 'Sai nơi nhận' : '' })).expect(200);
      const tracked = (await detail(draft.id)).externalDeliveries[0];
      expect([code, tracked.statusCode, tracked.state]).toEqual([code, code, 'exported']);
    }
    expect((await detail(draft.id)).externalDeliveries[0].description).toBe('Sai nơi nhận');
    expect((await detail(draft.id)).history.filter((h) => h.action === 'document.external-status')).toHaveLength(9);
    ours = draft.id;
  });

  it('sends an update (2), a take-back request (13) and a revoke (1) of our own document to its external recipient', async () => {
    const packetOf = async (id: number) =>
      parseEdxml(
        (
          await clerk
            .get(`/api/exchange/packets/${id}/content`)
            .buffer(true)
            .parse((res, done) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => done(null, Buffer.concat(chunks)));
            })
            .expect(200)
        ).body,
      );
    await clerk.post(`/api/exchange/outgoing/${ours}/update`).send({ reason: ' ' }).expect(400);
    await clerk.post(`/api/exchange/outgoing/${ours}/update`).send({ reason: 'Bổ sung phụ lục' }).expect(200);
    await clerk.post(`/api/exchange/outgoing/${ours}/take-back`).send({ reason: 'Đề nghị trả lại để chỉnh sửa' }).expect(200);
    const revoked: DocumentDetail = (await clerk.post(`/api/exchange/outgoing/${ours}/revoke`).send({ reason: 'Thu hồi văn bản' }).expect(200)).body;
    expect(revoked.externalDeliveries[0].state).toBe('revoked');
    const [revoke, takeBack, update] = (await outbox()).filter((p) => p.documentId === ours);
    expect([update.businessType, takeBack.statusCode, revoke.businessType]).toEqual([2, '13', 1]);
    // Hạn trả lời travels as DueDate.
    expect(await packetOf(update.id)).toMatchObject({ kind: 'document', business: { type: 2, reason: 'Bổ sung phụ lục' }, to: [{ organId: H41 }], dueDate: '2099-12-31' });
    expect(await packetOf(takeBack.id)).toMatchObject({ kind: 'status', statusCode: '13', description: 'Đề nghị trả lại để chỉnh sửa', responseFor: { documentId: update.documentKey } });
    expect(await packetOf(revoke.id)).toMatchObject({ kind: 'document', business: { type: 1, reason: 'Thu hồi văn bản' } });
    expect((await detail(ours)).history.map((h) => h.action)).toEqual(expect.arrayContaining(['document.external-updated', 'document.take-back-requested', 'document.external-revoked']));
  });

  it('sends a replacement (3) of our own document where the replaced one went, naming it in ReplacementInfoList', async () => {
    const route = new Route(t, await Directory.load(t));
    const newer = await route.dispatched({ subject: 'Kế hoạch chuyển đổi số năm 2026 (thay thế)' });
    const oldKey = (await outbox()).find((p) => p.documentId === ours && p.kind === 'document')?.documentKey;
    await clerk.post(`/api/exchange/outgoing/${newer.id}/replace`).send({ replacesDocumentId: ours, reason: 'Thay thế kế hoạch đã thu hồi' }).expect(200);
    const [sent] = (await outbox()).filter((p) => p.documentId === newer.id);
    expect(sent).toMatchObject({ kind: 'document', businessType: 3, toOrganId: H41 });
    const bytes: Buffer = (
      await clerk
        .get(`/api/exchange/packets/${sent.id}/content`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body;
    expect(parseEdxml(bytes)).toMatchObject({ kind: 'document', subject: newer.subject, business: { type: 3, reason: 'Thay thế kế hoạch đã thu hồi', replacements: [{ documentId: oldKey }] } });
    expect((await detail(newer.id)).externalDeliveries.map((x) => [x.recipient.identifierCode, x.state])).toEqual([[H41, 'exported']]);
  });

  it('lets an administrator keep the external directory: CSV import (add, update, refuse bad lines), edit, deactivate', async () => {
    const { agent } = await t.logIn('admin');
    const csv = [
      'identifierCode,name,address,email,telephone,website',
      '000.00.00.H41,"Ủy ban nhân dân tỉnh Lâm Đồng","36 Trần Phú, Đà Lạt",ubnd@lamdong.gov.vn,,',
      '000.01.31.H41,Sở Nội vụ tỉnh Lâm Đồng,,,,',
      'mã-sai-quá-dài-123,Cơ quan X',
      '000.02.31.H41,',
    ].join('\r\n');
    const result: CsvImportResult = (await agent.post('/api/admin/external-organisations/import').set('content-type', 'text/csv').send(csv).expect(200)).body;
    expect(result).toMatchObject({ created: 1, updated: 1 });
    expect(result.errors.map((e) => e.line)).toEqual([4, 5]);
    expect(result.errors[0].message.vi).toContain('Mã định danh');
    const list: ExternalOrganisationDto[] = (await agent.get('/api/exchange/organisations').expect(200)).body;
    expect(list.find((o) => o.identifierCode === H41)).toMatchObject({ name: 'Ủy ban nhân dân tỉnh Lâm Đồng', address: '36 Trần Phú, Đà Lạt' });
    const snv = list.find((o) => o.identifierCode === '000.01.31.H41');
    if (!snv) throw new Error('not imported');
    await agent.post('/api/admin/external-organisations').send({ identifierCode: '000.01.31.H41', name: 'Trùng' }).expect(422);
    await agent.patch(`/api/admin/external-organisations/${snv.id}`).send({ active: false }).expect(200);
    expect(((await clerk.get('/api/exchange/organisations').expect(200)).body as ExternalOrganisationDto[]).map((o) => o.identifierCode)).not.toContain('000.01.31.H41');
    await clerk.post('/api/admin/external-organisations').send({ identifierCode: '000.09.31.H41', name: 'X' }).expect(403);
  });

  it('gives our own organisations only a valid identifier code that no other organisation has', async () => {
    const { agent } = await t.logIn('admin');
    const commune = (await Directory.load(t)).org('quangtan');
    const patch = (identifierCode: string | null) => agent.patch(`/api/admin/organisations/${commune.id}`).send({ identifierCode });
    const taken = await patch('H38.08').expect(422);
    expect(taken.body).toMatchObject({ code: ErrorCode.InvalidIdentifierCode, message: { vi: expect.stringContaining('đã được dùng'), en: expect.stringContaining('already belongs') } });
    expect((await patch('H38 08/xã').expect(422)).body.message.vi).toContain('không hợp lệ');
    await patch('000.00.00.H41XY').expect(400);
    const [row] = await db.query('SELECT identifier_code AS code FROM organisation WHERE id = ?', [commune.id]);
    expect(row.code).toBe(commune.identifierCode);
    // A database that holds two organisations with one code refuses it as well.
    await expect(db.query("UPDATE organisation SET identifier_code = 'H38.08' WHERE id = ?", [commune.id])).rejects.toThrow(/Duplicate entry/);
  });

  it('writes the packet of an issued document from the command line (npm run edxml export)', async () => {
    const [row] = await db.query("SELECT id FROM document WHERE direction = 'outgoing' AND status = 'dispatched' ORDER BY id DESC LIMIT 1");
    const out = join(t.config.storageDir, '..', `export-${row.id}.xml`);
    const env = { ...process.env, DB_NAME: t.config.db.name, STORAGE_DIR: t.config.storageDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
    const { stdout } = await run(process.execPath, ['tools/scripts/run-ts.js', 'libs/server/exchange/src/cli/main.ts', 'export', '--document', String(row.id), '--out', out], { cwd: ROOT, env });
    // Every recipient with an identifier code: the external province, then the six communes.
    expect(JSON.parse(stdout).to).toEqual([H41, 'H38.08.20', 'H38.08.21', 'H38.08.22', 'H38.08.23', 'H38.08.24', 'H38.08.25']);
    const packet = parseEdxml(readFileSync(out));
    const d = await detail(Number(row.id));
    expect(packet).toMatchObject({ kind: 'document', subject: d.subject, from: { organId: 'H38.08' }, signer: { competence: 'TM. ỦY BAN NHÂN DÂN', fullName: d.signer?.fullName } });
    // The page count of the main file (the sample Kế hoạch has two pages).
    expect(packet.kind === 'document' && packet.other.pageAmount).toBe(2);
    // Number and notation as printed after "Số:" (numbers below 10 keep their leading zero).
    expect(packet.kind === 'document' && `${packet.code.number}/${packet.code.notation}`).toBe(d.symbol);
    expect(packet.kind === 'document' && packet.attachments.map((a) => sha(a.bytes))).toEqual(d.files.map((f) => f.sha256));
    const parsed = await run(process.execPath, ['tools/scripts/run-ts.js', 'libs/server/exchange/src/cli/main.ts', 'parse', out], { cwd: ROOT, env });
    expect(JSON.parse(parsed.stdout)).toMatchObject({ kind: 'document', subject: d.subject, businessType: 0, attachments: d.files.map((f) => ({ sha256: f.sha256, contentType: 'application/pdf' })) });
    rmSync(out, { force: true });
  });

  it('leaves a delivery still queued queued on an update (the document packet carries the new state) and sends nothing on a revoke of one', async () => {
    const route = new Route(t, await Directory.load(t));
    const h41 = ((await clerk.get('/api/exchange/organisations').expect(200)).body as ExternalOrganisationDto[]).find((o) => o.identifierCode === H41);
    const queued = async (subject: string): Promise<number> => {
      const draft = await route.draft({ subject });
      await route.approve(draft.id);
      await route.sign(draft.id);
      await route.issue(draft.id);
      const dispatched: DocumentDetail = (await clerk.post(`/api/outgoing/${draft.id}/dispatch`).send({ externalRecipientIds: [h41?.id] }).expect(200)).body;
      expect(dispatched.externalDeliveries.map((x) => x.state)).toEqual(['queued']);
      return draft.id;
    };
    const packetsOf = async (id: number) => (await outbox()).filter((p) => p.documentId === id);

    const updated = await queued('Kế hoạch cập nhật khi chưa gửi đi');
    await clerk.post(`/api/exchange/outgoing/${updated}/update`).send({ reason: 'Bổ sung phụ lục' }).expect(200);
    expect((await detail(updated)).externalDeliveries.map((x) => x.state)).toEqual(['queued']);
    expect(await packetsOf(updated)).toEqual([]);
    const revoked = await queued('Kế hoạch thu hồi khi chưa gửi đi');
    await clerk.post(`/api/exchange/outgoing/${revoked}/revoke`).send({ reason: 'Thu hồi' }).expect(200);
    expect((await detail(revoked)).externalDeliveries.map((x) => x.state)).toEqual(['revoked']);

    await t.app.get(PacketOutbox).exportQueued();
    // The updated document leaves once, as a new document; the revoked one never leaves.
    expect((await packetsOf(updated)).map((p) => [p.kind, p.businessType])).toEqual([['document', 0]]);
    expect((await detail(updated)).externalDeliveries.map((x) => x.state)).toEqual(['exported']);
    expect(await packetsOf(revoked)).toEqual([]);
    expect((await detail(revoked)).externalDeliveries.map((x) => x.state)).toEqual(['revoked']);
  }, 60_000);

  it('keeps an attachment that is not a PDF as sent, and serves it only as a download of bytes', async () => {
    const docx = zipFiles([{ name: '[Content_Types].xml', bytes: Buffer.from('<Types/>') }]);
    const text = documentPacket({ number: '710', appendix: docx }).toString('utf8').replaceAll('phu-luc.pdf', 'Phụ lục 1.docx');
    const response = await post(Buffer.from(text));
    expect([response.status, response.body.code]).toEqual([200, undefined]);
    const d = await detail((response.body as PacketReceipt).documentIds[0]);
    const appendix = d.files.find((f) => f.role === 'attachment');
    expect(appendix).toMatchObject({ name: 'Phụ lục 1.docx', sha256: sha(docx) });
    const served = await clerk.get(`/api/documents/${d.id}/files/${appendix?.id}/content`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(served.headers['content-type']).toBe('application/octet-stream');
    expect(served.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''Ph%E1%BB%A5%20l%E1%BB%A5c%201\.docx/);
    expect(Buffer.compare(served.body as Buffer, docx)).toBe(0);
    // The main file is a PDF and still shows inline.
    const main = await clerk.get(`/api/documents/${d.id}/files/${d.files[0].id}/content`).expect(200);
    expect([main.headers['content-type'], main.headers['content-disposition'].split(';')[0]]).toEqual(['application/pdf', 'inline']);
  });

  it('refuses a status about a document it never sent', async () => {
    expect((await post(statusPacket({ from: H41, organ: 'H38.08', code: '1/X', documentId: 'H38.08,2026/01/01,1/X', status: '03' })).expect(404)).body.code).toBe(ErrorCode.PacketUnknownDocument);
  });

  describe('refuses malformed packets with a bilingual reason and stores nothing', () => {
    const zipBomb = () => {
      const bomb = zipFiles([{ name: 'bom.pdf', bytes: Buffer.alloc(40 * 1024 * 1024) }]);
      return Buffer.from(documentPacket({ number: '901' }).toString('utf8').replace(/(<edXML:ContentTransferEncoded>)[^<]+/, `$1${bomb.toString('base64')}`));
    };
    const cases: Array<[string, () => Buffer | Promise<Buffer>, number, ErrorCode]> = [
      ['a wrong namespace', () => Buffer.from(documentPacket({ number: '902' }).toString('utf8').replace('http://www.mic.gov.vn/TBT/QCVN_102_2016', 'urn:khac')), 422, ErrorCode.PacketWrongNamespace],
      ['a missing Subject', () => Buffer.from(documentPacket({ number: '903' }).toString('utf8').replace(/<edXML:Subject>[^<]*<\/edXML:Subject>/, '')), 422, ErrorCode.PacketMissingElement],
      ['bad base64', () => Buffer.from(documentPacket({ number: '904' }).toString('utf8').replace(/(<edXML:ContentTransferEncoded>)[A-Za-z0-9+/]{4}/, '$1****')), 422, ErrorCode.PacketBadAttachment],
      ['a zip bomb', zipBomb, 413, ErrorCode.PacketTooLarge],
      [
        'an external entity (XXE)',
        () => Buffer.from(documentPacket({ number: '905' }).toString('utf8').replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>').replace('V/v triển khai', '&e;')),
        422,
        ErrorCode.PacketUnsafeXml,
      ],
      ['no recipient of ours', () => documentPacket({ number: '906', to: '000.00.77.Z99' }), 422, ErrorCode.PacketNoRecipient],
      [
        'a From OrganId that is not an identifier code',
        () => Buffer.from(documentPacket({ number: '909' }).toString('utf8').replace('<edXML:OrganId>000.00.00.H41</edXML:OrganId>', '<edXML:OrganId>000.00.00.H41.LAMDONG</edXML:OrganId>')),
        422,
        ErrorCode.InvalidIdentifierCode,
      ],
      ['a missing PromulgationDate', () => Buffer.from(documentPacket({ number: '910' }).toString('utf8').replace(/<edXML:PromulgationDate>[^<]*<\/edXML:PromulgationDate>/, '')), 422, ErrorCode.PacketMissingElement],
      ['a missing TypeName', () => Buffer.from(documentPacket({ number: '911' }).toString('utf8').replace(/<edXML:TypeName>[^<]*<\/edXML:TypeName>/, '')), 422, ErrorCode.PacketMissingElement],
      ['a damaged PDF', () => documentPacket({ number: '907', main: corpusFile('truncated.pdf') }), 422, ErrorCode.DamagedPdf],
      ['a PDF with active content (JavaScript, an embedded program)', async () => documentPacket({ number: '912', appendix: await hostilePdf() }), 422, ErrorCode.ActiveContent],
    ];
    it.each(cases)('%s', async (_name, make, status, code) => {
      const before = await counts();
      const response = await post(await make()).expect(status);
      expect(response.body.code).toBe(code);
      expect(response.body.message.vi.length).toBeGreaterThan(10);
      expect(response.body.message.en.length).toBeGreaterThan(10);
      expect(await counts()).toEqual(before);
    });

    it('names the hostile file and what it holds', async () => {
      const response = await post(documentPacket({ number: '913', appendix: await hostilePdf() })).expect(422);
      expect(response.body.message).toEqual({
        vi: 'Tệp PDF "phu-luc.pdf" trong gói tin có nội dung có thể tự chạy nên văn bản không được nhận: mã JavaScript; tệp nhúng bên trong. Không có gì được lưu; nơi gửi cần xuất lại tệp PDF rồi gửi lại.',
        en: 'The PDF "phu-luc.pdf" in the packet holds content that can act on its own, so the document is refused: JavaScript; embedded files. Nothing was stored; the sender needs to export the PDF again and resend it.',
      });
    });

    it('a peer without the right token', async () => {
      expect((await post(documentPacket({ number: '908' }), 'sai-ma').expect(401)).body.code).toBe(ErrorCode.PeerUnauthorized);
      await t.anonymous().post('/api/exchange/packets').set('content-type', 'application/xml').send(documentPacket()).expect(401);
    });
  });
});
