import { constants, createHash, privateEncrypt } from 'node:crypto';

import {
  DispatchReport,
  DocumentDetail,
  DocumentStatus,
  DocumentSummary,
  IncomingReport,
  Page,
  WorkCounts,
} from '@vanthu/shared/contracts';
import { addCalendarDays, toIsoDate } from '@vanthu/shared/domain';
import { CertificateBindings, DevAuthorityService } from '@vanthu/server/signing';
import { DataSource } from 'typeorm';

import { startTestApp, TestApp } from '../../test/harness';
import { COMMUNE_CODES, corpusFile, DEMO_PIN, Directory, pdfsig, Route } from '../../test/routing';

// DER prefix of a DigestInfo for SHA-256 (RFC 8017, section 9.2).
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

describe('the whole route of a Kế hoạch, from draft to the district’s report (real MariaDB, real signatures)', () => {
  let t: TestApp;
  let dir: Directory;
  let route: Route;
  let rootPem: string;

  beforeAll(async () => {
    t = await startTestApp('route', { signing: 'rsa' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    const [anchor] = await t.app.get(DataSource).query('SELECT certificate_pem AS pem FROM trust_anchor');
    rootPem = anchor.pem;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('drafts, approves, signs, issues as N/KH-UBND, dispatches to six communes, and each commune handles it to completion', async () => {
    const today = toIsoDate(new Date());
    // Phòng Nội vụ drafts in the name of UBND huyện, with an attachment.
    const draft = await route.draft({ attachments: [corpusFile('chromium-thong-bao.pdf')] });
    expect(draft).toMatchObject({ status: DocumentStatus.Draft, organisation: { name: 'UBND huyện Tuy Đức' }, draftingUnit: { name: 'Phòng Nội vụ' } });
    expect(draft.allowedActions).toEqual(expect.arrayContaining(['edit', 'submit-for-review']));
    expect(draft.files.map((f) => [f.role, f.name])).toEqual([
      ['main', 'Kế hoạch chuyển đổi số.pdf'],
      ['attachment', 'Phụ lục 1.pdf'],
    ]);

    // The head of Phòng Nội vụ approves; the chairman now has it waiting for his signature.
    const approved = await route.approve(draft.id);
    expect(approved.status).toBe(DocumentStatus.AwaitingSignature);
    const chairman = await route.as('tuyduc.lanhdao');
    const counts: WorkCounts = (await chairman.get('/api/documents/counts').expect(200)).body;
    expect(counts.awaitingMySignature).toBe(1);
    const preview = (await chairman.get(`/api/outgoing/${draft.id}/sign/preview`).expect(200)).body;
    expect(preview).toMatchObject({ pageCount: 2, hasCredential: true, signerName: 'Nguyễn Văn Hùng' });

    const signed = await route.sign(draft.id);
    expect(signed.status).toBe(DocumentStatus.Signed);
    expect(signed.verification?.signatures).toHaveLength(1);
    expect(signed.verification?.signatures[0]).toMatchObject({ kind: 'personal', signerName: 'Nguyễn Văn Hùng', integrity: true, trusted: true });

    // The clerk sees the number before confirming, then issues with the seal.
    const clerk = await route.as('tuyduc.vanthu');
    const issuePreview = (await clerk.get(`/api/outgoing/${draft.id}/issue-preview`).expect(200)).body;
    expect(issuePreview).toEqual({
      number: 1,
      symbol: '01/KH-UBND',
      issueDate: today,
      registerYear: Number(today.slice(0, 4)),
      seal: { credentialId: expect.any(Number), awaitingPin: false, lockedUntil: null },
    });
    const issued = await route.issue(draft.id);
    expect(issued).toMatchObject({ status: DocumentStatus.Issued, number: 1, symbol: '01/KH-UBND', originalDate: today });
    expect(issued.files.every((f) => f.signatureCount >= 1)).toBe(true);
    expect(issued.verification?.signatures.map((s) => [s.kind, s.integrity, s.trusted, s.modifiedAfter])).toEqual([
      ['personal', true, true, 'signatures-only'],
      ['organisation', true, true, 'none'],
    ]);

    // The main file passes poppler's pdfsig: both signatures valid and trusted.
    const main = issued.files.find((f) => f.role === 'main')!;
    const verdict = await pdfsig(await route.fileBytes(clerk, draft.id, main.id), rootPem);
    expect(verdict.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(verdict.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(2);

    const dispatched = await route.dispatch(draft.id);
    expect(dispatched.status).toBe(DocumentStatus.Dispatched);
    expect(dispatched.deliveries.map((d) => [d.recipient.id, d.status]).sort()).toEqual(dir.communeIds().map((id) => [id, 'delivered']).sort());

    for (const code of COMMUNE_CODES) {
      // Each commune clerk finds it waiting for an arrival number, with both signatures verified on arrival.
      const communeClerk = await route.as(`${code}.vanthu`);
      const waiting: Page<DocumentSummary> = (await communeClerk.get('/api/documents').query({ queue: 'to-register' }).expect(200)).body;
      expect(waiting.items.map((d) => d.symbol)).toEqual(['01/KH-UBND']);
      const incomingId = waiting.items[0].id;
      const copy: DocumentDetail = (await communeClerk.get(`/api/documents/${incomingId}`).expect(200)).body;
      expect(copy).toMatchObject({ status: DocumentStatus.Received, sender: 'UBND huyện Tuy Đức', symbol: '01/KH-UBND' });
      expect(copy.verification?.valid).toBe(true);
      expect(copy.verification?.signatures.map((s) => [s.signerName, s.integrity, s.cryptographicallyValid, s.trusted])).toEqual([
        ['Nguyễn Văn Hùng', true, true, true],
        ['UBND huyện Tuy Đức', true, true, true],
      ]);
      // Reading the copy changes nothing (a prefetch or a crawler may read it); the web app says
      // it was opened with a POST, which the sender then sees.
      const deliveryOf = async () => ((await clerk.get(`/api/documents/${draft.id}`).expect(200)).body as DocumentDetail).deliveries.find((d) => d.incomingDocumentId === incomingId)?.status;
      expect(await deliveryOf()).toBe('delivered');
      await clerk.post(`/api/documents/${draft.id}/opened`).expect(204);
      expect(await deliveryOf()).toBe('delivered');
      await communeClerk.post(`/api/documents/${incomingId}/opened`).expect(204);
      await communeClerk.post(`/api/documents/${incomingId}/opened`).expect(204);
      expect(await deliveryOf()).toBe('opened');
      const registered: DocumentDetail = (await communeClerk.post(`/api/incoming/${incomingId}/register`).expect(200)).body;
      expect(registered).toMatchObject({ status: DocumentStatus.Registered, arrivalNumber: 1 });

      const leaderName = `${code}.lanhdao`;
      await communeClerk.post(`/api/incoming/${incomingId}/submit`).send({ leaderId: dir.user(leaderName).id, note: 'Kính trình Chủ tịch.' }).expect(200);
      const leader = await route.as(leaderName);
      expect((await leader.get('/api/documents/counts').expect(200)).body.awaitingMyAssignment).toBe(1);
      const specialist = `${code}.chuyenvien1`;
      const assigned: DocumentDetail = (
        await leader
          .post(`/api/incoming/${incomingId}/assign`)
          .send({ lead: { userId: dir.user(specialist).id }, informed: [{ userId: dir.user(`${code}.chuyenvien2`).id }], deadline: addCalendarDays(today, 7), instructions: 'Triển khai, báo cáo kết quả.' })
          .expect(200)
      ).body;
      expect(assigned.status).toBe(DocumentStatus.InProgress);
      expect(assigned.assignment?.assignees.map((a) => [a.role, a.user?.id])).toEqual([
        ['lead', dir.user(specialist).id],
        ['inform', dir.user(`${code}.chuyenvien2`).id],
      ]);

      const handler = await route.as(specialist);
      await handler.post(`/api/incoming/${incomingId}/progress`).send({ note: 'Đã xây dựng kế hoạch của xã.' }).expect(200);
      const done: DocumentDetail = (await handler.post(`/api/incoming/${incomingId}/complete`).send({ note: 'Đã triển khai xong.' }).expect(200)).body;
      expect(done).toMatchObject({ status: DocumentStatus.Completed });
      expect(done.assignment?.assignees[0]).toMatchObject({ status: 'completed', timeliness: 'early' });
      expect(done.history.map((h) => h.action)).toEqual([
        'document.received',
        'document.opened',
        'document.registered',
        'document.submitted-to-leader',
        'document.assigned',
        'document.progress',
        'document.completed',
      ]);
      // The arrival is the commune's, not the district clerk's who dispatched it.
      expect(done.history[0]).toMatchObject({ action: 'document.received', actor: null, organisation: dir.org(code).name });
      expect(done.history[2]).toMatchObject({ action: 'document.registered', actor: expect.objectContaining({ id: dir.user(`${code}.vanthu`).id }), organisation: null });
      // The one "for information" cannot complete it.
      await (await route.as(`${code}.chuyenvien2`)).post(`/api/incoming/${incomingId}/complete`).send({ note: 'x' }).expect(409);
    }

    // The sender sees every delivery completed, and the district's report says so.
    const tracked: DocumentDetail = (await clerk.get(`/api/documents/${draft.id}`).expect(200)).body;
    expect(new Set(tracked.deliveries.map((d) => d.status))).toEqual(new Set(['completed']));
    expect(tracked.deliveries.every((d) => d.arrivalNumber === 1)).toBe(true);
    const report: DispatchReport = (await chairman.get('/api/reports/dispatched').query({ from: today, to: today }).expect(200)).body;
    expect(report).toMatchObject({ documents: 1, deliveries: 6 });
    expect(report.total).toMatchObject({ received: 6, completed: 6, early: 6, onTime: 0, late: 0, overdue: 0, onTimeRate: 1 });
    expect(report.byRecipient.map((r) => r.recipient.name)).toEqual(
      ['UBND xã Đắk Buk So', 'UBND xã Đắk Ngo', "UBND xã Đắk R'Tíh", 'UBND xã Quảng Tâm', 'UBND xã Quảng Tân', 'UBND xã Quảng Trực'].sort((a, b) => a.localeCompare(b, 'vi')),
    );
    const communeReport: IncomingReport = (await (await route.as('quangtan.lanhdao')).get('/api/reports/incoming').query({ from: today, to: today }).expect(200)).body;
    expect(communeReport.total).toMatchObject({ received: 1, completed: 1, early: 1, onTimeRate: 1 });
  }, 180_000);

  it('lets the leader sign with a USB token through prepare and complete, and refuses a signature that does not match', async () => {
    const draft = await route.draft({ file: 'generate' });
    await route.approve(draft.id);
    const other = await route.draft({ file: 'generate' });
    await route.approve(other.id);
    const chairman = await route.as('tuyduc.lanhdao');
    // The "token": a key and chain the server never sees, issued by the installation's CA.
    const pki = await t.app.get(DevAuthorityService).load(t.app.get(DataSource).manager);
    const token = pki!.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', uid: 'CCCD:066085001234', pin: '000000' });
    // The token's certificate is registered to the chairman (an administrator's binding).
    await t.app.get(DataSource).transaction((m) => t.app.get(CertificateBindings).bindApproved(m, token.certificate, { ownerType: 'user', ownerId: dir.user('tuyduc.lanhdao').id }, null));
    // What a token does with a SHA-256 digest: PKCS#1 v1.5 over the DigestInfo.
    const tokenSign = (digest: Buffer) =>
      privateEncrypt({ key: token.privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])).toString('base64');

    const prepared = (await chairman.post(`/api/outgoing/${draft.id}/sign/prepare`).send({ certificateChainPem: token.chainPem.join('\n') }).expect(200)).body;
    expect(prepared).toMatchObject({ algorithm: 'sha256' });
    expect(Buffer.from(prepared.digestToSign, 'base64')).toHaveLength(32);

    // A signature over other bytes is refused and the document stays waiting.
    const wrong = await chairman
      .post(`/api/outgoing/${draft.id}/sign/complete`)
      .send({ preparationId: prepared.preparationId, signature: tokenSign(createHash('sha256').update('khác').digest()) })
      .expect(422);
    expect(wrong.body.code).toBe('CMS_MISMATCH');
    expect((await chairman.get(`/api/documents/${draft.id}`).expect(200)).body.status).toBe(DocumentStatus.AwaitingSignature);
    // A preparation belongs to its document.
    const elsewhere = await chairman
      .post(`/api/outgoing/${other.id}/sign/complete`)
      .send({ preparationId: prepared.preparationId, signature: tokenSign(Buffer.from(prepared.digestToSign, 'base64')) })
      .expect(409);
    expect(elsewhere.body.code).toBe('SIGNATURE_PREPARATION_EXPIRED');

    const signed: DocumentDetail = (
      await chairman
        .post(`/api/outgoing/${draft.id}/sign/complete`)
        .send({ preparationId: prepared.preparationId, signature: tokenSign(Buffer.from(prepared.digestToSign, 'base64')) })
        .expect(200)
    ).body;
    expect(signed.status).toBe(DocumentStatus.Signed);
    expect(signed.verification?.signatures).toEqual([expect.objectContaining({ signerName: 'Nguyễn Văn Hùng', integrity: true, cryptographicallyValid: true, trusted: true })]);
    const verdict = await pdfsig(await route.fileBytes(chairman, draft.id, signed.files[0].id), rootPem);
    expect(verdict).toContain('Signature is Valid');
    expect(verdict).toContain('Certificate is Trusted');
  });

  it('refuses a wrong PIN with a clear message and keeps the document waiting', async () => {
    const draft = await route.draft({ file: 'generate' });
    await route.approve(draft.id);
    const chairman = await route.as('tuyduc.lanhdao');
    const refused = await chairman.post(`/api/outgoing/${draft.id}/sign`).send({ pin: '999999' }).expect(400);
    expect(refused.body.code).toBe('WRONG_PIN');
    expect(refused.body.message.vi).toMatch(/PIN/);
    const after: DocumentDetail = (await chairman.get(`/api/documents/${draft.id}`).expect(200)).body;
    expect(after.status).toBe(DocumentStatus.AwaitingSignature);
    expect(after.files[0].signatureCount).toBe(0);
    await chairman.post(`/api/outgoing/${draft.id}/sign`).send({ pin: DEMO_PIN }).expect(200);
  });
});
