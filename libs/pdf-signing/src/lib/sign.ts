import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';

import { drawAppearance, DrawnAppearance, drawStamp } from './appearance/layout';
import { SideDocument } from './appearance/side-document';
import { raw } from './cms/asn1';
import { parseCertificate, ParsedCertificate, toX509 } from './cms/certificate';
import { buildSignedAttributes, buildSignedData, DigestAlgorithm, messageDigestOf, parseSignedData, signerInfoNames, timestampAttribute, verifySignerInfo, wrapSignerInfo } from './cms/cms';
import { readTimestampToken, requestTimestamp } from './cms/timestamp';
import { CmsMismatchError, InvalidOptionsError, PdfSigningError, PlaceholderTooSmallError, UnsupportedPdfError } from './errors';
import { dict, name, PdfDict, PdfRef, PdfString, PdfValue, writeValue } from './pdf/objects';
import { asTypedError, PageInfo, PdfReader } from './pdf/reader';
import { appendValidationData, gatherValidationData, mergeEvidence } from './ltv';
import { ValidationData } from './pdf/dss';
import { fetchOnce } from './trust/revocation';
import { IncrementalUpdate } from './pdf/writer';
import { assertCanSign } from './signers';
import { pdfDate } from './time';
import { PreparedSignature, PrepareOptions, SignOptions, TextStamp } from './types';

const DIGESTS: DigestAlgorithm[] = ['sha256', 'sha384', 'sha512'];

// Copy-and-hash step for the original bytes: small enough to stay in the L2 cache between the two.
const COPY_CHUNK = 256 * 1024;

// Annotation flags (PDF 32000 §12.5.3): Print 4, ReadOnly 64, Locked 128.
const SIGNATURE_WIDGET_FLAGS = 4 | 128;
const STAMP_FLAGS = 4 | 64 | 128;

/** The document with its placeholder, before a CMS goes in. */
interface PreparedDocument {
  output: Buffer;
  byteRange: [number, number, number, number];
  contentsOffset: number;
  placeholderSize: number;
  documentDigest: Buffer;
}

function chainDefaultPlaceholder(chain: ParsedCertificate[], timestamp: boolean, external: boolean): number {
  const certificates = chain.reduce((sum, c) => sum + c.der.length, 0);
  const key = chain[0].x509.publicKey;
  const signature = key.asymmetricKeyType === 'rsa' ? (key.asymmetricKeyDetails?.modulusLength ?? 4096) / 8 : 140;
  // Structure and attributes take well under 2 KB; a time-stamp token with its TSA chain 4–8 KB;
  // an external signer may add its own certificates and attributes.
  const estimate = certificates + signature + 2048 + (timestamp ? 12288 : 0) + (external ? 8192 : 0);
  return Math.ceil(estimate / 1024) * 1024;
}

function collectFieldNames(reader: PdfReader, acroForm: PdfDict | undefined): Set<string> {
  const names = new Set<string>();
  const seen = new Set<number>();
  const walk = (value: PdfValue | undefined, prefix: string, depth: number) => {
    if (depth > 32) return;
    if (value instanceof PdfRef) {
      if (seen.has(value.num)) return;
      seen.add(value.num);
    }
    const field = reader.resolveDict(value);
    if (!field) return;
    const partial = reader.resolve(field.get('T'));
    const full = partial instanceof PdfString ? (prefix ? `${prefix}.${partial.decodeText()}` : partial.decodeText()) : prefix;
    if (full) names.add(full);
    const kids = reader.resolve(field.get('Kids'));
    if (Array.isArray(kids)) for (const kid of kids) walk(kid, full, depth + 1);
  };
  const fields = reader.resolve(acroForm?.get('Fields'));
  if (Array.isArray(fields)) for (const field of fields) walk(field, '', 0);
  return names;
}

/** Refuses documents certified with "no changes allowed" (DocMDP P=1): any signature would break the certification. */
function assertChangesAllowed(reader: PdfReader, catalog: PdfDict): void {
  const perms = reader.resolveDict(catalog.get('Perms'));
  const docMdp = reader.resolveDict(perms?.get('DocMDP'));
  const references = reader.resolve(docMdp?.get('Reference'));
  for (const reference of Array.isArray(references) ? references : []) {
    const params = reader.resolveDict(reader.resolveDict(reference)?.get('TransformParams'));
    if (reader.resolve(params?.get('P')) === 1) {
      throw new UnsupportedPdfError({ vi: 'tài liệu đã được chứng thực và không cho phép thay đổi, kể cả thêm chữ ký.', en: 'the document is certified with no changes allowed, not even signatures.' });
    }
  }
}

function addAnnotations(reader: PdfReader, update: IncrementalUpdate, page: PageInfo, refs: PdfRef[]): void {
  const annots = page.dict.get('Annots');
  if (annots instanceof PdfRef) {
    const existing = reader.resolve(annots);
    if (Array.isArray(existing)) {
      update.setValue(annots, [...existing, ...refs]);
      return;
    }
  }
  const list = Array.isArray(annots) ? annots : [];
  update.setValue(page.ref, page.dict.clone().set('Annots', [...list, ...refs]));
}

function addFields(reader: PdfReader, update: IncrementalUpdate, catalogRef: PdfRef, catalog: PdfDict, fieldRefs: PdfRef[]): void {
  const current = catalog.get('AcroForm');
  const acroForm = (reader.resolveDict(current) ?? new PdfDict()).clone();
  const sigFlags = reader.resolve(acroForm.get('SigFlags'));
  // SignaturesExist | AppendOnly: viewers must save incrementally from now on.
  acroForm.set('SigFlags', (typeof sigFlags === 'number' ? sigFlags : 0) | 3);
  // NeedAppearances makes viewers redraw fields, which Acrobat reports as a change after signing.
  acroForm.delete('NeedAppearances');
  const fields = acroForm.get('Fields');
  const existing = reader.resolve(fields);
  if (fields instanceof PdfRef && Array.isArray(existing)) {
    update.setValue(fields, [...existing, ...fieldRefs]);
  } else {
    acroForm.set('Fields', [...(Array.isArray(existing) ? existing : []), ...fieldRefs]);
  }
  if (current instanceof PdfRef) {
    update.setValue(current, acroForm);
  } else {
    const acroFormRef = update.allocate();
    update.setValue(acroFormRef, acroForm);
    update.setValue(catalogRef, catalog.clone().set('AcroForm', acroFormRef));
  }
}

function checkPage(page: number, count: number, what: string): void {
  if (!Number.isInteger(page) || page < 1 || page > count) {
    throw new InvalidOptionsError({ vi: `trang ${page} của ${what} không có trong tài liệu (${count} trang).`, en: `page ${page} for the ${what} is not in the document (${count} pages).` });
  }
}

/**
 * Builds the incremental update (signature dictionary with a zero-filled /Contents, field and
 * widget, appearances, stamps, AcroForm and page changes), writes the output in one allocation,
 * and hashes the byte ranges in place.
 */
async function prepareDocument(pdf: Buffer, options: Omit<SignOptions, 'signer'>, chain: ParsedCertificate[], signingTime: Date, external: boolean): Promise<PreparedDocument> {
  const digest = options.digestAlgorithm ?? 'sha256';
  if (!DIGESTS.includes(digest)) throw new InvalidOptionsError({ vi: `thuật toán băm ${String(digest)} không được hỗ trợ.`, en: `digest algorithm ${String(digest)} is not supported.` });
  const placeholderSize = options.placeholderSize ?? chainDefaultPlaceholder(chain, !!options.timestamp, external);
  if (!Number.isInteger(placeholderSize) || placeholderSize < 256) {
    throw new InvalidOptionsError({ vi: 'kích thước vùng dành cho chữ ký không hợp lệ.', en: 'the placeholder size is invalid.' });
  }

  const reader = PdfReader.open(pdf);
  try {
    const catalogRef = reader.trailer.get('Root');
    if (!(catalogRef instanceof PdfRef)) throw new UnsupportedPdfError({ vi: 'danh mục tài liệu không phải đối tượng gián tiếp.', en: 'the document catalog is not an indirect object.' });
    const catalog = reader.catalog();
    assertChangesAllowed(reader, catalog);
    const pageCount = reader.pageCount();

    const fieldNames = collectFieldNames(reader, reader.resolveDict(catalog.get('AcroForm')));
    let fieldName = options.fieldName;
    if (fieldName !== undefined) {
      if (!fieldName || fieldName.includes('.') || fieldNames.has(fieldName)) {
        throw new InvalidOptionsError({ vi: `tên trường chữ ký "${fieldName}" không dùng được (trống, có dấu chấm hoặc đã có).`, en: `the signature field name "${fieldName}" cannot be used (empty, dotted or taken).` });
      }
    } else {
      let n = 1;
      while (fieldNames.has(`Signature${n}`)) n++;
      fieldName = `Signature${n}`;
    }

    const appearance = options.appearance;
    const widgetPageNumber = appearance ? (appearance.kind === 'attachment' ? 1 : appearance.page) : 1;
    checkPage(widgetPageNumber, pageCount, 'chữ ký / signature');
    const stamps: TextStamp[] = options.stamps ?? [];
    for (const stamp of stamps) checkPage(stamp.page, pageCount, 'dòng chữ / stamp');

    const pages = new Map<number, PageInfo>();
    const pageOf = (n: number) => {
      let page = pages.get(n);
      if (!page) {
        page = reader.page(n);
        pages.set(n, page);
      }
      return page;
    };

    const update = new IncrementalUpdate(reader);
    const sigRef = update.allocate();
    const widgetRef = update.allocate();

    let drawn: DrawnAppearance | undefined;
    const drawnStamps: DrawnAppearance[] = [];
    let xobjects: PdfRef[] = [];
    if (appearance || stamps.length) {
      const side = await SideDocument.create();
      if (appearance) drawn = drawAppearance(side, appearance, pageOf(widgetPageNumber), signingTime);
      for (const stamp of stamps) drawnStamps.push(drawStamp(side, stamp, pageOf(stamp.page)));
      xobjects = await side.copyInto(update, [...(drawn ? [drawn.xobject] : []), ...drawnStamps.map((s) => s.xobject)]);
    }
    const appearanceRef = drawn ? xobjects.shift() : undefined;

    // The signature dictionary, with fixed-width room for /ByteRange and zeros for /Contents.
    const text = (value: string | undefined) => (value ? writeValue(PdfString.text(value.normalize('NFC'))) : undefined);
    const signerName = options.name ?? parseCertificate(chain[0].x509).subject.get('2.5.4.3')?.[0];
    const byteRangeRoom = `[0 ${' '.repeat(32)}]`;
    const entries = [
      '/Type /Sig',
      '/Filter /Adobe.PPKLite',
      '/SubFilter /ETSI.CAdES.detached',
      `/ByteRange ${byteRangeRoom}`,
      `/Contents <${'0'.repeat(placeholderSize * 2)}>`,
      `/M ${writeValue(new PdfString(Buffer.from(pdfDate(signingTime), 'latin1')))}`,
      ...(['Name', 'Reason', 'Location', 'ContactInfo'] as const).flatMap((key) => {
        const value = text(key === 'Name' ? signerName : key === 'Reason' ? options.reason : key === 'Location' ? options.location : options.contactInfo);
        return value ? [`/${key} ${value}`] : [];
      }),
      '/Prop_Build <</App <</Name /VanThu>>>>',
    ];
    const sigBody = `<<${entries.join(' ')}>>`;
    update.setRaw(sigRef, [sigBody]);

    const widgetPage = pageOf(widgetPageNumber);
    update.setValue(
      widgetRef,
      dict({
        Type: name('Annot'),
        Subtype: name('Widget'),
        FT: name('Sig'),
        T: PdfString.text(fieldName),
        V: sigRef,
        F: SIGNATURE_WIDGET_FLAGS,
        P: widgetPage.ref,
        Rect: drawn ? drawn.rect : [0, 0, 0, 0],
        AP: appearanceRef ? dict({ N: appearanceRef }) : undefined,
      }),
    );

    const annotationsByPage = new Map<number, PdfRef[]>([[widgetPageNumber, [widgetRef]]]);
    stamps.forEach((stamp, index) => {
      const ref = update.allocate();
      const page = pageOf(stamp.page);
      update.setValue(
        ref,
        dict({
          Type: name('Annot'),
          Subtype: name('FreeText'),
          Rect: drawnStamps[index].rect,
          Contents: PdfString.text(stamp.text.normalize('NFC')),
          // Only used by a viewer that regenerates the appearance, which Locked and ReadOnly forbid.
          DA: new PdfString(Buffer.from(`/Helv ${stamp.fontSize ?? 13} Tf 0 g`, 'latin1')),
          F: STAMP_FLAGS,
          P: page.ref,
          M: new PdfString(Buffer.from(pdfDate(signingTime), 'latin1')),
          BS: dict({ W: 0 }),
          AP: dict({ N: xobjects[index] }),
        }),
      );
      annotationsByPage.set(stamp.page, [...(annotationsByPage.get(stamp.page) ?? []), ref]);
    });
    for (const [pageNumber, refs] of annotationsByPage) addAnnotations(reader, update, pageOf(pageNumber), refs);
    addFields(reader, update, catalogRef, catalog, [widgetRef]);

    const built = update.build();
    const sigOffset = pdf.length + (built.bodyOffsets.get(sigRef.num) ?? 0);
    const contentsOffset = sigOffset + sigBody.indexOf('/Contents <') + '/Contents '.length;
    const contentsEnd = contentsOffset + placeholderSize * 2 + 2;
    const total = pdf.length + built.bytes.length;
    const byteRange: [number, number, number, number] = [0, contentsOffset, contentsEnd, total - contentsEnd];

    // One allocation for the output. The original bytes all lie before /Contents, so they are
    // hashed chunk by chunk as they are copied, while each chunk is still in the CPU cache.
    const output = Buffer.allocUnsafe(total);
    const hash = createHash(digest);
    for (let at = 0; at < pdf.length; at += COPY_CHUNK) {
      const end = Math.min(pdf.length, at + COPY_CHUNK);
      pdf.copy(output, at, at, end);
      hash.update(output.subarray(at, end));
    }
    built.bytes.copy(output, pdf.length);
    const byteRangeText = `[${byteRange.join(' ')}`.padEnd(byteRangeRoom.length - 1, ' ') + ']';
    output.write(byteRangeText, sigOffset + sigBody.indexOf('/ByteRange ') + '/ByteRange '.length, 'latin1');
    const documentDigest = hash.update(output.subarray(pdf.length, contentsOffset)).update(output.subarray(contentsEnd)).digest();
    return { output, byteRange, contentsOffset, placeholderSize, documentDigest };
  } catch (error) {
    throw asTypedError(error);
  }
}

function writeCms(output: Buffer, contentsOffset: number, placeholderSize: number, cms: Buffer): void {
  if (cms.length > placeholderSize) throw new PlaceholderTooSmallError(cms.length, placeholderSize);
  output.write(cms.toString('hex'), contentsOffset + 1, 'latin1');
}

function chainOf(certificates: (X509Certificate | string)[]): ParsedCertificate[] {
  if (!certificates.length) throw new InvalidOptionsError({ vi: 'chưa có chứng thư số của người ký.', en: 'the signer’s certificate is missing.' });
  try {
    return certificates.map((c) => parseCertificate(toX509(c)));
  } catch (error) {
    if (error instanceof PdfSigningError) throw error;
    throw new InvalidOptionsError({ vi: 'chứng thư số không đọc được.', en: 'a certificate cannot be read.' });
  }
}

/**
 * Signs a PDF: the output is the input, byte for byte, followed by one incremental update that
 * adds a PAdES signature (B-B; B-T when a time-stamp authority is given), its field and widget,
 * its appearance and any text stamps. Earlier signatures stay valid. With `ltv`, the signer's
 * certificate is validated first and a second update adds the DSS (B-LT with a time-stamp).
 */
export async function signPdf(pdf: Buffer, options: SignOptions): Promise<Buffer> {
  const signingTime = options.signingTime ?? new Date();
  const chain = chainOf(options.signer.certificateChain);
  assertCanSign(chain[0].x509, signingTime);
  // Revocation data is fetched before signing: it then speaks for the signing time, and a
  // revoked certificate is refused (hard mode) before the token is asked for anything.
  const ltvData: ValidationData = { certificates: [], crls: [], ocspResponses: [] };
  const ltv = options.ltv && { ...options.ltv, revocation: { ...options.ltv.revocation, fetch: fetchOnce(options.ltv.revocation.fetch) } };
  if (ltv) {
    const validation = await gatherValidationData(chain[0].x509, chain.map((c) => c.x509), ltv, 'signing', signingTime);
    mergeEvidence(ltvData, validation.evidence);
  }
  const digest = options.digestAlgorithm ?? 'sha256';
  const prepared = await prepareDocument(pdf, options, chain, signingTime, false);
  const signedAttributes = buildSignedAttributes(digest, prepared.documentDigest, chain[0]);
  const signature = await options.signer.sign(signedAttributes, digest);
  // A signer whose key is not the certificate's would produce a file every validator rejects.
  if (!verifySignature(digest, signedAttributes, chain[0].x509.publicKey, signature)) {
    throw new CmsMismatchError({ vi: 'chữ ký do thiết bị ký trả về không khớp với chứng thư số.', en: 'the signature from the signer does not verify with its certificate.' });
  }
  const token = options.timestamp ? await requestTimestamp(options.timestamp, signature, digest) : null;
  const unsignedAttributes = token ? [timestampAttribute(token)] : [];
  const cms = buildSignedData({ digest, signedAttributes, signature, signer: chain[0], certificates: chain, unsignedAttributes });
  writeCms(prepared.output, prepared.contentsOffset, prepared.placeholderSize, cms);
  if (!ltv) return prepared.output;
  const tsa = token ? readTimestampToken(token) : null;
  if (tsa?.tsaCertificate) {
    const validation = await gatherValidationData(tsa.tsaCertificate.x509, [...tsa.signedData.certificates, ...chain.map((c) => c.der)], ltv, 'timestamping');
    mergeEvidence(ltvData, validation.evidence);
  }
  return appendValidationData(prepared.output, ltvData);
}

/**
 * External signing, step one: the PDF with its placeholder, and what the token or service must
 * sign (`signedAttributes`, or its hash `digestToSign`). The result is plain data.
 */
export async function prepareSignature(pdf: Buffer, options: PrepareOptions): Promise<PreparedSignature> {
  const signingTime = options.signingTime ?? new Date();
  const chain = chainOf(options.certificateChain);
  assertCanSign(chain[0].x509, signingTime);
  const digest = options.digestAlgorithm ?? 'sha256';
  const prepared = await prepareDocument(pdf, options, chain, signingTime, true);
  const signedAttributes = buildSignedAttributes(digest, prepared.documentDigest, chain[0]);
  return {
    pdf: prepared.output,
    byteRange: prepared.byteRange,
    contentsOffset: prepared.contentsOffset,
    placeholderSize: prepared.placeholderSize,
    digestAlgorithm: digest,
    documentDigest: prepared.documentDigest,
    signedAttributes,
    digestToSign: createHash(digest).update(signedAttributes).digest(),
    certificateChainPem: chain.map((c) => c.x509.toString()),
    signingTime: signingTime.toISOString(),
  };
}

const mismatch = (vi: string, en: string) => new CmsMismatchError({ vi, en });

/**
 * External signing, step two: puts the token's result into the prepared PDF. Either a whole
 * CMS (its message-digest, signer certificate and signature are checked against the prepared
 * document) or a raw signature over `signedAttributes` (checked, then wrapped in a CMS here).
 */
export function embedSignature(prepared: PreparedSignature, result: { cms: Buffer } | { signature: Buffer }): Buffer {
  const chain = chainOf(prepared.certificateChainPem);
  const { pdf, byteRange, contentsOffset, placeholderSize, digestAlgorithm } = prepared;
  const contentsEnd = contentsOffset + placeholderSize * 2 + 2;
  if (pdf[contentsOffset] !== 0x3c || pdf[contentsEnd - 1] !== 0x3e || byteRange[1] !== contentsOffset || byteRange[2] !== contentsEnd || byteRange[2] + byteRange[3] !== pdf.length) {
    throw mismatch('tệp PDF không còn là tệp đã chuẩn bị.', 'the PDF is no longer the prepared one.');
  }
  const documentDigest = createHash(digestAlgorithm).update(pdf.subarray(0, contentsOffset)).update(pdf.subarray(contentsEnd)).digest();
  if (!documentDigest.equals(prepared.documentDigest)) throw mismatch('tệp PDF không còn là tệp đã chuẩn bị.', 'the PDF is no longer the prepared one.');

  let cms: Buffer;
  if ('signature' in result) {
    if (!verifySignature(digestAlgorithm, prepared.signedAttributes, chain[0].x509.publicKey, result.signature)) {
      throw mismatch('chữ ký không khớp với chứng thư số hoặc với dữ liệu đã chuẩn bị.', 'the signature does not match the certificate or the prepared data.');
    }
    cms = buildSignedData({ digest: digestAlgorithm, signedAttributes: prepared.signedAttributes, signature: result.signature, signer: chain[0], certificates: chain });
  } else {
    let parsed;
    try {
      parsed = parseSignedData(result.cms);
    } catch {
      throw mismatch('dữ liệu nhận được không phải CMS SignedData.', 'what was received is not a CMS SignedData.');
    }
    const signerInfo = parsed.signerInfos[0];
    if (!signerInfo) throw mismatch('CMS không có thông tin người ký.', 'the CMS has no signer.');
    const digestInCms = messageDigestOf(signerInfo);
    if (!digestInCms || !digestInCms.equals(prepared.documentDigest)) throw mismatch('giá trị băm (message-digest) không phải của tài liệu này.', 'its message-digest is not this document’s.');
    const leaf = chain[0];
    if (!signerInfoNames(signerInfo, leaf)) throw mismatch('CMS được ký bằng chứng thư số khác.', 'the CMS was signed with another certificate.');
    if (!signerInfo.signedAttributes || !verifySignerInfo(signerInfo, leaf, signerInfo.signedAttributes)) {
      throw mismatch('chữ ký trong CMS không hợp lệ.', 'the signature in the CMS does not verify.');
    }
    const hasLeaf = parsed.certificates.some((c) => c.equals(leaf.der));
    cms = hasLeaf ? parsed.bytes : wrapSignerInfo(signerInfo.tlv.bytes, raw(signerInfo.tlv.child(2).bytes), [...chain.map((c) => c.der), ...parsed.certificates]);
  }
  const output = Buffer.from(pdf);
  writeCms(output, contentsOffset, placeholderSize, cms);
  return output;
}

interface SerializedPrepared {
  format: 'vanthu-prepared-signature/1';
  byteRange: [number, number, number, number];
  contentsOffset: number;
  placeholderSize: number;
  digestAlgorithm: DigestAlgorithm;
  documentDigest: string;
  signedAttributes: string;
  digestToSign: string;
  certificateChainPem: string[];
  signingTime: string;
}

/** A prepared signature as JSON plus the PDF bytes, to keep between two requests. */
export function serializePrepared(p: PreparedSignature): { json: string; pdf: Buffer } {
  const data: SerializedPrepared = {
    format: 'vanthu-prepared-signature/1',
    byteRange: p.byteRange,
    contentsOffset: p.contentsOffset,
    placeholderSize: p.placeholderSize,
    digestAlgorithm: p.digestAlgorithm,
    documentDigest: p.documentDigest.toString('base64'),
    signedAttributes: p.signedAttributes.toString('base64'),
    digestToSign: p.digestToSign.toString('base64'),
    certificateChainPem: p.certificateChainPem,
    signingTime: p.signingTime,
  };
  return { json: JSON.stringify(data), pdf: p.pdf };
}

/** The prepared signature {@link serializePrepared} wrote; refuses a PDF that is not the one prepared. */
export function deserializePrepared(json: string, pdf: Buffer): PreparedSignature {
  let data: SerializedPrepared;
  try {
    data = JSON.parse(json) as SerializedPrepared;
  } catch {
    throw new InvalidOptionsError({ vi: 'dữ liệu chữ ký đã chuẩn bị không đọc được.', en: 'the prepared signature data cannot be read.' });
  }
  const numbers = [...(data.byteRange ?? []), data.contentsOffset, data.placeholderSize];
  if (data.format !== 'vanthu-prepared-signature/1' || data.byteRange?.length !== 4 || !numbers.every(Number.isSafeInteger) || !DIGESTS.includes(data.digestAlgorithm)) {
    throw new InvalidOptionsError({ vi: 'dữ liệu chữ ký đã chuẩn bị không hợp lệ.', en: 'the prepared signature data is invalid.' });
  }
  const prepared: PreparedSignature = {
    pdf,
    byteRange: data.byteRange,
    contentsOffset: data.contentsOffset,
    placeholderSize: data.placeholderSize,
    digestAlgorithm: data.digestAlgorithm,
    documentDigest: Buffer.from(data.documentDigest, 'base64'),
    signedAttributes: Buffer.from(data.signedAttributes, 'base64'),
    digestToSign: Buffer.from(data.digestToSign, 'base64'),
    certificateChainPem: data.certificateChainPem,
    signingTime: data.signingTime,
  };
  if (pdf.length !== data.byteRange[2] + data.byteRange[3]) throw mismatch('tệp PDF không phải tệp đã chuẩn bị.', 'the PDF is not the prepared one.');
  return prepared;
}
