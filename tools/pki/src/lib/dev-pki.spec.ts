import { execFileSync, spawnSync } from 'node:child_process';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import forge from 'node-forge';

import { createDevPki, DevPki, exportDevPki, importDevPki } from './dev-pki';

describe('development PKI', () => {
  let pki: DevPki;
  let dir: string;

  beforeAll(() => {
    pki = createDevPki();
    dir = mkdtempSync(join(tmpdir(), 'dev-pki-'));
    writeFileSync(join(dir, 'root.pem'), pki.root.certificatePem);
    writeFileSync(join(dir, 'issuing.pem'), pki.issuing.certificatePem);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  const leader = () =>
    pki.issuePersonal({
      fullName: 'Nguyễn Văn Hùng',
      title: 'Chủ tịch UBND huyện',
      organisation: 'UBND huyện Tuy Đức',
      province: 'Đắk Nông',
      locality: 'Tuy Đức',
      uid: 'CCCD:067085001234',
      email: 'hung.nv@tuyduc.example.vn',
      pin: '123456',
    });

  it('issues a personal certificate that OpenSSL verifies up to the root', () => {
    const person = leader();
    writeFileSync(join(dir, 'person.pem'), person.certificatePem);
    expect(openssl('verify', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', 'person.pem')).toContain('person.pem: OK');
  });

  it('writes the subject in UTF-8 with the Vietnamese attributes real CAs use', () => {
    const person = leader();
    writeFileSync(join(dir, 'subject.pem'), person.certificatePem);
    const subject = openssl('x509', '-in', 'subject.pem', '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus');
    expect(subject.trim()).toBe(
      'subject=C=VN,ST=Đắk Nông,L=Tuy Đức,O=UBND huyện Tuy Đức,title=Chủ tịch UBND huyện,CN=Nguyễn Văn Hùng,UID=CCCD:067085001234,emailAddress=hung.nv@tuyduc.example.vn',
    );
  });

  it('gives personal certificates digitalSignature and nonRepudiation, and e-mail/document signing purposes', () => {
    writeFileSync(join(dir, 'usage.pem'), leader().certificatePem);
    const text = openssl('x509', '-in', 'usage.pem', '-noout', '-ext', 'keyUsage,extendedKeyUsage,basicConstraints');
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/E-mail Protection, 1\.3\.6\.1\.5\.5\.7\.3\.36/);
    expect(text).toContain('CA:FALSE');
  });

  it('writes a PKCS#12 that OpenSSL opens with the PIN and refuses with another', () => {
    const person = leader();
    writeFileSync(join(dir, 'person.p12'), person.p12);
    const opened = spawnSync('openssl', ['pkcs12', '-in', 'person.p12', '-passin', 'pass:123456', '-nodes', '-info'], { cwd: dir, encoding: 'utf8' });
    expect(opened.status).toBe(0);
    // -info reports the structure on stderr, the PEM blocks on stdout.
    expect(opened.stderr).toContain('Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC');
    const dump = opened.stdout;
    const keyFromP12 = createPublicKey(dump.slice(dump.indexOf('-----BEGIN PRIVATE KEY-----')));
    expect(keyFromP12.export({ type: 'spki', format: 'der' })).toEqual(person.certificate.publicKey.export({ type: 'spki', format: 'der' }));
    expect(dump.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);

    const wrong = spawnSync('openssl', ['pkcs12', '-in', 'person.p12', '-passin', 'pass:000000', '-nokeys'], { cwd: dir, encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain('Mac verify error');
  });

  it('writes a PKCS#12 that node-forge also reads (the library opens users’ files with it)', () => {
    const person = leader();
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(person.p12.toString('binary')), false, '123456');
    const certificates = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
    expect(certificates).toHaveLength(2);
  });

  it('issues an organisation certificate whose CN and O are both the organisation', () => {
    const organisation = pki.issueOrganisation({ name: 'Ủy ban nhân dân huyện Tuy Đức', province: 'Đắk Nông', pin: '1111' });
    writeFileSync(join(dir, 'org.pem'), organisation.certificatePem);
    const subject = openssl('x509', '-in', 'org.pem', '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus');
    expect(subject.trim()).toBe('subject=C=VN,ST=Đắk Nông,O=Ủy ban nhân dân huyện Tuy Đức,CN=Ủy ban nhân dân huyện Tuy Đức');
  });

  it('issues ECDSA P-256 and RSA-4096 keys on request', () => {
    const ec = pki.issuePersonal({ fullName: 'Trần Thị Lan', title: 'Phó Chủ tịch', organisation: 'UBND huyện Tuy Đức', pin: '1', keyType: 'ec' });
    expect(ec.privateKey.asymmetricKeyType).toBe('ec');
    expect(ec.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const big = pki.issuePersonal({ fullName: 'Lê Văn Tám', title: 'Chánh Văn phòng', organisation: 'UBND huyện Tuy Đức', pin: '1', rsaBits: 4096 });
    expect(big.privateKey.asymmetricKeyDetails?.modulusLength).toBe(4096);
  });

  it('marks a time-stamping authority with the critical timeStamping purpose RFC 3161 requires', () => {
    const tsa = pki.issueTimestampAuthority();
    writeFileSync(join(dir, 'tsa.pem'), tsa.certificatePem);
    expect(openssl('x509', '-in', 'tsa.pem', '-noout', '-ext', 'extendedKeyUsage')).toMatch(/Extended Key Usage: critical\s+Time Stamping/);
    expect(openssl('verify', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', '-purpose', 'timestampsign', 'tsa.pem')).toContain('OK');
  });

  it('writes a CRL that OpenSSL accepts and by which it rejects the revoked certificate', () => {
    const person = leader();
    const { pem } = pki.crl({ revokedSerials: [person.serial] });
    writeFileSync(join(dir, 'issuing.crl'), pem);
    writeFileSync(join(dir, 'chain.pem'), pki.root.certificatePem + pki.issuing.certificatePem);
    const text = execFileSync('openssl', ['crl', '-in', 'issuing.crl', '-CAfile', 'chain.pem', '-noout', '-text'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(text).toContain(`Serial Number: ${person.serial}`);
    writeFileSync(join(dir, 'revoked.pem'), person.certificatePem);
    const check = spawnSync('openssl', ['verify', '-crl_check', '-CAfile', 'chain.pem', '-CRLfile', 'issuing.crl', 'revoked.pem'], { cwd: dir, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toContain('certificate revoked');
  });

  it('keeps the issuing CA after export and import, so the demo seed can issue more later', () => {
    const copy = importDevPki(exportDevPki(pki));
    expect(copy.root.certificate.fingerprint256).toBe(pki.root.certificate.fingerprint256);
    const later = copy.issueOrganisation({ name: 'UBND xã Đắk Búk So', pin: '2222' });
    expect(later.certificate.verify(pki.issuing.certificate.publicKey)).toBe(true);
    expect(later.certificate.checkIssued(pki.issuing.certificate)).toBe(true);
  });

  it('signs the CA certificates with their own keys and a root that is self-signed', () => {
    expect(pki.root.certificate.verify(pki.root.certificate.publicKey)).toBe(true);
    expect(pki.root.certificate.ca).toBe(true);
    expect(pki.issuing.certificate.ca).toBe(true);
    expect(new X509Certificate(pki.issuing.certificatePem).checkIssued(pki.root.certificate)).toBe(true);
  });
});
