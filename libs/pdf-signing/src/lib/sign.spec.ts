import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { corpus, hybridPdf, SIGNABLE, tempDir, testPeople, TestPeople } from '../../test/fixtures';
import { mutoolVerify, nssDatabase, pdfsig, qpdfCheck, run } from '../../test/validators';
import { defaultSignatureRect, sealRectOver } from './appearance/geometry';
import { inspectPdf } from './inspect';
import { PdfDict, PdfRef } from './pdf/objects';
import { PdfReader } from './pdf/reader';
import { signPdf } from './sign';
import { vietnamIso } from './time';
import { keySigner, openPkcs12 } from './signers';
import { TextStamp } from './types';
import { verifyPdf } from './verify';

describe('signing the sample corpus twice: the leader, then the organisation with its seal and the clerk’s stamps', () => {
  let people: TestPeople;
  let dir: ReturnType<typeof tempDir>;
  let nss: string;

  beforeAll(() => {
    people = testPeople();
    dir = tempDir('pdf-signing-corpus');
    nss = nssDatabase(join(dir.path, 'nss'), people.pki.root.certificatePem);
  });
  afterAll(() => dir.cleanup());

  it.each(SIGNABLE)('%s: both signatures valid and trusted for pdfsig, intact for mutool, clean for qpdf, and our verifier agrees', async (name) => {
    const input = corpus(name);
    const info = inspectPdf(input);
    const lastPage = info.pageCount;
    const rect = defaultSignatureRect(info.pages[lastPage - 1]);
    const newestInputSection = PdfReader.open(input).sections[0].kind;

    const once = await signPdf(input, {
      signer: people.leaderSigner,
      reason: 'Ký duyệt văn bản',
      location: 'Tuy Đức, Đắk Nông',
      appearance: { kind: 'personal', page: lastPage, rect, image: people.signatureImage, name: 'Nguyễn Văn Hùng', signingLine: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' },
    });
    expect(once.subarray(0, input.length).equals(input)).toBe(true);
    // The update's cross-reference is of the kind the file already uses.
    expect(PdfReader.open(once).sections[0].kind).toBe(newestInputSection);

    const stamps: TextStamp[] = [
      { page: 1, x: 120, y: info.pages[0].height - 110, text: '27' },
      { page: 1, x: info.pages[0].width - 260, y: info.pages[0].height - 130, text: 'Tuy Đức, ngày 05 tháng 3 năm 2024', italic: true },
    ];
    const twice = await signPdf(once, {
      signer: people.organisationSigner,
      reason: 'Ban hành văn bản',
      appearance: { kind: 'seal', page: lastPage, rect: sealRectOver(rect), image: people.sealImage, organisation: 'Ủy ban nhân dân huyện Tuy Đức' },
      stamps,
    });
    expect(twice.subarray(0, once.length).equals(once)).toBe(true);
    const file = join(dir.path, name);
    writeFileSync(file, twice);

    const check = qpdfCheck(file);
    expect(check.output).toContain('No syntax or stream encoding errors found');
    expect(check.clean).toBe(true);

    const earlier = name === 'signed-by-signpdf.pdf' ? 1 : 0;
    const poppler = pdfsig(file, nss);
    expect(poppler).toHaveLength(earlier + 2);
    for (const signature of poppler.slice(earlier)) {
      expect(signature.validation).toBe('Signature is Valid.');
      expect(signature.certificate).toBe('Certificate is Trusted.');
    }
    expect(poppler.map((s) => s.commonName).slice(earlier)).toEqual(['Nguyễn Văn Hùng', 'Ủy ban nhân dân huyện Tuy Đức']);

    const mupdf = mutoolVerify(file);
    expect(mupdf).toHaveLength(earlier + 2);
    expect(mupdf.every((s) => s.digestValid)).toBe(true);
    expect(mupdf.map((s) => s.editsSinceSigning)).toEqual([...Array(earlier + 1).fill(true), false]);

    const report = await verifyPdf(twice, { trustedRoots: [people.pki.root.certificatePem] });
    expect(report.signatures).toHaveLength(earlier + 2);
    report.signatures.forEach((signature, i) => {
      // Same verdicts as the independent validators, signature by signature.
      expect(signature.integrity && signature.cryptographicallyValid).toBe(poppler[i].signatureValid);
      expect(signature.integrity && signature.cryptographicallyValid).toBe(mupdf[i].digestValid);
      expect(signature.trusted).toBe(poppler[i].certificate === 'Certificate is Trusted.');
      expect(signature.bytesAfter > 0).toBe(mupdf[i].editsSinceSigning);
    });
    const [leader, seal] = report.signatures.slice(earlier);
    expect(leader.modifiedAfter).toBe('signatures-only');
    expect(seal.modifiedAfter).toBe('none');
    expect(leader.signer.display).toBe('Nguyễn Văn Hùng, Chủ tịch UBND huyện, UBND huyện Tuy Đức');
    expect(seal.signer.display).toBe('Ủy ban nhân dân huyện Tuy Đức');
    expect(report.valid).toBe(earlier === 0);
    if (earlier) {
      expect(report.signatures[0]).toMatchObject({ integrity: true, cryptographicallyValid: true, trusted: false, modifiedAfter: 'signatures-only' });
      expect(poppler[0].validation).toBe('Signature is Valid.');
      expect(poppler[0].certificate).not.toBe('Certificate is Trusted.');
    }
  });
});

describe('signPdf', () => {
  let people: TestPeople;
  let dir: ReturnType<typeof tempDir>;
  let nss: string;
  const rect = { x: 330, y: 120, width: 200, height: 110 };

  beforeAll(() => {
    people = testPeople();
    dir = tempDir('pdf-signing-sign');
    nss = nssDatabase(join(dir.path, 'nss'), people.pki.root.certificatePem);
  });
  afterAll(() => dir.cleanup());

  const save = (name: string, bytes: Buffer) => {
    const file = join(dir.path, name);
    writeFileSync(file, bytes);
    return file;
  };

  it('writes the update of an object-stream file as a cross-reference stream whose /Prev is the previous one', async () => {
    const input = corpus('pdflib-object-streams.pdf');
    const signed = await signPdf(input, { signer: people.leaderSigner });
    const update = signed.subarray(input.length).toString('latin1');
    expect(update).toMatch(/\/Type \/XRef/);
    expect(update).toContain(`/Prev ${PdfReader.open(input).startxref}`);
    expect(update).not.toMatch(/^xref$/m);
  });

  it('writes the update of a classic file as a classic xref table and trailer', async () => {
    const input = corpus('ghostscript-bao-cao.pdf');
    // Where Ghostscript's own table is, read from the file's last lines rather than by our reader.
    const previous = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(input.toString('latin1'))?.[1];
    expect(previous).toBeDefined();
    const signed = await signPdf(input, { signer: people.leaderSigner });
    const update = signed.subarray(input.length).toString('latin1');
    expect(update).toMatch(/^xref$/m);
    expect(update).toMatch(new RegExp(`trailer\\n<<[^]*/Prev ${previous}\\b`));
  });

  it('signs invisibly when no appearance is given: a zero-size widget, valid for pdfsig', async () => {
    const signed = await signPdf(corpus('chromium-thong-bao.pdf'), { signer: people.leaderSigner });
    const [signature] = pdfsig(save('invisible.pdf', signed), nss);
    expect(signature.validation).toBe('Signature is Valid.');
    const reader = PdfReader.open(signed);
    const fields = reader.resolve(reader.resolveDict(reader.catalog().get('AcroForm'))?.get('Fields'));
    const widget = reader.resolveDict((fields as PdfRef[])[0]);
    expect(widget?.get('Rect')).toEqual([0, 0, 0, 0]);
    expect(widget?.has('AP')).toBe(false);
  });

  it('writes Vietnamese text that extracts with its diacritics', async () => {
    const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000);
    // On the annex's last page, below its text (which ends above y = 530), so that pdftotext does not interleave the two.
    const signed = await signPdf(corpus('pdflib-classic-xref.pdf'), {
      signer: people.leaderSigner,
      appearance: { kind: 'personal', page: 2, rect, image: people.signatureImage, name: 'Nguyễn Văn Hùng', signingLine: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', showTime: true },
      stamps: [{ page: 2, x: 72, y: 450, text: 'Số: 27/KH-UBND\nngày 05 tháng 3 năm 2024', bold: true }],
      signingTime,
    });
    const text = run('pdftotext', ['-f', '2', '-l', '2', save('text.pdf', signed), '-']).stdout;
    for (const expected of ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn Hùng', `Ký số: ${vietnamIso(signingTime)}`, 'Số: 27/KH-UBND', 'ngày 05 tháng 3 năm 2024']) {
      expect(text).toContain(expected);
    }
    // Every glyph of the embedded subsets must draw: MuPDF names any glyph it cannot load.
    const render = run('mutool', ['draw', '-q', '-o', join(dir.path, 'text.png'), join(dir.path, 'text.pdf'), '2']);
    expect(render.stderr).not.toMatch(/invalid outline|FT_Load_Glyph/);
  });

  it('adds the clerk’s stamps as locked FreeText annotations, leaving the page content as it was', async () => {
    const input = corpus('libreoffice-ke-hoach.pdf');
    const before = PdfReader.open(input).page(1).dict;
    const signed = await signPdf(input, { signer: people.organisationSigner, stamps: [{ page: 1, x: 100, y: 760, text: '27' }] });
    const reader = PdfReader.open(signed);
    const page = reader.page(1).dict;
    expect(page.get('Contents')).toEqual(before.get('Contents'));
    const annots = reader.resolve(page.get('Annots')) as PdfRef[];
    const freeText = annots.map((ref) => reader.resolveDict(ref)).find((a) => a?.name('Subtype') === 'FreeText') as PdfDict;
    expect(freeText.get('F')).toBe(4 | 64 | 128);
    expect(freeText.has('AP')).toBe(true);
  });

  it('puts an attachment’s organisation signature in the top right corner of the first page, in Tinos 10 pt', async () => {
    const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000);
    const input = corpus('ghostscript-bao-cao.pdf');
    const { width, height } = inspectPdf(input).pages[0];
    const signed = await signPdf(input, {
      signer: people.organisationSigner,
      appearance: { kind: 'attachment', organisation: 'Ủy ban nhân dân huyện Tuy Đức', lines: ['Số: 27/KH-UBND'] },
      signingTime,
    });
    const reader = PdfReader.open(signed);
    const widget = (reader.resolve(reader.page(1).dict.get('Annots')) as PdfRef[]).map((r) => reader.resolveDict(r)).find((a) => a?.name('FT') === 'Sig')!;
    const [x1, y1, x2, y2] = widget.get('Rect') as number[];
    expect(x2).toBeCloseTo(width - 8, 0);
    expect(y2).toBeCloseTo(height - 8, 0);
    expect(x1).toBeGreaterThan(width / 2);
    expect(y1).toBeGreaterThan(height - 60);
    const file = save('attachment.pdf', signed);
    const text = run('pdftotext', ['-f', '1', '-l', '1', file, '-']).stdout;
    expect(text).toContain('Ủy ban nhân dân huyện Tuy Đức');
    expect(text).toContain('Số: 27/KH-UBND');
    expect(text).toContain(`Thời gian ký: ${vietnamIso(signingTime)}`);
    expect(run('pdffonts', [file]).stdout).toMatch(/[A-Z]{6}\+Tinos-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    const appearance = reader.resolve(widget.get('AP') instanceof PdfDict ? (widget.get('AP') as PdfDict).get('N') : undefined);
    expect(Buffer.from((appearance as { data: Buffer }).data).toString('latin1')).toContain('10 Tf');
  });

  it('signs a hybrid-reference file, finding its page tree through /XRefStm', async () => {
    const input = hybridPdf();
    expect(qpdfCheck(save('hybrid-in.pdf', input)).clean).toBe(true);
    const signed = await signPdf(input, { signer: people.leaderSigner, appearance: { kind: 'personal', page: 1, rect, name: 'Nguyễn Văn Hùng' } });
    const file = save('hybrid.pdf', signed);
    expect(qpdfCheck(file).clean).toBe(true);
    expect(pdfsig(file, nss).map((s) => s.validation)).toEqual(['Signature is Valid.']);
    expect((await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate] })).valid).toBe(true);
  });

  it('reads only the objects it needs: a damaged object elsewhere in the file does not stop signing', async () => {
    const input = Buffer.from(corpus('pdflib-classic-xref.pdf'));
    // Page 2's content stream dictionary, garbled in place (same length, offsets unchanged).
    const reader = PdfReader.open(input);
    const contentsValue = reader.page(2).dict.get('Contents');
    const contents = (Array.isArray(contentsValue) ? contentsValue[0] : contentsValue) as PdfRef;
    const at = reader.lookup(contents.num)!.offset;
    input.write('garbage garbage', at, 'latin1');
    expect(() => PdfReader.open(input).getObject(contents.num)).toThrow();
    const signed = await signPdf(input, { signer: people.leaderSigner, appearance: { kind: 'personal', page: 1, rect, name: 'Nguyễn Văn Hùng' } });
    expect((await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate] })).signatures[0]).toMatchObject({ integrity: true, cryptographicallyValid: true });
  });

  it.each(['sha384', 'sha512'] as const)('signs with %s when asked, and validators agree', async (digestAlgorithm) => {
    const signed = await signPdf(corpus('qpdf-object-streams.pdf'), { signer: people.leaderSigner, digestAlgorithm });
    const file = save(`${digestAlgorithm}.pdf`, signed);
    expect(pdfsig(file, nss)[0]).toMatchObject({ validation: 'Signature is Valid.', certificate: 'Certificate is Trusted.' });
    expect(mutoolVerify(file)[0].digestValid).toBe(true);
    const report = await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate] });
    expect(report.valid).toBe(true);
    expect(report.signatures[0].digestAlgorithm).toBe(digestAlgorithm);
  });

  it.each([
    ['ECDSA P-256', { keyType: 'ec' as const }],
    ['RSA-4096', { rsaBits: 4096 }],
  ])('signs with an %s key, and validators agree', async (_label, key) => {
    const credential = people.pki.issuePersonal({ fullName: 'Trần Thị Lan', title: 'Phó Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', pin: '2468', ...key });
    const signed = await signPdf(corpus('pdftex-handbook.pdf'), {
      signer: openPkcs12(credential.p12, '2468'),
      appearance: { kind: 'personal', page: 36, rect, name: 'Trần Thị Lan', position: 'Phó Chủ tịch' },
    });
    const file = save(`key-${'rsaBits' in key ? key.rsaBits : 'ec'}.pdf`, signed);
    expect(pdfsig(file, nss)[0]).toMatchObject({ validation: 'Signature is Valid.', certificate: 'Certificate is Trusted.' });
    expect(mutoolVerify(file)[0].digestValid).toBe(true);
    expect((await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate] })).valid).toBe(true);
  });

  it('refuses a placeholder too small for the CMS, and returns no file', async () => {
    await expect(signPdf(corpus('pdflib-classic-xref.pdf'), { signer: people.leaderSigner, placeholderSize: 1024 })).rejects.toMatchObject({
      code: 'PLACEHOLDER_TOO_SMALL',
      needed: expect.any(Number),
      available: 1024,
    });
  });

  it('refuses a certificate that has expired or is not yet valid at the signing time', async () => {
    const expired = people.pki.issuePersonal({ fullName: 'Lê Văn Cũ', title: 'Chủ tịch', organisation: 'UBND', pin: '1', notBefore: new Date('2020-01-01'), notAfter: new Date('2022-01-01') });
    await expect(signPdf(corpus('pdflib-classic-xref.pdf'), { signer: keySigner(expired.privateKey, expired.chainPem) })).rejects.toMatchObject({ code: 'CERTIFICATE_EXPIRED' });
    const future = people.pki.issuePersonal({ fullName: 'Lê Văn Mới', title: 'Chủ tịch', organisation: 'UBND', pin: '1', notBefore: new Date(Date.now() + 86_400_000 * 30) });
    await expect(signPdf(corpus('pdflib-classic-xref.pdf'), { signer: keySigner(future.privateKey, future.chainPem) })).rejects.toMatchObject({ code: 'CERTIFICATE_NOT_YET_VALID' });
  });

  it('refuses a certificate whose key usage does not allow signatures', async () => {
    const encipherment = people.pki.issuePersonal({ fullName: 'Phạm Thị Mã', title: 'Chuyên viên', organisation: 'UBND', pin: '1', keyUsage: 'encipherment-only' });
    await expect(signPdf(corpus('pdflib-classic-xref.pdf'), { signer: keySigner(encipherment.privateKey, encipherment.chainPem) })).rejects.toMatchObject({ code: 'CERTIFICATE_USAGE' });
  });

  it('refuses a page that is not in the document and a field name already taken', async () => {
    await expect(signPdf(corpus('ghostscript-bao-cao.pdf'), { signer: people.leaderSigner, appearance: { kind: 'seal', page: 9, rect, organisation: 'UBND' } })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
    const once = await signPdf(corpus('ghostscript-bao-cao.pdf'), { signer: people.leaderSigner, fieldName: 'LanhDao' });
    await expect(signPdf(once, { signer: people.leaderSigner, fieldName: 'LanhDao' })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    const twice = await signPdf(once, { signer: people.leaderSigner });
    expect((await verifyPdf(twice, { trustedRoots: [people.pki.root.certificate] })).signatures.map((s) => s.fieldName)).toEqual(['LanhDao', 'Signature1']);
  });

  it.each([
    ['encrypted-aes256.pdf', 'ENCRYPTED_PDF'],
    ['truncated.pdf', 'DAMAGED_PDF'],
    ['not-a-pdf.pdf', 'NOT_A_PDF'],
  ])('refuses %s with %s', async (name, code) => {
    await expect(signPdf(corpus(name), { signer: people.leaderSigner })).rejects.toMatchObject({ code, text: { vi: expect.any(String), en: expect.any(String) } });
  });
});
