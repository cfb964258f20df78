import { execFileSync } from 'node:child_process';
import { constants, createPrivateKey, KeyObject, privateEncrypt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createDevPki } from '@vanthu/dev-pki';
import { startFileServer } from '@vanthu/dev-pki/testing';
import { keySigner, openPkcs12, signPdf } from '@vanthu/pdf-signing';
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
    t = await startTestApp('acceptance', { signing: 'rsa' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    db = t.app.get(DataSource);
    chairmanId = dir.user('tuyduc.lanhdao').id;
  }, 180_000);
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
