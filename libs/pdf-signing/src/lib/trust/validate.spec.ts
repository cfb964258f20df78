import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createDevPki } from '@vanthu/dev-pki';
import { freePort, startFileServer, startOcspResponder } from '@vanthu/dev-pki/testing';

import { startRevocationEnvironment, RevocationEnvironment } from '../../../test/revocation';
import { run } from '../../../test/validators';
import { CertificateRejectedError } from '../errors';
import { httpRevocationFetcher } from './revocation';
import { certificateRejection, validateCertificate } from './validate';

const DAY = 86_400_000;

describe('validateCertificate: path, validity, key usage and revocation (CRL and OCSP)', () => {
  let env: RevocationEnvironment;
  const fetch = httpRevocationFetcher({ timeoutMs: 2000 });

  beforeAll(async () => {
    env = await startRevocationEnvironment();
    writeFileSync(join(env.dir, 'issuing.pem'), env.pki.issuing.certificatePem);
    writeFileSync(join(env.dir, 'chain.pem'), env.pki.issuing.certificatePem + env.pki.root.certificatePem);
  });
  afterAll(async () => env?.stop());

  const options = (extra: Partial<Parameters<typeof validateCertificate>[1]> = {}) => ({
    anchors: [env.pki.root.certificate],
    intermediates: [env.pki.issuing.certificate],
    revocation: { fetch },
    mode: 'hard' as const,
    ...extra,
  });

  it('accepts a valid certificate: path to the anchor, OCSP good for the leaf, the root’s CRL good for the issuing CA', async () => {
    const leader = await env.issueLeader();
    const result = await validateCertificate(leader.certificate, options());
    expect(result).toMatchObject({ valid: true, failedRule: null, checks: { chain: true, validity: true, keyUsage: true, revocation: 'good' } });
    expect(result.path.map((c) => c.subject)).toEqual([leader.certificate.subject, env.pki.issuing.certificate.subject, env.pki.root.certificate.subject]);
    expect(result.revocation.source).toBe('ocsp');
    expect(result.revocation.certificates.map((c) => c.source)).toEqual(['ocsp', 'crl']);
    expect(result.evidence.ocspResponses).toHaveLength(1);
    expect(result.evidence.crls).toHaveLength(1);
    expect(result.evidence.certificates.length).toBeGreaterThanOrEqual(3);
    expect(certificateRejection(result)).toBeNull();

    // The OCSP response kept as evidence, checked by OpenSSL.
    writeFileSync(join(env.dir, 'evidence.ocsp'), result.evidence.ocspResponses[0]);
    writeFileSync(join(env.dir, 'leader.pem'), leader.certificatePem);
    const check = run('openssl', ['ocsp', '-respin', 'evidence.ocsp', '-issuer', 'issuing.pem', '-cert', 'leader.pem', '-CAfile', 'chain.pem'], { cwd: env.dir });
    expect(check.stdout + check.stderr).toMatch(/Response verify OK[\s\S]*leader\.pem: good|leader\.pem: good[\s\S]*Response verify OK/);
  });

  it('uses the CRL distribution point when asked to prefer CRLs', async () => {
    const leader = await env.issueLeader();
    const result = await validateCertificate(leader.certificate, options({ revocation: { fetch, prefer: 'crl' } }));
    expect(result.valid).toBe(true);
    expect(result.revocation.source).toBe('crl');
    expect(result.evidence.ocspResponses).toHaveLength(0);
  });

  it('refuses a revoked certificate, by OCSP and by CRL, with the revocation date and reason', async () => {
    const leader = await env.issueLeader({ fullName: 'Trần Văn Thu Hồi' });
    env.pki.revoke(leader.serial, { at: new Date(Date.now() - 60_000), reason: 'keyCompromise' });
    await env.responder.refresh();
    for (const prefer of ['ocsp', 'crl'] as const) {
      const result = await validateCertificate(leader.certificate, options({ revocation: { fetch, prefer } }));
      expect(result).toMatchObject({ valid: false, failedRule: 'revocation', checks: { revocation: 'revoked' } });
      expect(result.revocation).toMatchObject({ status: 'revoked', source: prefer, reason: 'keyCompromise' });
      const error = certificateRejection(result);
      expect(error).toBeInstanceOf(CertificateRejectedError);
      expect(error).toMatchObject({ code: 'CERTIFICATE_REVOKED', rule: 'revocation' });
      expect(error?.text.vi).toContain('đã bị thu hồi');
    }
    // Validated at a time before the revocation, the certificate was good then.
    const before = await validateCertificate(leader.certificate, options({ at: new Date(Date.now() - 3_600_000) }));
    expect(before.checks.revocation).toBe('good');
    expect(before.revocation.revokedAt).not.toBeNull();
  });

  it('refuses an expired certificate (validity); at a time within its validity, revocation data issued after it expired proves nothing', async () => {
    const leader = await env.issueLeader({ fullName: 'Lê Văn Hết Hạn', notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
    const now = await validateCertificate(leader.certificate, options());
    expect(now).toMatchObject({ valid: false, failedRule: 'validity', checks: { chain: true, validity: false } });
    expect(certificateRejection(now)).toMatchObject({ code: 'CERTIFICATE_OUTSIDE_VALIDITY' });
    expect(now.problems[0].vi).toContain('đã hết hạn');
    // CAs may drop expired certificates from their CRLs: only data captured while it was valid (a DSS) can speak for that time.
    const then = await validateCertificate(leader.certificate, options({ at: new Date(Date.now() - 2 * DAY), revocation: { fetch, graceMs: 3 * DAY } }));
    expect(then).toMatchObject({ valid: false, failedRule: 'revocation', checks: { chain: true, validity: true, revocation: 'unknown' } });
    expect(then.revocation.certificates[0].attempts.join('\n')).toContain('not current');
  });

  it('refuses a certificate of an unknown issuer, and a self-signed one in a stranger’s name', async () => {
    const stranger = createDevPki().issuePersonal({ fullName: 'Nguyễn Văn Mạo Danh', title: 'Chủ tịch UBND tỉnh', organisation: 'UBND tỉnh Đắk Nông', pin: '1' });
    const otherChain = await validateCertificate(stranger.certificate, options({ intermediates: [env.pki.issuing.certificate, ...stranger.chainPem.slice(1)] }));
    expect(otherChain).toMatchObject({ valid: false, failedRule: 'chain', checks: { chain: false } });
    expect(certificateRejection(otherChain)).toMatchObject({ code: 'CERTIFICATE_UNTRUSTED', rule: 'chain' });
    expect(otherChain.problems[0].en).toContain('does not chain up to a configured trust anchor');

    run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self.key', '-out', 'self.pem', '-days', '30', '-subj', '/C=VN/O=UBND tỉnh Đắk Nông/CN=Nguyễn Văn Mạo Danh', '-utf8'], { cwd: env.dir });
    const selfSigned = new X509Certificate(run('cat', [join(env.dir, 'self.pem')]).stdout);
    const result = await validateCertificate(selfSigned, options());
    expect(result).toMatchObject({ valid: false, failedRule: 'chain' });
  });

  it('refuses a certificate whose key usage does not allow signatures', async () => {
    const encipherment = await env.issueLeader({ fullName: 'Phạm Thị Mã Hóa', keyUsage: 'encipherment-only' });
    const result = await validateCertificate(encipherment.certificate, options());
    expect(result).toMatchObject({ valid: false, failedRule: 'key-usage', checks: { chain: true, validity: true, keyUsage: false } });
    expect(certificateRejection(result)).toMatchObject({ code: 'CERTIFICATE_USAGE' });
  });

  it('answers from data at hand without fetching (offline), and refuses a CRL signed by another CA of the same name', async () => {
    const leader = await env.issueLeader();
    const crl = env.pki.crl().der;
    const rootCrl = env.pki.rootCrl().der;
    const offline = await validateCertificate(leader.certificate, options({ revocation: { crls: [crl, rootCrl] } }));
    expect(offline).toMatchObject({ valid: true, revocation: { status: 'good', source: 'embedded-crl' } });

    // Every development PKI's issuing CA has the same name: only the signature tells them apart.
    const impostor = createDevPki();
    const forged = await validateCertificate(leader.certificate, options({ revocation: { crls: [impostor.crl().der, rootCrl] } }));
    expect(forged).toMatchObject({ valid: false, failedRule: 'revocation', checks: { revocation: 'unknown' } });
    expect(forged.revocation.certificates[0].attempts.join('\n')).toContain('signature does not verify');
  });

  it('does not take a CRL past its nextUpdate as current', async () => {
    const leader = await env.issueLeader();
    const stale = env.pki.crl({ thisUpdate: new Date(Date.now() - 30 * DAY), nextUpdate: new Date(Date.now() - 20 * DAY) }).der;
    const result = await validateCertificate(leader.certificate, options({ revocation: { crls: [stale, env.pki.rootCrl().der] } }));
    expect(result.checks.revocation).toBe('unknown');
    expect(result.revocation.certificates[0].attempts.join('\n')).toContain('not current');
  });

  it('when the responders are down: unknown, refused in hard mode, accepted with a warning in soft mode', async () => {
    // A second PKI whose CRL server and OCSP responder answer, then stop.
    const files = await startFileServer();
    const port = await freePort();
    const pki = createDevPki({ urls: { issuingCrl: `${files.baseUrl}/down.crl`, rootCrl: `${files.baseUrl}/down-root.crl`, ocsp: `http://127.0.0.1:${port}` } });
    files.serve('/down.crl', () => pki.crl().der);
    files.serve('/down-root.crl', () => pki.rootCrl().der);
    const leader = pki.issuePersonal({ fullName: 'Hoàng Văn Mất Kết Nối', title: 'Phó Chủ tịch', organisation: 'UBND xã Đắk Búk So', pin: '1' });
    const responder = await startOcspResponder({ pki, dir: env.dir, port });
    const base = { anchors: [pki.root.certificate], intermediates: [pki.issuing.certificate], revocation: { fetch } };
    try {
      expect((await validateCertificate(leader.certificate, { ...base, mode: 'hard' })).valid).toBe(true);
    } finally {
      await responder.stop();
      await files.stop();
    }
    const hard = await validateCertificate(leader.certificate, { ...base, mode: 'hard' });
    expect(hard).toMatchObject({ valid: false, failedRule: 'revocation', checks: { revocation: 'unknown' } });
    expect(certificateRejection(hard)).toMatchObject({ code: 'REVOCATION_UNKNOWN' });
    expect(hard.revocation.certificates[0].attempts.join('\n')).toMatch(/OCSP http:\/\/127\.0\.0\.1:\d+: [\s\S]*CRL http:\/\/127\.0\.0\.1:\d+\/down\.crl: /);
    const soft = await validateCertificate(leader.certificate, { ...base, mode: 'soft' });
    expect(soft).toMatchObject({ valid: true, failedRule: null, checks: { revocation: 'unknown' } });
    expect(soft.warnings[0].vi).toContain('Cảnh báo');
  });
});
