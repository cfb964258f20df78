import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { corpus, tempDir, testPeople, TestPeople } from '../../test/fixtures';
import { nssDatabase, pdfsig, run } from '../../test/validators';
import { deserializePrepared, embedSignature, prepareSignature, serializePrepared } from './sign';
import { PreparedSignature } from './types';
import { verifyPdf } from './verify';

/**
 * External signing with the private key outside the library: OpenSSL plays the USB token or
 * the remote signing service, in its own process, from files.
 */
describe('external signing: prepare, sign elsewhere, embed', () => {
  let people: TestPeople;
  let dir: ReturnType<typeof tempDir>;
  let nss: string;
  const path = (file: string) => join(dir.path, file);

  beforeAll(() => {
    people = testPeople();
    dir = tempDir('pdf-signing-external');
    nss = nssDatabase(path('nss'), people.pki.root.certificatePem);
    writeFileSync(path('leader.key'), people.leader.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(path('leader.pem'), people.leader.certificatePem);
    writeFileSync(path('organisation.key'), people.organisation.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(path('organisation.pem'), people.organisation.certificatePem);
    writeFileSync(path('issuing.pem'), people.pki.issuing.certificatePem);
  });
  afterAll(() => dir.cleanup());

  const prepare = (placeholderSize?: number) =>
    prepareSignature(corpus('qpdf-object-streams.pdf'), {
      certificateChain: people.leader.chainPem,
      reason: 'Ký duyệt văn bản',
      appearance: { kind: 'personal', page: 1, rect: { x: 330, y: 120, width: 200, height: 110 }, image: people.signatureImage, name: 'Nguyễn Văn Hùng' },
      placeholderSize,
    });

  /** The bytes a detached CMS covers: the file without the /Contents placeholder. */
  const signedContent = (prepared: PreparedSignature) =>
    Buffer.concat([prepared.pdf.subarray(0, prepared.byteRange[1]), prepared.pdf.subarray(prepared.byteRange[2], prepared.byteRange[2] + prepared.byteRange[3])]);

  const openssl = (...args: string[]) => {
    const result = run('openssl', args, { cwd: dir.path });
    if (result.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr}`);
  };

  it('embeds a raw signature over the signed attributes, made in another process from the serialised preparation', async () => {
    const prepared = await prepare();
    // What a server keeps between the two requests: JSON plus the PDF bytes.
    const { json, pdf } = serializePrepared(prepared);
    writeFileSync(path('prepared.json'), json);
    writeFileSync(path('prepared.pdf'), pdf);
    writeFileSync(path('attributes.der'), prepared.signedAttributes);

    openssl('dgst', '-sha256', '-sign', 'leader.key', '-out', 'signature.bin', 'attributes.der');

    const restored = deserializePrepared(readFileSync(path('prepared.json'), 'utf8'), readFileSync(path('prepared.pdf')));
    const signed = embedSignature(restored, { signature: readFileSync(path('signature.bin')) });
    expect(signed.length).toBe(prepared.pdf.length);
    writeFileSync(path('raw.pdf'), signed);
    expect(pdfsig(path('raw.pdf'), nss)[0]).toMatchObject({ validation: 'Signature is Valid.', certificate: 'Certificate is Trusted.' });
    expect((await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate] })).valid).toBe(true);
  });

  it('accepts a signature made from digestToSign, for tokens that sign a hash', async () => {
    const prepared = await prepare();
    writeFileSync(path('digest.bin'), prepared.digestToSign);
    // pkeyutl with a digest option wraps the hash in DigestInfo: the same PKCS#1 signature as over the data.
    openssl('pkeyutl', '-sign', '-inkey', 'leader.key', '-pkeyopt', 'digest:sha256', '-in', 'digest.bin', '-out', 'digest-signature.bin');
    const signed = embedSignature(prepared, { signature: readFileSync(path('digest-signature.bin')) });
    expect((await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate] })).valid).toBe(true);
  });

  it('embeds a whole CMS built by another implementation (OpenSSL) over the prepared byte ranges', async () => {
    const prepared = await prepare();
    writeFileSync(path('content.bin'), signedContent(prepared));
    openssl('cms', '-sign', '-binary', '-md', 'sha256', '-in', 'content.bin', '-signer', 'leader.pem', '-inkey', 'leader.key', '-certfile', 'issuing.pem', '-outform', 'DER', '-out', 'openssl.p7s');
    const signed = embedSignature(prepared, { cms: readFileSync(path('openssl.p7s')) });
    writeFileSync(path('cms.pdf'), signed);
    expect(pdfsig(path('cms.pdf'), nss)[0]).toMatchObject({ validation: 'Signature is Valid.', certificate: 'Certificate is Trusted.' });
    expect((await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate] })).valid).toBe(true);
  });

  it('refuses a CMS whose message-digest is another document’s', async () => {
    const prepared = await prepare();
    writeFileSync(path('other.bin'), Buffer.from('một tài liệu khác'));
    openssl('cms', '-sign', '-binary', '-md', 'sha256', '-in', 'other.bin', '-signer', 'leader.pem', '-inkey', 'leader.key', '-outform', 'DER', '-out', 'other.p7s');
    expect(() => embedSignature(prepared, { cms: readFileSync(path('other.p7s')) })).toThrow(expect.objectContaining({ code: 'CMS_MISMATCH', text: expect.objectContaining({ en: expect.stringMatching(/message-digest/) }) }));
  });

  it('refuses a CMS made with another certificate than the one prepared', async () => {
    const prepared = await prepare();
    writeFileSync(path('content2.bin'), signedContent(prepared));
    openssl('cms', '-sign', '-binary', '-md', 'sha256', '-in', 'content2.bin', '-signer', 'organisation.pem', '-inkey', 'organisation.key', '-outform', 'DER', '-out', 'organisation.p7s');
    expect(() => embedSignature(prepared, { cms: readFileSync(path('organisation.p7s')) })).toThrow(expect.objectContaining({ code: 'CMS_MISMATCH' }));
  });

  it('refuses a raw signature by another key, and bytes that are not a CMS', async () => {
    const prepared = await prepare();
    writeFileSync(path('attributes2.der'), prepared.signedAttributes);
    openssl('dgst', '-sha256', '-sign', 'organisation.key', '-out', 'wrong.bin', 'attributes2.der');
    expect(() => embedSignature(prepared, { signature: readFileSync(path('wrong.bin')) })).toThrow(expect.objectContaining({ code: 'CMS_MISMATCH' }));
    expect(() => embedSignature(prepared, { cms: Buffer.from('not a cms') })).toThrow(expect.objectContaining({ code: 'CMS_MISMATCH' }));
  });

  it('refuses to embed into a PDF that is not the one prepared', async () => {
    const prepared = await prepare();
    const { json } = serializePrepared(prepared);
    const altered = Buffer.from(prepared.pdf);
    altered[100] ^= 0x01;
    const restored = deserializePrepared(json, altered);
    writeFileSync(path('attributes3.der'), prepared.signedAttributes);
    openssl('dgst', '-sha256', '-sign', 'leader.key', '-out', 'signature3.bin', 'attributes3.der');
    expect(() => embedSignature(restored, { signature: readFileSync(path('signature3.bin')) })).toThrow(expect.objectContaining({ code: 'CMS_MISMATCH' }));
    expect(() => deserializePrepared(json, prepared.pdf.subarray(1))).toThrow(expect.objectContaining({ code: 'CMS_MISMATCH' }));
    expect(() => deserializePrepared('{not json', prepared.pdf)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });

  it('refuses a CMS larger than the placeholder the preparation reserved', async () => {
    const prepared = await prepare(1024);
    writeFileSync(path('content4.bin'), signedContent(prepared));
    openssl('cms', '-sign', '-binary', '-md', 'sha256', '-in', 'content4.bin', '-signer', 'leader.pem', '-inkey', 'leader.key', '-certfile', 'issuing.pem', '-outform', 'DER', '-out', 'big.p7s');
    expect(() => embedSignature(prepared, { cms: readFileSync(path('big.p7s')) })).toThrow(expect.objectContaining({ code: 'PLACEHOLDER_TOO_SMALL', available: 1024 }));
  });
});
