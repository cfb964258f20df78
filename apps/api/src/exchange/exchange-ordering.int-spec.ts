import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ExchangeWorker, PacketImporter, PacketOutbox } from '@vanthu/server/exchange';
import { documentPacket, hostilePdf, statusPacket } from '@vanthu/server/exchange/testing';
import { waitFor } from '@vanthu/server/testing';
import { DocumentStatus, ErrorCode } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { addPeer, packetFolder } from '../../test/exchange';
import { startTestApp, TestApp } from '../../test/harness';

const H41 = '000.00.00.H41';
const keyOf = (number: string) => `${H41},2026/03/05,${number}/UBND-VX`;

/**
 * Packets that overtake their document — a revoke, update, replace or take-back request (13)
 * imported before the document itself, on another channel or by the other of two concurrent
 * import jobs — are not lost: the folder adapter tries them again with BullMQ backoff and refuses
 * them only after the last attempt; the HTTP adapter answers 503 with Retry-After.
 */
describe('edXML packets arriving before their document (folder adapter, real MariaDB and Redis)', () => {
  let t: TestApp;
  let db: DataSource;
  let worker: ExchangeWorker;
  let token: string;
  const inbox = packetFolder('order');

  /** Written aside, then renamed into the inbox, as senders must. */
  const drop = (name: string, bytes: Buffer) => {
    writeFileSync(join(inbox, `.${name}.part`), bytes);
    renameSync(join(inbox, `.${name}.part`), join(inbox, name));
  };
  const statusOf = async (number: string): Promise<string | null> => {
    const [row] = await db.query('SELECT d.status FROM document d JOIN exchange_document x ON x.document_id = d.id WHERE x.document_key = ?', [keyOf(number)]);
    return row?.status ?? null;
  };
  const post = (bytes: Buffer) => t.anonymous().post('/api/exchange/packets').set('content-type', 'application/xml').set('authorization', `Bearer ${token}`).send(bytes);

  beforeAll(async () => {
    t = await startTestApp('exchorder', { signing: 'ec' });
    db = t.app.get(DataSource);
    token = await addPeer(t, 'admin', 'LGSP tỉnh Lâm Đồng');
    const config = { ...t.config, exchange: { ...t.config.exchange, gateway: 'none' as const, inboxDir: inbox, readInbox: true, pullUrl: null, pollMs: 100, maxAttempts: 3 } };
    worker = new ExchangeWorker(config, t.app.get(PacketImporter), t.app.get(PacketOutbox));
    worker.onApplicationBootstrap();
  }, 180_000);
  afterAll(async () => {
    await worker?.onModuleDestroy();
    await t?.close();
    rmSync(inbox, { recursive: true, force: true });
  });

  it('applies a revoke that came before its document once the document is there', async () => {
    drop('01-revoke-321.xml', documentPacket({ number: '321', business: 1, reason: 'Thu hồi do sai sót' }));
    // Taken, tried, and left waiting in processing/ (not refused).
    await waitFor(async () => existsSync(join(inbox, 'processing', '01-revoke-321.xml')));
    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(join(inbox, 'rejected', '01-revoke-321.xml'))).toBe(false);
    drop('02-new-321.xml', documentPacket({ number: '321' }));
    await waitFor(async () => existsSync(join(inbox, 'done', '02-new-321.xml')), 20_000);
    await waitFor(async () => existsSync(join(inbox, 'done', '01-revoke-321.xml')), 20_000);
    expect(await statusOf('321')).toBe(DocumentStatus.Withdrawn);
    expect(existsSync(join(inbox, 'rejected', '01-revoke-321.xml'))).toBe(false);
  }, 40_000);

  it('applies an update and a replacement that came before their documents', async () => {
    drop('03-update-330.xml', Buffer.from(documentPacket({ number: '330', business: 2, reason: 'Sửa trích yếu' }).toString('utf8').replace('V/v triển khai chuyển đổi số &amp; cải cách hành chính năm 2026', 'V/v (sửa đổi)')));
    drop('04-replace-331.xml', documentPacket({ number: '331', business: 3, reason: 'Thay thế', replaces: [keyOf('332')] }));
    await waitFor(async () => existsSync(join(inbox, 'processing', '04-replace-331.xml')));
    await new Promise((r) => setTimeout(r, 500));
    drop('05-new-330.xml', documentPacket({ number: '330' }));
    drop('06-new-332.xml', documentPacket({ number: '332' }));
    for (const name of ['03-update-330.xml', '04-replace-331.xml']) await waitFor(async () => existsSync(join(inbox, 'done', name)), 20_000);
    const [updated] = await db.query('SELECT d.subject FROM document d JOIN exchange_document x ON x.document_id = d.id WHERE x.document_key = ?', [keyOf('330')]);
    expect(updated.subject).toBe('V/v (sửa đổi)');
    expect([await statusOf('331'), await statusOf('332')]).toEqual([DocumentStatus.Received, DocumentStatus.Withdrawn]);
  }, 40_000);

  it('refuses for good, only after the last attempt, a revoke whose document never comes', async () => {
    const started = Date.now();
    drop('07-revoke-399.xml', documentPacket({ number: '399', business: 1 }));
    await waitFor(async () => existsSync(join(inbox, 'rejected', '07-revoke-399.xml.reason.txt')), 30_000);
    // Three attempts with exponential backoff (1 s, then 2 s) before the refusal.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(readFileSync(join(inbox, 'rejected', '07-revoke-399.xml.reason.txt'), 'utf8')).toMatch(/^PACKET_UNKNOWN_DOCUMENT\nvi: .*399\/UBND-VX.*\nen: .*not held here/);
    expect(await statusOf('399')).toBeNull();
  }, 40_000);

  it('rejects at once, with its reason, a packet whose PDF the document route refuses (active content), instead of trying it again', async () => {
    drop('08-hostile-350.xml', documentPacket({ number: '350', appendix: await hostilePdf() }));
    await waitFor(async () => existsSync(join(inbox, 'rejected', '08-hostile-350.xml.reason.txt')), 10_000);
    expect(readFileSync(join(inbox, 'rejected', '08-hostile-350.xml.reason.txt'), 'utf8')).toMatch(/^ACTIVE_CONTENT\nvi: Tệp PDF "phu-luc.pdf" .*mã JavaScript/);
    expect(existsSync(join(inbox, 'processing', '08-hostile-350.xml'))).toBe(false);
    expect(await statusOf('350')).toBeNull();
  });

  it('over HTTP, answers a take-back request (13) about a document not held yet with 503 and Retry-After, storing nothing', async () => {
    const [before] = await db.query('SELECT COUNT(*) AS n FROM exchange_packet');
    const response = await post(statusPacket({ from: H41, organ: H41, code: '340/UBND-VX', documentId: keyOf('340'), status: '13', description: 'Đề nghị trả lại' })).expect(503);
    expect(response.headers['retry-after']).toBe('60');
    expect(response.body.code).toBe(ErrorCode.PacketAwaitingDocument);
    expect((await db.query('SELECT COUNT(*) AS n FROM exchange_packet'))[0].n).toBe(before.n);
    // Once the document is there, the same request is taken.
    await post(documentPacket({ number: '340' })).expect(200);
    await post(statusPacket({ from: H41, organ: H41, code: '340/UBND-VX', documentId: keyOf('340'), status: '13', description: 'Đề nghị trả lại' })).expect(200);
  });
});
