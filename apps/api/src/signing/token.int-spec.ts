/**
 * @jest-environment <rootDir>/../../libs/pdf-signing/test/node-environment.js
 */
// That environment adds setProcessEnv: SoftHSM2, a native module, reads SOFTHSM2_CONF with getenv
// from the worker's real environment, of which a test file sees only a copy.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { createSoftHsmToken, SoftHsmToken } from '@vanthu/dev-pki/testing';
import { openPkcs11, Pkcs11Signer, signPdf, verifyPdf } from '@vanthu/pdf-signing';
import { DevAuthorityService } from '@vanthu/server/signing';
import { DocumentDetail, DocumentStatus } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';
import TestAgent from 'supertest/lib/agent';

import { startTestApp, TestApp } from '../../test/harness';
import { Directory, pdfsig, Route } from '../../test/routing';

declare const setProcessEnv: (name: string, value: string | undefined) => void;

const run = promisify(execFile);
const DAY = 86_400_000;
const TOKEN_PIN = '246810';

type DevPki = NonNullable<Awaited<ReturnType<DevAuthorityService['load']>>>;

/** `qpdf --check`: its exit code and what it printed (exit 0 means no errors, 3 warnings only). */
async function qpdfCheck(pdf: Buffer): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-qpdf-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    const { stdout } = await run('qpdf', ['--check', join(dir, 'doc.pdf')]);
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a leader’s own token certificate (real MariaDB, real signatures)', () => {
  let t: TestApp;
  let dir: Directory;
  let route: Route;
  let db: DataSource;
  let pki: DevPki;
  let chairmanId: number;

  beforeAll(async () => {
    t = await startTestApp('token', { signing: 'rsa' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    db = t.app.get(DataSource);
    pki = (await t.app.get(DevAuthorityService).load(db.manager))!;
    chairmanId = dir.user('tuyduc.lanhdao').id;
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const registrations = async (): Promise<number> => Number((await db.query('SELECT COUNT(*) AS n FROM certificate_binding')).at(0).n);
  const personal = (o: Partial<Parameters<DevPki['issuePersonal']>[0]> = {}) =>
    pki.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', pin: '000000', ...o });
  const registerFile = (agent: TestAgent, bytes: Buffer, name: string) => agent.post('/api/signing/certificates/mine').attach('certificate', bytes, name);

  describe('registering my certificate (POST /signing/certificates/mine)', () => {
    it('accepts a DER file and PEM text, each pending until the administrator approves it; refuses the same one again', async () => {
      const chairman = await route.as('tuyduc.lanhdao');
      const admin = await route.as('admin');
      const der = personal();
      const fromDer = (await registerFile(chairman, der.certificate.raw, 'token.cer').expect(201)).body;
      expect(fromDer).toMatchObject({ status: 'pending', ownerId: chairmanId, serialNumber: der.certificate.serialNumber, fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const pem = personal();
      const fromPem = (await chairman.post('/api/signing/certificates/mine').send({ certificatePem: pem.certificatePem }).expect(201)).body;
      expect(fromPem.status).toBe('pending');
      const mine = (await chairman.get('/api/signing/certificates/mine').expect(200)).body as Array<{ id: number; status: string }>;
      // Newest first, after the binding of the key the demo gave him on the server.
      expect(mine.slice(0, 2).map((b) => b.id)).toEqual([fromPem.id, fromDer.id]);

      const again = await registerFile(chairman, Buffer.from(der.certificatePem), 'token.pem').expect(409);
      expect(again.body.code).toBe('CERTIFICATE_ALREADY_REGISTERED');
      expect(again.body.message.vi).toContain('đang chờ quản trị phê duyệt');
      await admin.post(`/api/signing/certificates/${fromDer.id}/approve`).expect(200);
      const approvedAgain = await registerFile(chairman, der.certificate.raw, 'token.der').expect(409);
      expect(approvedAgain.body.message.en).toBe('This certificate is already registered to you and approved.');
      const audited = await db.query("SELECT COUNT(*) AS n FROM audit_record WHERE action = 'certificate.registered' AND user_id = ?", [chairmanId]);
      expect(Number(audited[0].n)).toBe(2);
    });

    it('refuses, naming why and storing nothing: not a certificate, a CA’s, expired, not yet valid, not for signing, someone else’s', async () => {
      const chairman = await route.as('tuyduc.lanhdao');
      const before = await registrations();
      const refusal = async (request: Promise<{ status: number; body: { code: string; message: { vi: string; en: string } } }>, status: number, code: string) => {
        const response = await request;
        expect([response.status, response.body.code]).toEqual([status, code]);
        expect(response.body.message.vi).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
        expect(response.body.message.en.length).toBeGreaterThan(10);
        return response.body.message;
      };

      expect((await refusal(registerFile(chairman, Buffer.from('%PDF-1.7 không phải chứng thư'), 'van-ban.cer'), 422, 'INVALID_TRUST_CERTIFICATE')).en).toContain('not a readable X.509 certificate');
      expect((await refusal(registerFile(chairman, pki.issuing.certificate.raw, 'ca.der'), 422, 'INVALID_TRUST_CERTIFICATE')).en).toContain('not a signing certificate');
      const expired = personal({ notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 30 * DAY) });
      expect((await refusal(registerFile(chairman, expired.certificate.raw, 'cu.cer'), 422, 'CERTIFICATE_EXPIRED')).vi).toContain('Chứng thư số đã hết hạn ngày');
      const future = personal({ notBefore: new Date(Date.now() + 10 * DAY), notAfter: new Date(Date.now() + 400 * DAY) });
      expect((await refusal(registerFile(chairman, future.certificate.raw, 'moi.cer'), 422, 'CERTIFICATE_NOT_YET_VALID')).vi).toContain('chỉ có hiệu lực từ ngày');
      const encipherment = personal({ keyUsage: 'encipherment-only' });
      expect((await refusal(registerFile(chairman, encipherment.certificate.raw, 'ma-hoa.cer'), 422, 'CERTIFICATE_USAGE')).en).toContain('not issued for digital signatures');
      const vice = personal({ fullName: 'Lê Văn Tải', title: 'Phó Chủ tịch' });
      await (await route.as('tuyduc.phochutich')).post('/api/signing/certificates/mine').attach('certificate', vice.certificate.raw, 'pct.cer').expect(201);
      expect((await refusal(registerFile(chairman, vice.certificate.raw, 'pct.cer'), 409, 'CERTIFICATE_BOUND_ELSEWHERE')).vi).toContain('người hoặc đơn vị khác');

      expect(await registrations()).toBe(before + 1);
      // Who cannot sign cannot register either.
      await (await route.as('tuyduc.vanthu')).post('/api/signing/certificates/mine').attach('certificate', personal().certificate.raw, 'x.cer').expect(403);
    });

    it('an administrator’s direct binding meets the same refusals: expired, not yet valid, not for signing, a CA’s; a good one binds approved', async () => {
      const admin = await route.as('admin');
      const bind = (certificatePem: string) => admin.post('/api/signing/certificates').send({ certificatePem, ownerType: 'user', ownerId: chairmanId });
      const before = await registrations();
      const expired = personal({ notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
      const future = personal({ notBefore: new Date(Date.now() + 3 * DAY), notAfter: new Date(Date.now() + 400 * DAY) });
      const encipherment = personal({ keyUsage: 'encipherment-only' });
      const answers = await Promise.all([bind(expired.certificatePem), bind(future.certificatePem), bind(encipherment.certificatePem), bind(pki.issuing.certificatePem)]);
      expect(answers.map((a) => [a.status, a.body.code])).toEqual([
        [422, 'CERTIFICATE_EXPIRED'],
        [422, 'CERTIFICATE_NOT_YET_VALID'],
        [422, 'CERTIFICATE_USAGE'],
        [422, 'INVALID_TRUST_CERTIFICATE'],
      ]);
      expect(answers[0].body.message.vi).toContain('Chứng thư số đã hết hạn ngày');
      expect(await registrations()).toBe(before);

      const good = personal();
      expect((await bind(good.certificatePem).expect(201)).body).toMatchObject({ status: 'approved', ownerId: chairmanId });
      expect(await registrations()).toBe(before + 1);
    });
  });

  describe('upload-back with a SoftHSM2 token: the prepared PDF signed by PKCS#11 outside the server', () => {
    let workDir: string;
    let token: SoftHsmToken;
    const signers: Pkcs11Signer[] = [];

    beforeAll(() => {
      workDir = mkdtempSync(join(tmpdir(), 'vanthu-token-'));
      const registered = personal();
      const stranger = personal({ fullName: 'Nguyễn Văn Mạo Danh' });
      token = createSoftHsmToken({
        dir: join(workDir, 'softhsm'),
        tokenLabel: 'Token Chu tich',
        pin: TOKEN_PIN,
        keys: [
          { label: 'chu-tich', id: '01', credential: registered },
          { label: 'khong-dang-ky', id: '02', credential: stranger },
        ],
      });
      // The PKCS#11 module reads its configuration from the environment when it is loaded.
      setProcessEnv('SOFTHSM2_CONF', token.conf);
    });
    afterAll(async () => {
      for (const signer of signers) await signer.close();
      setProcessEnv('SOFTHSM2_CONF', undefined);
      rmSync(workDir, { recursive: true, force: true });
    });

    const openKey = async (keyLabel: string) => {
      const signer = await openPkcs11({ module: token.module, tokenLabel: 'Token Chu tich', keyLabel, pin: TOKEN_PIN });
      signers.push(signer);
      return signer;
    };
    const download = async (agent: TestAgent, id: number) =>
      (
        await agent
          .get(`/api/outgoing/${id}/sign/prepared`)
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          })
          .expect(200)
      ).body as Buffer;
    const upload = (agent: TestAgent, id: number, pdf: Buffer) => agent.post(`/api/outgoing/${id}/sign/upload`).attach('file', pdf, { filename: 'da-ky.pdf', contentType: 'application/pdf' });
    const fileRows = async (documentId: number): Promise<number> => Number((await db.query('SELECT COUNT(*) AS n FROM document_file WHERE document_id = ?', [documentId]))[0].n);

    it('accepts the token’s signature once its certificate is registered and approved; pdfsig, qpdf and our verifier agree', async () => {
      const chairman = await route.as('tuyduc.lanhdao');
      const admin = await route.as('admin');
      const key = await openKey('chu-tich');
      // The leader registers the certificate read from the token itself; the administrator approves.
      const registered = (await registerFile(chairman, key.certificateChain[0].raw, 'token.cer').expect(201)).body;
      await admin.post(`/api/signing/certificates/${registered.id}/approve`).expect(200);

      const draft = await route.draft({ file: 'generate' });
      await route.approve(draft.id);
      const prepared = await download(chairman, draft.id);
      const signedPdf = await signPdf(prepared, {
        signer: key,
        appearance: { kind: 'personal', page: 1, rect: { x: 330, y: 120, width: 200, height: 110 }, name: 'Nguyễn Văn Hùng' },
      });
      const signed: DocumentDetail = (await upload(chairman, draft.id, signedPdf).expect(200)).body;
      expect(signed.status).toBe(DocumentStatus.Signed);
      expect(signed.verification?.signatures).toEqual([expect.objectContaining({ signerName: 'Nguyễn Văn Hùng', trusted: true, modifiedAfter: 'none' })]);

      const main = signed.files.find((f) => f.role === 'main')!;
      const stored = await route.fileBytes(chairman, draft.id, main.id);
      expect(stored).toEqual(signedPdf);
      const verdict = await pdfsig(stored, pki.root.certificatePem);
      expect(verdict).toContain('Signature Validation: Signature is Valid.');
      expect(verdict).toContain('Certificate Validation: Certificate is Trusted.');
      expect(verdict).toContain('Nguyễn Văn Hùng');
      const qpdf = await qpdfCheck(stored);
      expect(qpdf.code).toBe(0);
      expect(qpdf.output).toContain('No syntax or stream encoding errors found');
      const ours = await verifyPdf(stored, { trustedRoots: [pki.root.certificatePem] });
      expect(ours.valid).toBe(true);
      expect(ours.signatures).toEqual([expect.objectContaining({ integrity: true, cryptographicallyValid: true, trusted: true, subFilter: 'ETSI.CAdES.detached' })]);
      expect(ours.signatures[0].signer.commonName).toBe('Nguyễn Văn Hùng');
      expect(ours.signatures[0].serial).toBe(key.certificateChain[0].serialNumber);
    }, 120_000);

    it('refuses the same token’s other key, whose certificate nobody registered, and stores nothing', async () => {
      const chairman = await route.as('tuyduc.lanhdao');
      const key = await openKey('khong-dang-ky');
      const draft = await route.draft({ file: 'generate' });
      await route.approve(draft.id);
      const before = await fileRows(draft.id);
      const prepared = await download(chairman, draft.id);
      const signedPdf = await signPdf(prepared, { signer: key });
      // Cryptographically sound and chained to the trusted root: only the registration is missing.
      expect((await verifyPdf(signedPdf, { trustedRoots: [pki.root.certificatePem] })).signatures[0]).toMatchObject({ cryptographicallyValid: true, trusted: true });

      const refused = await upload(chairman, draft.id, signedPdf).expect(422);
      expect(refused.body.code).toBe('SIGNATURE_NOT_ACCEPTED');
      expect(refused.body.message.vi).toContain('chưa được đăng ký');
      expect(await fileRows(draft.id)).toBe(before);
      const after: DocumentDetail = (await chairman.get(`/api/documents/${draft.id}`).expect(200)).body;
      expect(after.status).toBe(DocumentStatus.AwaitingSignature);
      expect(after.files.every((f) => f.signatureCount === 0)).toBe(true);
    }, 120_000);
  });
});
