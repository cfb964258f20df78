import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { corpus } from '../../test/fixtures';
import { RevocationEnvironment, startRevocationEnvironment } from '../../test/revocation';
import { nssDatabase, pdfsig, qpdfCheck, qpdfDss, run } from '../../test/validators';
import { CertificateRejectedError } from './errors';
import { inspectPdf } from './inspect';
import { addValidationData } from './ltv';
import { signPdf } from './sign';
import { openPkcs12 } from './signers';
import { httpRevocationFetcher } from './trust/revocation';
import { verifyPdf } from './verify';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PAdES B-LT: the DSS makes verification work offline and after the certificate expires', () => {
  let env: RevocationEnvironment;
  let nss: string;
  const fetch = httpRevocationFetcher({ timeoutMs: 2000 });

  beforeAll(async () => {
    env = await startRevocationEnvironment({ tsa: true });
    nss = nssDatabase(join(env.dir, 'nss'), env.pki.root.certificatePem);
    writeFileSync(join(env.dir, 'root.pem'), env.pki.root.certificatePem);
    writeFileSync(join(env.dir, 'issuing.pem'), env.pki.issuing.certificatePem);
    writeFileSync(join(env.dir, 'chain.pem'), env.pki.issuing.certificatePem + env.pki.root.certificatePem);
  });
  afterAll(async () => env?.stop());

  const ltv = (mode: 'hard' | 'soft' = 'hard') => ({ anchors: [env.pki.root.certificate], revocation: { fetch }, mode });
  const roots = () => [env.pki.root.certificate];
  const file = (name: string, bytes: Buffer) => {
    const path = join(env.dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('reports B-B without a time-stamp, B-T with one, and B-LT with the DSS', async () => {
    const signer = openPkcs12((await env.issueLeader()).p12, '123456');
    const input = corpus('pdflib-classic-xref.pdf');
    const bb = await signPdf(input, { signer });
    const bt = await signPdf(input, { signer, timestamp: { url: env.tsa!.url } });
    const blt = await signPdf(input, { signer, timestamp: { url: env.tsa!.url }, ltv: ltv() });
    const levels = await Promise.all([bb, bt, blt].map(async (pdf) => (await verifyPdf(pdf, { trustedRoots: roots() })).signatures[0].level));
    expect(levels).toEqual(['B-B', 'B-T', 'B-LT']);
    // A DSS without a time-stamp is not B-LT: nothing vouches for the time its data speaks for.
    const dssOnly = await signPdf(input, { signer, ltv: ltv() });
    expect((await verifyPdf(dssOnly, { trustedRoots: roots() })).signatures[0]).toMatchObject({ level: 'B-B', revocation: { status: 'good', source: 'embedded-ocsp' } });
  });

  it('signs B-LT, verifies offline once the CRL server and OCSP responder are down and the certificate has expired; B-T alone does not', async () => {
    const lifetimeMs = 12_000;
    const leader = await env.issueLeader({ fullName: 'Nguyễn Thị Ngắn Hạn', notAfter: new Date(Date.now() + lifetimeMs) });
    const signer = openPkcs12(leader.p12, '123456');
    const input = corpus('libreoffice-ke-hoach.pdf');
    const appearance = { kind: 'personal' as const, page: 1, rect: { x: 330, y: 120, width: 200, height: 110 }, name: 'Nguyễn Thị Ngắn Hạn' };
    const blt = await signPdf(input, { signer, appearance, timestamp: { url: env.tsa!.url }, ltv: ltv() });
    const bt = await signPdf(input, { signer, appearance, timestamp: { url: env.tsa!.url } });
    expect(inspectPdf(blt).incrementalUpdates).toBe(inspectPdf(input).incrementalUpdates + 2);

    // The DSS as qpdf reads it: the chain, the OCSP responses and CRLs, each checked by OpenSSL.
    const path = file('blt.pdf', blt);
    expect(qpdfCheck(path).clean).toBe(true);
    const dss = qpdfDss(path);
    expect(dss).not.toBeNull();
    expect(dss!.certificates.map((c) => run('openssl', ['x509', '-inform', 'DER', '-noout', '-subject'], { input: c }).stdout)).toEqual(
      expect.arrayContaining([expect.stringContaining('Nguy'), expect.stringContaining('Issuing CA'), expect.stringContaining('Root CA'), expect.stringContaining('Time-Stamping')]),
    );
    expect(dss!.ocspResponses.length).toBeGreaterThanOrEqual(2); // the signer's and the time-stamping authority's
    file('leader.pem', Buffer.from(leader.certificatePem));
    const ocspVerdicts = dss!.ocspResponses.map((response, i) => {
      file(`dss-${i}.ocsp`, response);
      const check = run('openssl', ['ocsp', '-respin', `dss-${i}.ocsp`, '-issuer', 'issuing.pem', '-cert', 'leader.pem', '-CAfile', 'chain.pem'], { cwd: env.dir });
      return check.stdout + check.stderr;
    });
    expect(ocspVerdicts.some((v) => /Response verify OK/.test(v) && /leader\.pem: good/.test(v))).toBe(true);
    expect(dss!.crls.length).toBeGreaterThanOrEqual(1); // the root's CRL for the issuing CA
    for (const [i, crl] of dss!.crls.entries()) {
      file(`dss-${i}.crl`, crl);
      expect(run('openssl', ['crl', '-inform', 'DER', '-in', `dss-${i}.crl`, '-CAfile', 'chain.pem', '-noout'], { cwd: env.dir }).stderr).toContain('verify OK');
    }
    // poppler still finds the signature valid; the DSS update is after it.
    expect(pdfsig(path, nss)[0]).toMatchObject({ signatureValid: true, totalDocumentSigned: false });

    const online = (await verifyPdf(blt, { trustedRoots: roots(), revocationMode: 'hard' })).signatures[0];
    expect(online).toMatchObject({ level: 'B-LT', validationTimeSource: 'timestamp', revocation: { status: 'good', source: 'embedded-ocsp' } });

    // Servers down, then the certificate expires.
    await env.responder.stop();
    await env.files.stop();
    const wait = new Date(leader.certificate.validTo).getTime() + 1500 - Date.now();
    if (wait > 0) await sleep(wait);
    expect(Date.now()).toBeGreaterThan(new Date(leader.certificate.validTo).getTime());

    const offline = await verifyPdf(blt, { trustedRoots: roots(), revocationMode: 'hard', fetch });
    expect(offline.valid).toBe(true);
    expect(offline.signatures[0]).toMatchObject({ level: 'B-LT', validAtSigningTime: true, revoked: false, revocation: { status: 'good', source: 'embedded-ocsp' }, warnings: [] });
    // Years later, past every CRL's nextUpdate and the authority's own expiry: still the data of the signing time.
    const later = await verifyPdf(blt, { trustedRoots: roots(), revocationMode: 'hard', at: new Date(Date.now() + 5 * 365 * 86_400_000) });
    expect(later.signatures[0]).toMatchObject({ level: 'B-LT', revocation: { status: 'good' } });
    expect(later.valid).toBe(true);

    // The same signature without a DSS: its revocation status can no longer be learnt.
    const btHard = await verifyPdf(bt, { trustedRoots: roots(), revocationMode: 'hard', fetch });
    expect(btHard.valid).toBe(false);
    expect(btHard.signatures[0]).toMatchObject({ level: null, revocation: { status: 'unknown' } });
    const btSoft = await verifyPdf(bt, { trustedRoots: roots(), revocationMode: 'soft', fetch });
    expect(btSoft.valid).toBe(true);
    expect(btSoft.signatures[0].level).toBe('B-T');
    expect(btSoft.signatures[0].warnings.length).toBeGreaterThan(0);

    // Restore the services for the tests after this one.
    const restarted = await startRevocationEnvironment({ tsa: true });
    await env.stop();
    env = restarted;
    nss = nssDatabase(join(env.dir, 'nss'), env.pki.root.certificatePem);
    writeFileSync(join(env.dir, 'chain.pem'), env.pki.issuing.certificatePem + env.pki.root.certificatePem);
  });

  it('adds validation data to a signed and sealed document (the seal at issue time): both B-LT, both still valid for pdfsig', async () => {
    const leader = openPkcs12((await env.issueLeader()).p12, '123456');
    const organisationCredential = env.pki.issueOrganisation({ name: 'Ủy ban nhân dân huyện Tuy Đức', pin: '654321' });
    await env.responder.refresh();
    const organisation = openPkcs12(organisationCredential.p12, '654321');
    const signed = await signPdf(corpus('chromium-thong-bao.pdf'), { signer: leader, timestamp: { url: env.tsa!.url } });
    const sealed = await signPdf(signed, { signer: organisation, timestamp: { url: env.tsa!.url } });
    const before = await verifyPdf(sealed, { trustedRoots: roots() });
    expect(before.signatures.map((s) => s.level)).toEqual(['B-T', 'B-T']);

    const { pdf, validations } = await addValidationData(sealed, ltv());
    expect(validations.map((v) => v.valid)).toEqual([true, true, true, true]); // two signers, two time-stamps
    expect(pdf.subarray(0, sealed.length).equals(sealed)).toBe(true);
    const after = await verifyPdf(pdf, { trustedRoots: roots(), revocationMode: 'hard' });
    expect(after.valid).toBe(true);
    expect(after.signatures.map((s) => s.level)).toEqual(['B-LT', 'B-LT']);
    const path = file('sealed-blt.pdf', pdf);
    expect(qpdfCheck(path).clean).toBe(true);
    expect(pdfsig(path, nss).map((s) => s.signatureValid)).toEqual([true, true]);

    // A second pass keeps what the DSS holds, adds the fresh responses, and repeats no certificate.
    // The dev responder's times are whole seconds: within the same second it would answer the very
    // same bytes, so the pass starts in the next second (as a later pass in real life would).
    await new Promise((resolve) => setTimeout(resolve, 1_010 - (Date.now() % 1_000)));
    const again = (await addValidationData(pdf, ltv())).pdf;
    const first = qpdfDss(path)!;
    const second = qpdfDss(file('sealed-blt-again.pdf', again))!;
    expect(second.certificates).toHaveLength(first.certificates.length);
    expect(second.ocspResponses.length).toBeGreaterThan(first.ocspResponses.length);
    expect(first.ocspResponses.every((r) => second.ocspResponses.some((s) => s.equals(r)))).toBe(true);
  });

  it('refuses to sign in hard mode with a revoked certificate, or when revocation cannot be learnt; soft mode signs without the data', async () => {
    const credential = await env.issueLeader({ fullName: 'Trần Văn Bị Thu Hồi' });
    env.pki.revoke(credential.serial, { reason: 'keyCompromise' });
    await env.responder.refresh();
    const signer = openPkcs12(credential.p12, '123456');
    await expect(signPdf(corpus('pdflib-classic-xref.pdf'), { signer, ltv: ltv() })).rejects.toMatchObject({ code: 'CERTIFICATE_REVOKED', rule: 'revocation' });

    const fine = openPkcs12((await env.issueLeader()).p12, '123456');
    const unreachable = { anchors: [env.pki.root.certificate], revocation: { fetch: () => Promise.reject(new Error('ECONNREFUSED')) } };
    const refused = signPdf(corpus('pdflib-classic-xref.pdf'), { signer: fine, ltv: { ...unreachable, mode: 'hard' } });
    await expect(refused).rejects.toBeInstanceOf(CertificateRejectedError);
    await expect(refused).rejects.toMatchObject({ code: 'REVOCATION_UNKNOWN' });
    const soft = await signPdf(corpus('pdflib-classic-xref.pdf'), { signer: fine, timestamp: { url: env.tsa!.url }, ltv: { ...unreachable, mode: 'soft' } });
    const report = (await verifyPdf(soft, { trustedRoots: roots() })).signatures[0];
    expect(report).toMatchObject({ level: 'B-T', revocation: { status: 'unknown' } });
  });
});
