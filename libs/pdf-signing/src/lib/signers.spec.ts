import { createDevPki, DevPki } from '@vanthu/dev-pki';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { tempDir } from '../../test/fixtures';
import { run } from '../../test/validators';
import { keySigner, openPkcs12 } from './signers';
import { verify } from 'node:crypto';

describe('openPkcs12', () => {
  let pki: DevPki;
  let dir: ReturnType<typeof tempDir>;
  const path = (file: string) => join(dir.path, file);
  const person = () => pki.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', pin: '123456' });

  beforeAll(() => {
    pki = createDevPki();
    dir = tempDir('pdf-signing-p12');
  });
  afterAll(() => dir.cleanup());

  it('opens a PKCS#12 with its PIN and gives a signer whose chain starts with the holder’s certificate', async () => {
    const credential = person();
    const signer = openPkcs12(credential.p12, '123456');
    expect(signer.certificateChain.map((c) => c.fingerprint256)).toEqual([credential.certificate.fingerprint256, pki.issuing.certificate.fingerprint256]);
    const data = Buffer.from('thuộc tính đã ký');
    const signature = await signer.sign(data, 'sha256');
    expect(verify('sha256', data, credential.certificate.publicKey, signature)).toBe(true);
  });

  it('refuses a wrong PIN with WrongPinError, in Vietnamese and English', () => {
    expect(() => openPkcs12(person().p12, '000000')).toThrow(expect.objectContaining({ code: 'WRONG_PIN', text: { vi: 'Mã PIN không đúng.', en: 'The PIN is incorrect.' } }));
  });

  it('refuses an expired certificate, and one not yet valid, at the time asked', () => {
    const expired = pki.issuePersonal({ fullName: 'Lê Văn Cũ', title: 'Chủ tịch', organisation: 'UBND', pin: '1', notBefore: new Date('2020-01-01'), notAfter: new Date('2022-01-01') });
    expect(() => openPkcs12(expired.p12, '1')).toThrow(expect.objectContaining({ code: 'CERTIFICATE_EXPIRED' }));
    // The same file was fine when it was valid.
    expect(openPkcs12(expired.p12, '1', { at: new Date('2021-06-01') }).certificateChain).toHaveLength(2);
    const later = pki.issuePersonal({ fullName: 'Lê Văn Mới', title: 'Chủ tịch', organisation: 'UBND', pin: '1', notBefore: new Date(Date.now() + 10 * 86_400_000) });
    expect(() => openPkcs12(later.p12, '1')).toThrow(expect.objectContaining({ code: 'CERTIFICATE_NOT_YET_VALID' }));
  });

  it('refuses a certificate issued for encryption only', () => {
    const encipherment = pki.issuePersonal({ fullName: 'Phạm Thị Mã', title: 'Chuyên viên', organisation: 'UBND', pin: '1', keyUsage: 'encipherment-only' });
    expect(() => openPkcs12(encipherment.p12, '1')).toThrow(expect.objectContaining({ code: 'CERTIFICATE_USAGE' }));
  });

  it('refuses a file that is not a PKCS#12', () => {
    expect(() => openPkcs12(Buffer.from('not a p12'), '1')).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIAL' }));
  });

  it('opens an ECDSA P-256 credential', async () => {
    const ec = pki.issuePersonal({ fullName: 'Trần Thị Lan', title: 'Phó Chủ tịch', organisation: 'UBND', pin: '42', keyType: 'ec' });
    const signer = openPkcs12(ec.p12, '42');
    const signature = await signer.sign(Buffer.from('x'), 'sha384');
    expect(verify('sha384', Buffer.from('x'), ec.certificate.publicKey, signature)).toBe(true);
  });

  it.each([
    ['OpenSSL 3 defaults (AES-256, SHA-256 MAC)', []],
    ['3DES with a SHA-1 MAC, as many tokens export', ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']],
    ['the legacy RC2-40 certificate encryption of older Windows and OpenSSL', ['-legacy']],
  ])('opens a PKCS#12 written by OpenSSL with %s', async (_label, options) => {
    const credential = person();
    writeFileSync(path('key.pem'), credential.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(path('cert.pem'), credential.certificatePem);
    writeFileSync(path('chain.pem'), pki.issuing.certificatePem);
    const result = run('openssl', ['pkcs12', '-export', ...options, '-inkey', 'key.pem', '-in', 'cert.pem', '-certfile', 'chain.pem', '-passout', 'pass:2468', '-out', 'openssl.p12'], { cwd: dir.path });
    expect(result.stderr).toBe('');
    const signer = openPkcs12(readFileSync(path('openssl.p12')), '2468');
    expect(signer.certificateChain[0].fingerprint256).toBe(credential.certificate.fingerprint256);
    expect(signer.certificateChain).toHaveLength(2);
    expect(() => openPkcs12(readFileSync(path('openssl.p12')), '1357')).toThrow(expect.objectContaining({ code: 'WRONG_PIN' }));
  });
});

describe('keySigner', () => {
  it('refuses a key that is not the certificate’s', () => {
    const pki = createDevPki({ keyType: 'ec' });
    const a = pki.issuePersonal({ fullName: 'A', title: 'T', organisation: 'O', pin: '1', keyType: 'ec' });
    const b = pki.issuePersonal({ fullName: 'B', title: 'T', organisation: 'O', pin: '1', keyType: 'ec' });
    expect(() => keySigner(a.privateKey, b.chainPem)).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIAL' }));
    expect(keySigner(a.privateKey, a.chainPem).certificateChain[0].subject).toContain('CN=A');
  });
});
