import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createSoftHsmToken } from '@vanthu/dev-pki/testing';

import { corpus, pdfWithPages, tempDir, testPeople, TestPeople } from '../../test/fixtures';
import { run } from '../../test/validators';
import { SignedUploadRefusedError } from './errors';
import { addValidationData } from './ltv';
import { dict, name, PdfRef, PdfStream, PdfString } from './pdf/objects';
import { PdfReader } from './pdf/reader';
import { IncrementalUpdate } from './pdf/writer';
import { openPkcs11 } from './pkcs11';
import { signPdf } from './sign';
import { assertOneSignatureAppended } from './upload-check';
import { verifyPdf } from './verify';

/** From test/node-environment.js: sets a variable of the worker process, which native code reads. */
declare const setProcessEnv: (name: string, value: string | undefined) => void;

function refusal(prepared: Buffer, uploaded: Buffer): SignedUploadRefusedError {
  try {
    assertOneSignatureAppended(prepared, uploaded);
  } catch (error) {
    if (error instanceof SignedUploadRefusedError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('assertOneSignatureAppended: the upload-back check', () => {
  let people: TestPeople;
  let dir: ReturnType<typeof tempDir>;
  const prepared = corpus('libreoffice-ke-hoach.pdf');
  const appearance = { kind: 'personal' as const, page: 1, rect: { x: 330, y: 120, width: 200, height: 110 }, name: 'Nguyễn Văn Hùng' };

  beforeAll(() => {
    people = testPeople();
    dir = tempDir('pdf-signing-upload');
  });
  afterAll(() => dir.cleanup());

  it('accepts the prepared file signed by our signer, visibly or not, and names the new field', async () => {
    for (const options of [{ appearance }, {}]) {
      const uploaded = await signPdf(prepared, { signer: people.leaderSigner, fieldName: 'LanhDao', ...options });
      expect(assertOneSignatureAppended(prepared, uploaded)).toMatchObject({ fieldName: 'LanhDao', subFilter: 'ETSI.CAdES.detached', updateOffset: prepared.length, addsValidationData: false });
    }
  });

  it('accepts a second signature on an already signed file (the form’s field list grows by one)', async () => {
    const signed = await signPdf(prepared, { signer: people.leaderSigner, appearance });
    const sealed = await signPdf(signed, { signer: people.organisationSigner, appearance: { kind: 'seal', page: 1, rect: { x: 300, y: 140, width: 100, height: 100 }, organisation: 'UBND huyện Tuy Đức' } });
    expect(assertOneSignatureAppended(signed, sealed).fieldName).toBe('Signature2');
  });

  it('accepts a signature made by poppler (pdfsig -add-signature with an NSS database key), which our verifier then trusts', async () => {
    const nss = join(dir.path, 'nss');
    run('mkdir', ['-p', nss]);
    expect(run('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']).status).toBe(0);
    writeFileSync(join(dir.path, 'leader.p12'), people.leader.p12);
    expect(run('pk12util', ['-i', join(dir.path, 'leader.p12'), '-d', `sql:${nss}`, '-W', '123456', '-K', '']).status).toBe(0);
    const nick = run('certutil', ['-L', '-d', `sql:${nss}`]).stdout.split('\n').find((line) => /u,u,u/.test(line))?.replace(/\s+u,u,u\s*$/, '').trim();
    expect(nick).toBeTruthy();
    writeFileSync(join(dir.path, 'prepared.pdf'), prepared);
    const signing = run('pdfsig', ['-nssdir', `sql:${nss}`, '-add-signature', '-nick', nick!, '-reason', 'Ky duyet', join(dir.path, 'prepared.pdf'), join(dir.path, 'poppler.pdf')]);
    expect(signing.status).toBe(0);
    const uploaded = readFileSync(join(dir.path, 'poppler.pdf'));
    expect(assertOneSignatureAppended(prepared, uploaded)).toMatchObject({ subFilter: 'adbe.pkcs7.detached' });
    const report = await verifyPdf(uploaded, { trustedRoots: [people.pki.root.certificate] });
    expect(report.valid).toBe(true);
    expect(report.signatures[0]).toMatchObject({ signer: { commonName: 'Nguyễn Văn Hùng' }, level: null });
  });

  it('accepts a signature made with a key on a SoftHSM2 token', async () => {
    const token = createSoftHsmToken({ dir: join(dir.path, 'softhsm'), tokenLabel: 'Upload token', pin: '1357', keys: [{ label: 'leader', id: '0a', credential: people.leader }] });
    setProcessEnv('SOFTHSM2_CONF', token.conf);
    const signer = await openPkcs11({ module: token.module, tokenLabel: 'Upload token', keyLabel: 'leader', pin: '1357' });
    try {
      const uploaded = await signPdf(prepared, { signer, appearance });
      expect(assertOneSignatureAppended(prepared, uploaded).fieldName).toBe('Signature1');
      expect((await verifyPdf(uploaded, { trustedRoots: [people.pki.root.certificate] })).valid).toBe(true);
    } finally {
      await signer.close();
      setProcessEnv('SOFTHSM2_CONF', undefined);
    }
  });

  it('refuses two updates (a signature, then a DSS; or two signatures)', async () => {
    const signed = await signPdf(prepared, { signer: people.leaderSigner });
    const twice = await signPdf(signed, { signer: people.organisationSigner });
    expect(refusal(prepared, twice)).toMatchObject({ code: 'SIGNED_UPLOAD_REFUSED', reason: 'several-updates' });
    const withDss = (await addValidationData(signed, { anchors: [people.pki.root.certificate], revocation: { crls: [people.pki.crl().der] }, mode: 'soft' })).pdf;
    const error = refusal(prepared, withDss);
    expect(error.reason).toBe('several-updates');
    expect(error.text.vi).toContain('chỉ được phép một lần');
    expect(error.text.en).toContain('only one (the signature) is allowed');
  });

  it('refuses an update that also changes a page (its size), though it adds a signature', async () => {
    const input = await pdfWithPages([0]);
    const signed = await signPdf(input, { signer: people.leaderSigner, appearance: { ...appearance, rect: { x: 330, y: 120, width: 200, height: 110 } } });
    const text = signed.toString('latin1');
    const at = text.indexOf('/MediaBox [0 0 595 842]', input.length);
    expect(at).toBeGreaterThan(input.length);
    const hostile = Buffer.from(signed);
    hostile.write('/MediaBox [0 0 842 595]', at, 'latin1');
    expect(refusal(input, hostile)).toMatchObject({ reason: 'page-changed' });
  });

  it('refuses an update that adds another annotation beside the signature', async () => {
    const stamped = await signPdf(prepared, { signer: people.leaderSigner, appearance, stamps: [{ page: 1, x: 100, y: 700, text: 'Đã xem' }] });
    expect(refusal(prepared, stamped)).toMatchObject({ reason: 'extra-annotation' });
  });

  it('refuses a signature box that covers the page', async () => {
    const covering = await signPdf(prepared, { signer: people.leaderSigner, appearance: { ...appearance, rect: { x: 0, y: 0, width: 595, height: 841 } } });
    expect(refusal(prepared, covering)).toMatchObject({ reason: 'widget-too-large' });
  });

  it('refuses a truncated file, other prefix bytes, the prepared file itself, and an update without a signature', async () => {
    const signed = await signPdf(prepared, { signer: people.leaderSigner, appearance });
    expect(refusal(prepared, signed.subarray(0, signed.length - 300))).toMatchObject({ reason: 'damaged' });
    expect(refusal(prepared, prepared.subarray(0, prepared.length - 10))).toMatchObject({ reason: 'damaged' });
    const altered = Buffer.from(signed);
    altered[prepared.length - 100] ^= 0x01;
    const prefix = refusal(prepared, altered);
    expect(prefix.reason).toBe('prefix-differs');
    expect(prefix.text.en).toContain(`from byte ${prepared.length - 100}`);
    expect(refusal(prepared, prepared)).toMatchObject({ reason: 'no-update' });

    // An update that only adds an annotation to the first page.
    const reader = PdfReader.open(prepared);
    const update = new IncrementalUpdate(reader);
    const note = update.allocate();
    update.setValue(note, dict({ Type: name('Annot'), Subtype: name('Square'), Rect: [10, 10, 50, 50] }));
    const page = reader.page(1);
    const annots = reader.resolve(page.dict.get('Annots'));
    update.setValue(page.ref, page.dict.clone().set('Annots', [...(Array.isArray(annots) ? annots : []), note]));
    expect(refusal(prepared, Buffer.concat([prepared, update.build().bytes]))).toMatchObject({ reason: 'no-new-signature' });
  });

  /** The signature update of `signed` rebuilt by hand over `base`, with something more in the same update. */
  function rebuilt(base: Buffer, signed: Buffer, more: (update: IncrementalUpdate, reader: PdfReader) => void): Buffer {
    const reader = PdfReader.open(base);
    const original = PdfReader.open(signed);
    const update = new IncrementalUpdate(reader);
    for (const num of original.sections[0].numbers()) {
      const value = original.getObject(num);
      if (num === 0 || (value instanceof PdfStream && value.dict.name('Type') === 'XRef')) continue;
      const ref = new PdfRef(num, 0);
      if (value instanceof PdfStream) update.setStream(ref, value.dict, value.data);
      else update.setValue(ref, value);
      while (update.allocate().num < num); // keep new numbers after the copied ones
    }
    more(update, reader);
    return Buffer.concat([base, update.build().bytes]);
  }

  it('refuses a signature update that also changes an object the signature does not need (the Info dictionary)', async () => {
    const signed = await signPdf(prepared, { signer: people.leaderSigner, appearance });
    let infoNum = -1;
    const hostile = rebuilt(prepared, signed, (update, reader) => {
      const info = reader.trailer.get('Info') as PdfRef;
      infoNum = info.num;
      update.setValue(info, dict({ Title: PdfString.text('Quyết định đã sửa') }));
    });
    const error = refusal(prepared, hostile);
    expect(error.reason).toBe('object-changed');
    expect(error.text.en).toContain(`object ${infoNum} of the document was changed`);
  });

  it('refuses a signature update that deletes an object (a page’s content stream)', async () => {
    const signed = await signPdf(prepared, { signer: people.leaderSigner, appearance });
    const contents = PdfReader.open(prepared).page(1).dict.get('Contents') as PdfRef;
    const hostile = rebuilt(prepared, signed, () => undefined);
    // One more subsection in the update's cross-reference table: the content stream marked free.
    const xref = hostile.lastIndexOf('xref\n0 1\n0000000000 65535 f \n');
    const head = 'xref\n0 1\n0000000000 65535 f \n';
    const deletion = `${contents.num} 1\n0000000000 00001 f \n`;
    const withDeletion = Buffer.concat([hostile.subarray(0, xref + head.length), Buffer.from(deletion, 'latin1'), hostile.subarray(xref + head.length)]);
    const error = refusal(prepared, withDeletion);
    expect(error.reason).toBe('object-deleted');
    expect(error.text.vi).toContain(`đối tượng ${contents.num} của tài liệu đã bị xóa`);
  });

  it('refuses a new object that the old content already referred to (a dangling reference filled in)', async () => {
    // A prepared file whose page draws a second content stream that does not exist yet (an empty page for every reader).
    const plain = await pdfWithPages([0]);
    const reader = PdfReader.open(plain);
    const page = reader.page(1);
    const dangling = reader.size + 40;
    const setup = new IncrementalUpdate(reader);
    setup.setValue(page.ref, page.dict.clone().set('Contents', [page.dict.get('Contents') ?? null, new PdfRef(dangling, 0)]));
    const preparedWithHole = Buffer.concat([plain, setup.build().bytes]);
    const signed = await signPdf(preparedWithHole, { signer: people.leaderSigner, appearance });
    expect(assertOneSignatureAppended(preparedWithHole, signed).fieldName).toBe('Signature1');
    // The hostile signer fills the hole with content of its own in the signature's update.
    const hostile = rebuilt(preparedWithHole, signed, (update) => {
      update.setStream(new PdfRef(dangling, 0), dict({}), Buffer.from('BT /F1 40 Tf 72 400 Td (KHONG DUYET) Tj ET', 'latin1'));
    });
    expect(refusal(preparedWithHole, hostile)).toMatchObject({ reason: 'unexpected-object' });
  });
});
