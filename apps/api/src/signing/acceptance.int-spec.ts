import { execFileSync } from 'node:child_process';
import { constants, createPrivateKey, KeyObject, privateEncrypt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createDevPki } from '@vanthu/dev-pki';
import { startFileServer, startTimestampAuthority } from '@vanthu/dev-pki/testing';
import { keySigner, openPkcs12, signPdf, verifyPdf } from '@vanthu/pdf-signing';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { CertificateBindings, DevAuthorityService, SignatureAcceptance, SignatureNotAccepted, TrustService } from '@vanthu/server/signing';
import { DocumentDetail, DocumentStatus } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';
import TestAgent from 'supertest/lib/agent';

import { startTestApp, TestApp } from '../../test/harness';
import { corpusFile, Directory, Route } from '../../test/routing';

// DER prefix of a DigestInfo for SHA-256 (RFC 8017, section 9.2).
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
const DAY = 86_400_000;

/** A self-signed certificate and key made up in someone else's name (what issue 13 found accepted). */
function strangerSelfSigned(): { chainPem: string; key: KeyObject } {
  const dir = mkdtempSync(join(tmpdir(), 'stranger-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-utf8',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-subj', '/C=VN/O=UBND tỉnh Đắk Nông/CN=Nguyễn Văn Mạo Danh',
      '-addext', 'keyUsage=critical,digitalSignature,nonRepudiation',
    ], { stdio: 'pipe' });
    return { chainPem: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: createPrivateKey(readFileSync(join(dir, 'key.pem'))) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tokenSign = (key: KeyObject, digestBase64: string) =>
  privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(digestBase64, 'base64')])).toString('base64');

describe('the acceptance rule on every signing path (real MariaDB, real signatures)', () => {
  let t: TestApp;
  let dir: Directory;
  let route: Route;
  let db: DataSource;
  let chairmanId: number;

  beforeAll(async () => {
    t = await startTestApp('acceptance', { signing: 'ec' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    db = t.app.get(DataSource);
    chairmanId = dir.user('tuyduc.lanhdao').id;
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  /** A document waiting for the chairman's signature. */
  const awaiting = async () => {
    const draft = await route.draft({ file: 'generate' });
    await route.approve(draft.id);
    return draft;
  };

  /** Prepare with `chainPem`, sign the digest with `key`, complete: the response. */
  const external = async (agent: TestAgent, id: number, chainPem: string, key: KeyObject) => {
    const prepared = (await agent.post(`/api/outgoing/${id}/sign/prepare`).send({ certificateChainPem: chainPem }).expect(200)).body;
    return agent.post(`/api/outgoing/${id}/sign/complete`).send({ preparationId: prepared.preparationId, signature: tokenSign(key, prepared.digestToSign) });
  };

  const refusals = async (documentId: number): Promise<Array<{ rule: string; method: string }>> =>
    (await db.query("SELECT details FROM audit_record WHERE action = 'document.signature-refused' AND entity_id = ? ORDER BY id", [String(documentId)])).map(
      (r: { details: string }) => JSON.parse(r.details),
    );

  it('refuses a stranger’s self-signed certificate through prepare/complete: not Signed, cannot be issued, refusal audited', async () => {
    const draft = await awaiting();
    const chairman = await route.as('tuyduc.lanhdao');
    const stranger = strangerSelfSigned();
    const refused = await external(chairman, draft.id, stranger.chainPem, stranger.key);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('SIGNATURE_NOT_ACCEPTED');
    expect(refused.body.message.vi).toContain('Chữ ký số không được chấp nhận');
    expect(refused.body.message.vi).toContain('chuỗi chứng thực');
    expect(refused.body.message.en).toContain('rule: chain of trust');

    const after: DocumentDetail = (await chairman.get(`/api/documents/${draft.id}`).expect(200)).body;
    expect(after.status).toBe(DocumentStatus.AwaitingSignature);
    expect(after.files.find((f) => f.role === 'main')?.signatureCount).toBe(0);
    const clerk = await route.as('tuyduc.vanthu');
    const issue = await clerk.post(`/api/outgoing/${draft.id}/issue`).send({ pin: '123456' });
    expect(issue.status).toBe(409);
    expect((await chairman.get(`/api/documents/${draft.id}`).expect(200)).body.status).toBe(DocumentStatus.AwaitingSignature);
    expect(await refusals(draft.id)).toEqual([expect.objectContaining({ rule: 'chain', method: 'external', signer: expect.stringContaining('Nguyễn Văn Mạo Danh') })]);
  }, 60_000);

  it('refuses a certificate of the trusted CA that is not registered to the leader, then accepts it once an administrator approved the leader’s registration', async () => {
    const draft = await awaiting();
    const chairman = await route.as('tuyduc.lanhdao');
    const pki = (await t.app.get(DevAuthorityService).load(db.manager))!;
    const token = pki.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', pin: '000000' });

    const unregistered = await external(chairman, draft.id, token.chainPem.join('\n'), token.privateKey);
    expect(unregistered.status).toBe(422);
    expect(unregistered.body.message.en).toContain('is not registered to the signer Nguyễn Văn Hùng');
    expect(unregistered.body.message.en).toContain('not-registered');

    // Registered to somebody else: refused as such.
    const bindings = t.app.get(CertificateBindings);
    const binding = await db.transaction((m) => bindings.bindApproved(m, token.certificate, { ownerType: 'user', ownerId: dir.user('tuyduc.phochutich').id }, null));
    const elsewhere = await external(chairman, draft.id, token.chainPem.join('\n'), token.privateKey);
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.message.en).toContain('registered-to-someone-else');
    expect((await refusals(draft.id)).map((r) => r.rule)).toEqual(['not-registered', 'registered-to-someone-else']);

    // Bound to the chairman (disabled elsewhere, then moved by an administrator): accepted.
    await db.query("UPDATE certificate_binding SET status = 'disabled' WHERE id = ?", [binding.id]);
    await db.transaction((m) => bindings.bindApproved(m, token.certificate, { ownerType: 'user', ownerId: chairmanId }, dir.user('admin').id));
    const signed = await external(chairman, draft.id, token.chainPem.join('\n'), token.privateKey);
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe(DocumentStatus.Signed);
    expect(signed.body.verification.signatures).toEqual([expect.objectContaining({ signerName: 'Nguyễn Văn Hùng', trusted: true, revoked: false, warnings: [] })]);
    const issued = await route.issue(draft.id);
    expect(issued.status).toBe(DocumentStatus.Issued);
  }, 60_000);

  it('refuses the seal at issue when the organisation’s certificate is no longer registered to it: still Signed, no number taken', async () => {
    const draft = await awaiting();
    await route.sign(draft.id);
    const organisationId = dir.organisations.find((o) => o.name === 'UBND huyện Tuy Đức')!.id;
    await db.query("UPDATE certificate_binding SET status = 'disabled' WHERE owner_type = 'organisation' AND owner_id = ?", [organisationId]);
    try {
      const clerk = await route.as('tuyduc.vanthu');
      const refused = await clerk.post(`/api/outgoing/${draft.id}/issue`).send({ pin: '123456' }).expect(422);
      expect(refused.body.code).toBe('SIGNATURE_NOT_ACCEPTED');
      expect(refused.body.message.vi).toContain('cơ quan UBND huyện Tuy Đức');
      const after: DocumentDetail = (await clerk.get(`/api/documents/${draft.id}`).expect(200)).body;
      expect(after).toMatchObject({ status: DocumentStatus.Signed, number: null });
      expect(await refusals(draft.id)).toEqual([expect.objectContaining({ rule: 'not-registered', method: 'seal' })]);
    } finally {
      await db.query("UPDATE certificate_binding SET status = 'approved' WHERE owner_type = 'organisation' AND owner_id = ?", [organisationId]);
    }
    expect((await route.issue(draft.id)).status).toBe(DocumentStatus.Issued);
  }, 60_000);

  it('lets an administrator add (PEM or DER), list and disable trust anchors, and approve a leader’s own registration; the rule follows at once', async () => {
    const provider = createDevPki({ commonName: 'Ban Cơ yếu thử' });
    const admin = await route.as('admin');
    const chairman = await route.as('tuyduc.lanhdao');

    // Garbage, a leaf certificate, and a non-administrator are refused.
    const garbage = await admin.post('/api/signing/trust-anchors').attach('certificate', Buffer.from('không phải chứng thư'), 'x.pem').expect(422);
    expect(garbage.body.code).toBe('INVALID_TRUST_CERTIFICATE');
    const token = provider.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', pin: '000000' });
    const leaf = await admin.post('/api/signing/trust-anchors').send({ certificatePem: token.certificatePem }).expect(422);
    expect(leaf.body.message.en).toContain('not a certification authority');
    const asIntermediate = await admin.post('/api/signing/trust-anchors').send({ certificatePem: provider.issuing.certificatePem, kind: 'anchor' }).expect(422);
    expect(asIntermediate.body.message.en).toContain('self-signed');
    await chairman.post('/api/signing/trust-anchors').send({ certificatePem: provider.root.certificatePem }).expect(403);

    const root = (await admin.post('/api/signing/trust-anchors').field('name', 'Ban Cơ yếu thử').attach('certificate', Buffer.from(provider.root.certificatePem), 'root.pem').expect(201)).body;
    expect(root).toMatchObject({ name: 'Ban Cơ yếu thử', kind: 'anchor', active: true });
    const intermediate = (await admin.post('/api/signing/trust-anchors').field('kind', 'intermediate').attach('certificate', provider.issuing.certificate.raw, 'issuing.cer').expect(201)).body;
    expect(intermediate).toMatchObject({ kind: 'intermediate', active: true, subject: expect.stringContaining('VănThư Development Issuing CA') });
    const listed = (await admin.get('/api/signing/trust-anchors').expect(200)).body as Array<{ id: number; kind: string }>;
    expect(listed.map((a) => a.id)).toEqual(expect.arrayContaining([root.id, intermediate.id]));

    // The leader registers the token's certificate: pending, so a signature is still refused.
    const draft = await awaiting();
    const registered = (await chairman.post('/api/signing/certificates/mine').send({ certificatePem: token.certificatePem }).expect(201)).body;
    expect(registered).toMatchObject({ status: 'pending', ownerId: chairmanId, ownerName: 'Nguyễn Văn Hùng' });
    expect((await chairman.get('/api/signing/certificates/mine').expect(200)).body.map((b: { id: number }) => b.id)).toContain(registered.id);
    const pending = await external(chairman, draft.id, token.chainPem.join('\n'), token.privateKey);
    expect(pending.status).toBe(422);
    expect(pending.body.message.vi).toContain('đang chờ quản trị phê duyệt');
    await chairman.post(`/api/signing/certificates/${registered.id}/approve`).expect(403);
    const waiting = (await admin.get('/api/signing/certificates').query({ status: 'pending' }).expect(200)).body as Array<{ id: number }>;
    expect(waiting.map((b) => b.id)).toEqual([registered.id]);
    const approved = (await admin.post(`/api/signing/certificates/${registered.id}/approve`).expect(200)).body;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: expect.any(String) });
    // The token sends only its own certificate: the configured intermediate completes the path.
    const signed = await external(chairman, draft.id, token.certificatePem, token.privateKey);
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe(DocumentStatus.Signed);

    // Disabled, the anchor no longer vouches for anything.
    await admin.post(`/api/signing/trust-anchors/${root.id}/disable`).expect(200);
    const next = await awaiting();
    const untrusted = await external(chairman, next.id, token.chainPem.join('\n'), token.privateKey);
    expect(untrusted.status).toBe(422);
    expect(untrusted.body.message.en).toContain('rule: chain of trust');
    // An administrator may also bind directly, and disable a binding.
    const other = provider.issuePersonal({ fullName: 'Lê Văn Tải', title: 'Phó Chủ tịch', organisation: 'UBND huyện Tuy Đức', pin: '000000' });
    const bound = (await admin.post('/api/signing/certificates').send({ certificatePem: other.certificatePem, ownerType: 'user', ownerId: dir.user('tuyduc.phochutich').id }).expect(201)).body;
    expect(bound).toMatchObject({ status: 'approved' });
    const stolen = await chairman.post('/api/signing/certificates/mine').send({ certificatePem: other.certificatePem }).expect(409);
    expect(stolen.body.code).toBe('CERTIFICATE_BOUND_ELSEWHERE');
    expect((await admin.post(`/api/signing/certificates/${bound.id}/disable`).expect(200)).body.status).toBe('disabled');
  }, 90_000);

  describe('upload-back: the prepared PDF signed elsewhere', () => {
    const fileRows = async (documentId: number): Promise<number> => Number((await db.query('SELECT COUNT(*) AS n FROM document_file WHERE document_id = ?', [documentId]))[0].n);

    it('accepts the prepared bytes plus one signature by a registered certificate; refuses a stranger’s and a changed page, storing nothing', async () => {
      const chairman = await route.as('tuyduc.lanhdao');
      const pki = (await t.app.get(DevAuthorityService).load(db.manager))!;
      const token = pki.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', pin: '000000' });
      await db.transaction((m) => t.app.get(CertificateBindings).bindApproved(m, token.certificate, { ownerType: 'user', ownerId: chairmanId }, null));
      const upload = (id: number, pdf: Buffer) => chairman.post(`/api/outgoing/${id}/sign/upload`).attach('file', pdf, { filename: 'da-ky.pdf', contentType: 'application/pdf' });
      const download = async (id: number) => {
        const response = await chairman.get(`/api/outgoing/${id}/sign/prepared`).buffer(true).parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        }).expect(200);
        expect(response.headers['content-type']).toBe('application/pdf');
        return { bytes: response.body as Buffer, sha256: response.headers['x-prepared-sha256'] as string };
      };
      const appearance = (page: number) => ({ kind: 'personal' as const, page, rect: { x: 330, y: 120, width: 200, height: 110 }, name: 'Nguyễn Văn Hùng' });

      // A stranger's self-signed certificate: a well-formed upload, refused by the acceptance rule.
      const draft = await awaiting();
      const prepared = await download(draft.id);
      const before = await fileRows(draft.id);
      const stranger = strangerSelfSigned();
      const strangerPdf = await signPdf(prepared.bytes, { signer: keySigner(stranger.key, [stranger.chainPem]) });
      const refused = await upload(draft.id, strangerPdf).expect(422);
      expect(refused.body.code).toBe('SIGNATURE_NOT_ACCEPTED');
      expect(refused.body.message.en).toContain('rule: chain of trust');
      expect(await fileRows(draft.id)).toBe(before);
      expect((await chairman.get(`/api/documents/${draft.id}`).expect(200)).body.status).toBe(DocumentStatus.AwaitingSignature);
      expect(await refusals(draft.id)).toEqual([expect.objectContaining({ rule: 'chain', method: 'upload' })]);

      // The registered certificate, but the update also changes the page (its size): refused before any verification.
      const info = await signPdf(prepared.bytes, { signer: openPkcs12(token.p12, '000000'), appearance: appearance(1) });
      const text = info.toString('latin1');
      const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g;
      box.lastIndex = prepared.bytes.length;
      const found = box.exec(text);
      expect(found).not.toBeNull();
      const hostile = Buffer.from(info);
      hostile.write(found![0].replace(`${found![1]} ${found![2]}`, `${found![2]} ${found![1]}`), found!.index, 'latin1');
      const changed = await upload(draft.id, hostile).expect(422);
      expect(changed.body.code).toBe('SIGNED_UPLOAD_REFUSED');
      expect(changed.body.message.en).toContain('The uploaded signed file is refused');
      // Other bytes before the update (not the prepared file) and no signature at all: refused too.
      expect((await upload(draft.id, corpusFile('libreoffice-ke-hoach.pdf')).expect(422)).body.code).toBe('SIGNED_UPLOAD_REFUSED');
      expect((await upload(draft.id, prepared.bytes).expect(422)).body.code).toBe('SIGNED_UPLOAD_REFUSED');
      expect(await fileRows(draft.id)).toBe(before);

      // Signed by the registered certificate (as the VGCA plugin or pdfsig would): accepted as is.
      const signedPdf = await signPdf(prepared.bytes, { signer: openPkcs12(token.p12, '000000'), appearance: appearance(1) });
      const signed: DocumentDetail = (await upload(draft.id, signedPdf).expect(200)).body;
      expect(signed.status).toBe(DocumentStatus.Signed);
      expect(signed.verification?.signatures).toEqual([expect.objectContaining({ signerName: 'Nguyễn Văn Hùng', trusted: true, modifiedAfter: 'none' })]);
      const main = signed.files.find((f) => f.role === 'main')!;
      expect(await route.fileBytes(chairman, draft.id, main.id)).toEqual(signedPdf);
      // Once signed there is nothing to download or upload for it.
      await chairman.get(`/api/outgoing/${draft.id}/sign/prepared`).expect(409);
      expect((await route.issue(draft.id)).status).toBe(DocumentStatus.Issued);
    }, 90_000);
  });

  it('re-runs the verification of an incoming copy on demand, against today’s trust store, and stores it', async () => {
    const sent = await route.dispatched();
    const communeClerk = await route.as('quangtan.vanthu');
    const waiting = (await communeClerk.get('/api/documents').query({ queue: 'to-register' }).expect(200)).body.items as Array<{ id: number; subject: string }>;
    const copyId = waiting.find((d) => d.subject === sent.subject)!.id;
    const copy: DocumentDetail = (await communeClerk.get(`/api/documents/${copyId}`).expect(200)).body;
    const main = copy.files.find((f) => f.role === 'main')!;
    const atReceipt = (await communeClerk.get(`/api/documents/${copyId}/files/${main.id}/verification`).expect(200)).body;
    expect(atReceipt.valid).toBe(true);

    // The administrator withdraws the demo root: verified again, the copy's signatures are no longer trusted.
    const admin = await route.as('admin');
    const demoRoot = ((await admin.get('/api/signing/trust-anchors').expect(200)).body as Array<{ id: number; name: string }>).find((a) => a.name === 'VănThư Demo Root CA')!;
    await admin.post(`/api/signing/trust-anchors/${demoRoot.id}/disable`).expect(200);
    try {
      const again = (await communeClerk.post(`/api/documents/${copyId}/files/${main.id}/verification`).expect(200)).body;
      expect(again.valid).toBe(false);
      expect(again.signatures.map((s: { trusted: boolean }) => s.trusted)).toEqual([false, false]);
      expect(new Date(again.verifiedAt).getTime()).toBeGreaterThan(new Date(atReceipt.verifiedAt).getTime());
      expect((await communeClerk.get(`/api/documents/${copyId}/files/${main.id}/verification`).expect(200)).body).toEqual(again);
      const [audit] = await db.query("SELECT user_id AS userId FROM audit_record WHERE action = 'document.signatures-reverified' AND entity_id = ?", [String(copyId)]);
      expect(Number(audit.userId)).toBe(dir.user('quangtan.vanthu').id);
      // Someone who cannot see the document cannot re-verify it either.
      await (await route.as('dakngo.vanthu')).post(`/api/documents/${copyId}/files/${main.id}/verification`).expect(404);
    } finally {
      const pem = (await db.query('SELECT certificate_pem AS pem FROM trust_anchor WHERE id = ?', [demoRoot.id]))[0].pem;
      await admin.post('/api/signing/trust-anchors').send({ certificatePem: pem }).expect(201);
    }
    const restored = (await communeClerk.post(`/api/documents/${copyId}/files/${main.id}/verification`).expect(200)).body;
    expect(restored.valid).toBe(true);
  }, 90_000);

  it('seals at issue as PAdES B-LT when a time-stamping authority is configured and the revocation data can be had; the file then verifies offline', async () => {
    const pki = (await t.app.get(DevAuthorityService).load(db.manager))!;
    const tsaDir = mkdtempSync(join(tmpdir(), 'tsa-'));
    const tsa = await startTimestampAuthority({ pki, dir: tsaDir });
    const config = t.app.get<AppConfig>(APP_CONFIG);
    config.signing.tsaUrl = tsa.url;
    try {
      const draft = await awaiting();
      await route.sign(draft.id);
      const issued = await route.issue(draft.id);
      expect(issued.verification?.signatures.map((s) => [s.kind, s.level, s.trusted])).toEqual([
        ['personal', 'B-B', true],
        ['organisation', 'B-LT', true],
      ]);
      const main = issued.files.find((f) => f.role === 'main')!;
      const bytes = await route.fileBytes(await route.as('tuyduc.vanthu'), draft.id, main.id);
      expect(bytes.toString('latin1')).toContain('/DSS');
      // Offline, with the root alone (no CRL given, nothing fetched): the DSS answers for revocation.
      const offline = await verifyPdf(bytes, { trustedRoots: [pki.root.certificatePem] });
      expect(offline.signatures[1]).toMatchObject({ level: 'B-LT', trusted: true, revocation: expect.objectContaining({ status: 'good', source: 'embedded-crl' }) });
      expect(offline.signatures[0].revocation.status).toBe('good');
    } finally {
      config.signing.tsaUrl = null;
      await tsa.stop();
      rmSync(tsaDir, { recursive: true, force: true });
    }
  }, 90_000);

  describe('through the service: revocation from a CRL server, expiry', () => {
    it('refuses a revoked certificate (CRL fetched from its distribution point), accepts a good one of the same CA, refuses an expired one', async () => {
      const files = await startFileServer();
      try {
        const pki = createDevPki({ commonName: 'CA thử có CRL', urls: { issuingCrl: `${files.baseUrl}/issuing.crl`, rootCrl: `${files.baseUrl}/root.crl` } });
        files.serve('/issuing.crl', () => pki.crl().der);
        files.serve('/root.crl', () => pki.rootCrl().der);
        await t.app.get(TrustService).addAnchor(db.manager, 'CA thử có CRL', pki.root.certificatePem);
        const bindings = t.app.get(CertificateBindings);
        const acceptance = t.app.get(SignatureAcceptance);
        const context = { userId: chairmanId, organisationId: dir.user('tuyduc.lanhdao').organisationId, ip: null, documentId: 0, method: 'test' };
        const expected = { ownerType: 'user' as const, ownerId: chairmanId };
        const issue = (o: { notBefore?: Date; notAfter?: Date } = {}) => pki.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', pin: '000000', ...o });

        const good = issue();
        await db.transaction((m) => bindings.bindApproved(m, good.certificate, expected, null));
        const verification = await acceptance.accept(db.manager, await signPdf(corpusFile('libreoffice-ke-hoach.pdf'), { signer: openPkcs12(good.p12, '000000') }), expected, context);
        expect(verification.signatures[0]).toMatchObject({ trusted: true, revoked: false, warnings: [] });
        expect(files.requests('/issuing.crl')).toBeGreaterThanOrEqual(1);

        const revoked = issue();
        await db.transaction((m) => bindings.bindApproved(m, revoked.certificate, expected, null));
        pki.revoke(revoked.serial, { reason: 'keyCompromise' });
        t.app.get(SignatureAcceptance)['fetcher'].clear();
        const revokedPdf = await signPdf(corpusFile('libreoffice-ke-hoach.pdf'), { signer: openPkcs12(revoked.p12, '000000') });
        const refusal = await acceptance.accept(db.manager, revokedPdf, expected, context).catch((e: unknown) => e);
        expect(refusal).toBeInstanceOf(SignatureNotAccepted);
        expect((refusal as SignatureNotAccepted).verdict.rule).toBe('revocation');
        expect((refusal as SignatureNotAccepted).text.vi).toContain('đã bị thu hồi');

        const expired = issue({ notBefore: new Date(Date.now() - 300 * DAY), notAfter: new Date(Date.now() - 100 * DAY) });
        await db.transaction((m) => bindings.bindApproved(m, expired.certificate, expected, null));
        const backdated = await signPdf(corpusFile('libreoffice-ke-hoach.pdf'), { signer: keySigner(expired.privateKey, expired.chainPem), signingTime: new Date(Date.now() - 200 * DAY) });
        const late = await acceptance.accept(db.manager, backdated, expected, context).catch((e: unknown) => e);
        expect((late as SignatureNotAccepted).verdict.rule).toBe('validity');
      } finally {
        await files.stop();
      }
    }, 60_000);
  });
});
