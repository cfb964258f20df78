import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createDevPki } from '@vanthu/dev-pki';

import { corpus, tempDir, testPeople, TestPeople } from '../../test/fixtures';
import { mutoolVerify, nssDatabase, pdfsig } from '../../test/validators';
import { dict, name, PdfDict, PdfRef, PdfString } from './pdf/objects';
import { PdfReader } from './pdf/reader';
import { IncrementalUpdate } from './pdf/writer';
import { signPdf } from './sign';
import { verifyPdf } from './verify';

/** Appends an incremental update made outside the signing code: what someone editing the file would do. */
function appendUpdate(pdf: Buffer, change: (reader: PdfReader, update: IncrementalUpdate) => void): Buffer {
  const reader = PdfReader.open(pdf);
  const update = new IncrementalUpdate(reader);
  change(reader, update);
  return Buffer.concat([pdf, update.build().bytes]);
}

describe('verifyPdf', () => {
  let people: TestPeople;
  let signed: Buffer;
  let dir: ReturnType<typeof tempDir>;
  let nss: string;
  const rect = { x: 330, y: 120, width: 200, height: 110 };

  beforeAll(async () => {
    people = testPeople();
    dir = tempDir('pdf-signing-verify');
    nss = nssDatabase(join(dir.path, 'nss'), people.pki.root.certificatePem);
    signed = await signPdf(corpus('libreoffice-ke-hoach.pdf'), {
      signer: people.leaderSigner,
      appearance: { kind: 'personal', page: 2, rect, image: people.signatureImage, name: 'Nguyễn Văn Hùng' },
    });
  });
  afterAll(() => dir.cleanup());

  const save = (file: string, bytes: Buffer) => {
    const path = join(dir.path, file);
    writeFileSync(path, bytes);
    return path;
  };

  it('reports a valid signature with the signer as people know them, in both languages', async () => {
    const report = await verifyPdf(signed, { trustedRoots: [people.pki.root.certificatePem] });
    expect(report.valid).toBe(true);
    const [signature] = report.signatures;
    expect(signature).toMatchObject({
      index: 0,
      fieldName: 'Signature1',
      subFilter: 'ETSI.CAdES.detached',
      digestAlgorithm: 'sha256',
      integrity: true,
      cryptographicallyValid: true,
      trusted: true,
      chainError: null,
      validAtSigningTime: true,
      revoked: null,
      modifiedAfter: 'none',
      bytesAfter: 0,
      coversUpTo: signed.length,
      problems: [],
    });
    expect(signature.signer).toEqual({
      commonName: 'Nguyễn Văn Hùng',
      organisation: 'UBND huyện Tuy Đức',
      organisationalUnit: null,
      title: 'Chủ tịch UBND huyện',
      locality: 'huyện Tuy Đức',
      province: 'Đắk Nông',
      country: 'VN',
      uid: 'CCCD:067085001234',
      serialNumber: null,
      email: null,
      display: 'Nguyễn Văn Hùng, Chủ tịch UBND huyện, UBND huyện Tuy Đức',
    });
    expect(signature.serial).toBe(people.leader.serial);
    expect(signature.issuer).toBe('VănThư Development Issuing CA, VănThư (phát triển)');
    expect(signature.signingTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(signature.summary.vi).toMatch(/^Chữ ký số hợp lệ của Nguyễn Văn Hùng, .*, ký lúc \d{2}:\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
    expect(signature.summary.en).toMatch(/^Valid signature by Nguyễn Văn Hùng/);
  });

  it('fails a signature when one byte inside the signed range changes, as pdfsig and mutool do', async () => {
    const tampered = Buffer.from(signed);
    const [signature] = (await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate] })).signatures;
    const at = Math.floor(signature.byteRange[1] / 2);
    tampered[at] ^= 0x01;
    const report = await verifyPdf(tampered, { trustedRoots: [people.pki.root.certificate] });
    expect(report.valid).toBe(false);
    expect(report.signatures[0]).toMatchObject({ integrity: false });
    expect(report.signatures[0].problems.map((p) => p.en)).toContain('The signed content has been altered (digest mismatch).');
    const file = save('tampered.pdf', tampered);
    expect(pdfsig(file, nss)[0].validation).toBe('Digest Mismatch.');
    expect(mutoolVerify(file)[0].digestValid).toBe(false);
  });

  it('reports an appended update that changes page content as a modification after signing', async () => {
    const edited = appendUpdate(signed, (reader, update) => {
      const page = reader.page(1);
      const extra = update.allocate();
      update.setStream(extra, new PdfDict(), Buffer.from('BT /F1 24 Tf 100 100 Td (DA SUA) Tj ET', 'latin1'));
      const contents = page.dict.get('Contents');
      update.setValue(page.ref, page.dict.clone().set('Contents', [...(Array.isArray(contents) ? contents : [contents!]), extra]));
    });
    const report = await verifyPdf(edited, { trustedRoots: [people.pki.root.certificate] });
    expect(report.valid).toBe(false);
    expect(report.signatures[0]).toMatchObject({ integrity: true, cryptographicallyValid: true, modifiedAfter: 'content' });
    expect(report.signatures[0].bytesAfter).toBe(edited.length - signed.length);
    expect(report.signatures[0].problems.map((p) => p.vi)).toContain('Nội dung tài liệu đã bị thay đổi sau khi ký.');
    // The validators agree that the signed bytes themselves are intact and that something follows them.
    const file = save('edited.pdf', edited);
    expect(pdfsig(file, nss)[0]).toMatchObject({ validation: 'Signature is Valid.', totalDocumentSigned: false });
    expect(mutoolVerify(file)[0]).toMatchObject({ digestValid: true, editsSinceSigning: true });
  });

  it('accepts an appended update that only adds an annotation', async () => {
    const annotated = appendUpdate(signed, (reader, update) => {
      const page = reader.page(1);
      const note = update.allocate();
      update.setValue(note, dict({ Type: name('Annot'), Subtype: name('Text'), Rect: [50, 50, 70, 70], Contents: PdfString.text('Đã xem') }));
      update.setValue(page.ref, page.dict.clone().set('Annots', [note]));
    });
    const report = await verifyPdf(annotated, { trustedRoots: [people.pki.root.certificate] });
    expect(report.signatures[0].modifiedAfter).toBe('signatures-only');
    expect(report.valid).toBe(true);
  });

  it('reports a changed catalog (e.g. a new page tree) as a modification', async () => {
    const changed = appendUpdate(signed, (reader, update) => {
      const root = reader.trailer.get('Root') as PdfRef;
      update.setValue(root, reader.catalog().clone().set('PageMode', name('FullScreen')));
    });
    expect((await verifyPdf(changed, { trustedRoots: [people.pki.root.certificate] })).signatures[0].modifiedAfter).toBe('content');
  });

  it('does not trust a certificate from another root, and says why', async () => {
    const other = createDevPki({ commonName: 'Some Other Root CA', keyType: 'ec' });
    const report = await verifyPdf(signed, { trustedRoots: [other.root.certificatePem] });
    expect(report.valid).toBe(false);
    expect(report.signatures[0]).toMatchObject({ integrity: true, cryptographicallyValid: true, trusted: false });
    expect(report.signatures[0].chainError).toMatch(/no issuer found for "VănThư Development Issuing CA/);
  });

  it('reports a certificate revoked by the CRL, and not revoked by a CRL that does not list it', async () => {
    const revokedCrl = people.pki.crl({ revokedSerials: [people.leader.serial] });
    const revoked = await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate], crls: [revokedCrl.der] });
    expect(revoked.valid).toBe(false);
    expect(revoked.signatures[0].revoked).toBe(true);
    expect(revoked.signatures[0].problems.map((p) => p.en)).toContain('The certificate has been revoked.');

    const otherSerial = people.pki.crl({ revokedSerials: [people.organisation.serial] });
    const clean = await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate], crls: [otherSerial.pem] });
    expect(clean.valid).toBe(true);
    expect(clean.signatures[0].revoked).toBe(false);
  });

  it('ignores a CRL that its issuer did not sign', async () => {
    const impostor = createDevPki({ keyType: 'ec' });
    const forged = impostor.crl({ revokedSerials: [people.leader.serial] });
    expect((await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate], crls: [forged.der] })).signatures[0].revoked).toBeNull();
  });

  it('keeps the earlier @signpdf signature’s digest valid after we sign, with its self-signed certificate untrusted', async () => {
    const input = corpus('signed-by-signpdf.pdf');
    const before = (await verifyPdf(input, { trustedRoots: [people.pki.root.certificate] })).signatures[0];
    expect(before).toMatchObject({ subFilter: 'adbe.pkcs7.detached', integrity: true, cryptographicallyValid: true, trusted: false, modifiedAfter: 'none' });
    expect(before.chainError).toMatch(/self-signed/);
    const after = await signPdf(input, { signer: people.organisationSigner });
    const [earlier, ours] = (await verifyPdf(after, { trustedRoots: [people.pki.root.certificate] })).signatures;
    expect(earlier).toMatchObject({ integrity: true, cryptographicallyValid: true, trusted: false, modifiedAfter: 'signatures-only', coversUpTo: input.length });
    expect(ours).toMatchObject({ integrity: true, cryptographicallyValid: true, trusted: true, modifiedAfter: 'none' });
  });

  it('says a document without signatures is not valid (there is nothing to vouch for it)', async () => {
    expect(await verifyPdf(corpus('pdftex-handbook.pdf'), { trustedRoots: [people.pki.root.certificate] })).toEqual({ valid: false, signatures: [] });
  });

  it.each([
    ['encrypted-aes256.pdf', 'ENCRYPTED_PDF'],
    ['truncated.pdf', 'DAMAGED_PDF'],
    ['not-a-pdf.pdf', 'NOT_A_PDF'],
  ])('refuses %s with %s', async (file, code) => {
    await expect(verifyPdf(corpus(file), { trustedRoots: [] })).rejects.toMatchObject({ code });
  });
});
