import { openPkcs12, signPdf } from '@vanthu/pdf-signing';
import { CertificateBindings, DevAuthorityService } from '@vanthu/server/signing';
import { DocumentDetail, DocumentStatus, PluginTicketResponse } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';
import TestAgent from 'supertest/lib/agent';

import { startTestApp, TestApp } from '../../test/harness';
import { Directory, Route } from '../../test/routing';

/** The path part of a ticket URL (the test talks to the app in process, not to PUBLIC_URL). */
const pathOf = (url: string) => new URL(url).pathname;

const binary = (agent: TestAgent, url: string) =>
  agent
    .get(pathOf(url))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

describe('the VGCA Sign Service ticket: the plugin fetches and uploads without a session (real MariaDB)', () => {
  let t: TestApp;
  let route: Route;
  let db: DataSource;
  let chairmanId: number;
  let p12: Buffer;

  beforeAll(async () => {
    t = await startTestApp('plugin_ticket', { signing: 'ec' });
    const dir = await Directory.load(t);
    route = new Route(t, dir);
    db = t.app.get(DataSource);
    chairmanId = dir.user('tuyduc.lanhdao').id;
    const pki = (await t.app.get(DevAuthorityService).load(db.manager))!;
    const token = pki.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', pin: '000000' });
    await db.transaction((m) => t.app.get(CertificateBindings).bindApproved(m, token.certificate, { ownerType: 'user', ownerId: chairmanId }, null));
    p12 = token.p12;
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const awaiting = async () => {
    const draft = await route.draft({ file: 'generate' });
    await route.approve(draft.id);
    return draft;
  };
  const ticketFor = async (id: number): Promise<PluginTicketResponse> => (await (await route.as('tuyduc.lanhdao')).post(`/api/outgoing/${id}/sign/plugin-ticket`).expect(200)).body;
  const signed = (pdf: Buffer) =>
    signPdf(pdf, { signer: openPkcs12(p12, '000000'), appearance: { kind: 'personal', page: 1, rect: { x: 330, y: 120, width: 200, height: 110 }, name: 'Nguyễn Văn Hùng' } });
  const post = (url: string, pdf: Buffer) => t.anonymous().post(pathOf(url)).attach('file', pdf, { filename: 'da-ky.pdf', contentType: 'application/pdf' });
  const fileRows = async (documentId: number): Promise<number> => Number((await db.query('SELECT COUNT(*) AS n FROM document_file WHERE document_id = ?', [documentId]))[0].n);
  const statusOf = async (id: number): Promise<string> => (await (await route.as('tuyduc.lanhdao')).get(`/api/documents/${id}`).expect(200)).body.status;

  it('signs through the ticket without cookie or CSRF token, once; the second post is refused', async () => {
    const draft = await awaiting();
    const ticket = await ticketFor(draft.id);
    expect(ticket.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ticket.fileUrl).toContain(`/api/outgoing/${draft.id}/sign/plugin/${ticket.ticket}`);
    expect(new Date(ticket.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    // Only the hash is stored.
    const stored = await db.query('SELECT ticket_hash, user_id, prepared_sha256 FROM signing_plugin_ticket WHERE document_id = ?', [draft.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0].ticket_hash).not.toContain(ticket.ticket);
    expect(Number(stored[0].user_id)).toBe(chairmanId);

    const file = await binary(t.anonymous(), ticket.fileUrl).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-prepared-sha256']).toBe(stored[0].prepared_sha256);
    const pdf = await signed(file.body as Buffer);
    const done: DocumentDetail = (await post(ticket.uploadUrl, pdf).expect(200)).body;
    expect(done.status).toBe(DocumentStatus.Signed);
    expect(done.verification?.signatures).toEqual([expect.objectContaining({ signerName: 'Nguyễn Văn Hùng', trusted: true, modifiedAfter: 'none' })]);
    const main = done.files.find((f) => f.role === 'main')!;
    expect(await route.fileBytes(await route.as('tuyduc.lanhdao'), draft.id, main.id)).toEqual(pdf);
    const audit = await db.query("SELECT action, user_id, details FROM audit_record WHERE entity_id = ? AND action IN ('document.plugin-ticket-used', 'document.signed') ORDER BY id", [String(draft.id)]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['document.plugin-ticket-used', 'document.signed']);
    expect(JSON.parse(audit[1].details).method).toBe('plugin');
    expect(Number(audit[1].user_id)).toBe(chairmanId);

    const again = await post(ticket.uploadUrl, pdf).expect(409);
    expect(again.body.code).toBe('PLUGIN_TICKET_INVALID');
    expect(again.body.message.vi).toContain('đã được dùng');
    expect(again.body.message.en).toContain('already been used');
    await binary(t.anonymous(), ticket.fileUrl).expect(409);
  }, 120_000);

  it('refuses an expired ticket, another document’s ticket, a forged ticket and an upload that is not the prepared file plus one signature, storing nothing', async () => {
    const draft = await awaiting();
    const other = await awaiting();
    const before = await fileRows(draft.id);

    // Another document's ticket, on this document's URL: unknown here, and not spent by the attempt.
    const othersTicket = await ticketFor(other.id);
    const prepared = (await binary(t.anonymous(), othersTicket.fileUrl).expect(200)).body as Buffer;
    const wrong = await post(othersTicket.uploadUrl.replace(`/outgoing/${other.id}/`, `/outgoing/${draft.id}/`), await signed(prepared)).expect(404);
    expect(wrong.body.code).toBe('PLUGIN_TICKET_INVALID');
    await binary(t.anonymous(), othersTicket.fileUrl.replace(`/outgoing/${other.id}/`, `/outgoing/${draft.id}/`)).expect(404);
    // A made-up ticket of the right shape.
    await post(othersTicket.uploadUrl.replace(othersTicket.ticket, 'A'.repeat(43)), prepared).expect(404);

    // Expired: both URLs refused with 410.
    const ticket = await ticketFor(draft.id);
    const bytes = (await binary(t.anonymous(), ticket.fileUrl).expect(200)).body as Buffer;
    await db.query('UPDATE signing_plugin_ticket SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE document_id = ?', [draft.id]);
    const expired = await post(ticket.uploadUrl, await signed(bytes)).expect(410);
    expect(expired.body.code).toBe('PLUGIN_TICKET_INVALID');
    expect(expired.body.message.en).toContain('expired');
    await binary(t.anonymous(), ticket.fileUrl).expect(410);
    expect(await fileRows(draft.id)).toBe(before);
    expect(await statusOf(draft.id)).toBe(DocumentStatus.AwaitingSignature);

    // A valid ticket, but the upload is not the prepared file plus one signature: refused by the
    // same upload-back rule, nothing stored, and the ticket is spent.
    const fresh = await ticketFor(draft.id);
    const refused = await post(fresh.uploadUrl, bytes).expect(422);
    expect(refused.body.code).toBe('SIGNED_UPLOAD_REFUSED');
    expect(await fileRows(draft.id)).toBe(before);
    expect(await statusOf(draft.id)).toBe(DocumentStatus.AwaitingSignature);
    await post(fresh.uploadUrl, await signed(bytes)).expect(409);

    // The ticket needs a session to be issued (and a CSRF token): anonymous callers get none.
    await t.anonymous().post(`/api/outgoing/${draft.id}/sign/plugin-ticket`).expect(401);
    // The other document is still signable with its own, unspent ticket.
    expect(((await post(othersTicket.uploadUrl, await signed(prepared)).expect(200)).body as DocumentDetail).status).toBe(DocumentStatus.Signed);
  }, 120_000);
});
