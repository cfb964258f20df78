import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createDevPki, DevPki } from './dev-pki';
import { FileServer, freePort, OcspResponder, startFileServer, startOcspResponder } from './services';
import { createSoftHsmToken } from './softhsm';

describe('development PKI: revocation services', () => {
  let dir: string;
  let files: FileServer;
  let ocspPort: number;
  let pki: DevPki;
  let responder: OcspResponder;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dev-pki-revocation-'));
    files = await startFileServer();
    ocspPort = await freePort();
    pki = createDevPki({ urls: { issuingCrl: `${files.baseUrl}/issuing.crl`, rootCrl: `${files.baseUrl}/root.crl`, ocsp: `http://127.0.0.1:${ocspPort}` } });
    files.serve('/issuing.crl', () => pki.crl().der);
    files.serve('/root.crl', () => pki.rootCrl().der);
    responder = await startOcspResponder({ pki, dir, port: ocspPort });
    writeFileSync(join(dir, 'root.pem'), pki.root.certificatePem);
    writeFileSync(join(dir, 'issuing.pem'), pki.issuing.certificatePem);
    writeFileSync(join(dir, 'chain.pem'), pki.issuing.certificatePem + pki.root.certificatePem);
  });

  afterAll(async () => {
    await responder?.stop();
    await files?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const openssl = (...args: string[]) => {
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    return { status: result.status, output: result.stdout + result.stderr };
  };
  const person = (name: string, keyUsage?: Parameters<DevPki['issuePersonal']>[0]['keyUsage']) =>
    pki.issuePersonal({ fullName: name, title: 'Chuyên viên', organisation: 'UBND xã Quảng Tân', pin: '123456', keyUsage });
  const ocspStatus = (certificateFile: string) =>
    openssl('ocsp', '-issuer', 'issuing.pem', '-cert', certificateFile, '-url', responder.url, '-CAfile', 'chain.pem', '-no_nonce').output;

  it('writes the CRL distribution point and the OCSP responder into issued certificates, and the root’s CRL into the issuing CA', () => {
    writeFileSync(join(dir, 'aia.pem'), person('Lê Thị Hoa').certificatePem);
    const leaf = openssl('x509', '-in', 'aia.pem', '-noout', '-ext', 'crlDistributionPoints,authorityInfoAccess').output;
    expect(leaf).toContain(`URI:${files.baseUrl}/issuing.crl`);
    expect(leaf).toContain(`OCSP - URI:http://127.0.0.1:${ocspPort}`);
    const issuing = openssl('x509', '-in', 'issuing.pem', '-noout', '-ext', 'crlDistributionPoints').output;
    expect(issuing).toContain(`URI:${files.baseUrl}/root.crl`);
  });

  it('answers OCSP requests with openssl ocsp: good, then revoked once the PKI revokes the certificate', async () => {
    const credential = person('Trần Văn Bình');
    writeFileSync(join(dir, 'binh.pem'), credential.certificatePem);
    await responder.refresh();
    expect(ocspStatus('binh.pem')).toMatch(/binh\.pem: good[\s\S]*Response verify OK/);
    pki.revoke(credential.serial, { reason: 'keyCompromise' });
    await responder.refresh();
    expect(ocspStatus('binh.pem')).toMatch(/binh\.pem: revoked[\s\S]*Reason: keyCompromise/);
  });

  it('answers unknown for a certificate it never issued', () => {
    const stranger = createDevPki().issuePersonal({ fullName: 'Nguyễn Văn Mạo Danh', title: 'Chủ tịch', organisation: 'UBND tỉnh Đắk Nông', pin: '1' });
    writeFileSync(join(dir, 'stranger.pem'), stranger.certificatePem);
    expect(ocspStatus('stranger.pem')).toMatch(/stranger\.pem: unknown/);
  });

  it('serves CRLs over HTTP that list what the PKI revoked, and OpenSSL rejects a revoked certificate with them', async () => {
    const credential = person('Phạm Văn Cường');
    writeFileSync(join(dir, 'cuong.pem'), credential.certificatePem);
    pki.revoke(credential.serial);
    const crl = Buffer.from(await (await fetch(`${files.baseUrl}/issuing.crl`)).arrayBuffer());
    writeFileSync(join(dir, 'issuing.crl'), crl);
    const rootCrl = Buffer.from(await (await fetch(`${files.baseUrl}/root.crl`)).arrayBuffer());
    writeFileSync(join(dir, 'root.crl'), rootCrl);
    execFileSync('sh', ['-c', 'openssl crl -inform DER -in issuing.crl > crls.pem && openssl crl -inform DER -in root.crl >> crls.pem'], { cwd: dir });
    const verdict = openssl('verify', '-crl_check_all', '-CRLfile', 'crls.pem', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', 'cuong.pem').output;
    expect(verdict).toContain('certificate revoked');
    writeFileSync(join(dir, 'fresh.pem'), person('Võ Thị Dung').certificatePem);
    const fresh = openssl('verify', '-crl_check_all', '-CRLfile', 'crls.pem', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', 'fresh.pem').output;
    expect(fresh).toContain('fresh.pem: OK');
    expect(files.requests('/issuing.crl')).toBeGreaterThan(0);
  });

  it('revokes the issuing CA in the root’s CRL', () => {
    const other = createDevPki({ urls: {} });
    other.revoke(other.issuing.certificate.serialNumber, { reason: 'caCompromise' });
    writeFileSync(join(dir, 'other-root.crl'), other.rootCrl().der);
    const text = openssl('crl', '-inform', 'DER', '-in', 'other-root.crl', '-noout', '-text').output;
    expect(text).toContain(`Serial Number: ${other.issuing.certificate.serialNumber}`);
    expect(text).toContain('CA Compromise');
  });

  it('issues an OCSP responder certificate with the OCSPSigning purpose and ocsp-nocheck', () => {
    writeFileSync(join(dir, 'responder.pem'), pki.issueOcspResponder().certificatePem);
    const text = openssl('x509', '-in', 'responder.pem', '-noout', '-text').output;
    expect(text).toContain('OCSP Signing');
    expect(text).toContain('OCSP No Check');
  });

  it('issues leaf certificates with the key usage asked for', () => {
    writeFileSync(join(dir, 'agreement.pem'), person('Đỗ Văn Em', ['keyAgreement']).certificatePem);
    expect(openssl('x509', '-in', 'agreement.pem', '-noout', '-ext', 'keyUsage').output).toMatch(/critical\s+Key Agreement\s*$/);
  });

  it('creates a SoftHSM2 token in its own folder holding a key, its certificate and the issuing CA', () => {
    const tokenDir = join(dir, 'softhsm');
    const credential = person('Nguyễn Văn Hùng');
    const token = createSoftHsmToken({ dir: tokenDir, tokenLabel: 'Leader token', pin: '246810', keys: [{ label: 'leader', id: '01', credential }] });
    const listing = execFileSync('pkcs11-tool', ['--module', token.module, '--token-label', 'Leader token', '--login', '--pin', '246810', '--list-objects'], { env: token.env, encoding: 'utf8' });
    expect(listing).toMatch(/Private Key Object; RSA[\s\S]*label:\s+leader[\s\S]*ID:\s+01/);
    expect(listing).toMatch(/Certificate Object; type = X\.509 cert\s+label:\s+leader/);
    expect(listing).toMatch(/Certificate Object; type = X\.509 cert\s+label:\s+CA 1/);
  });
});
