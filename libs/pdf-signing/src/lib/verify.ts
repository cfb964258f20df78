import { createHash, X509Certificate } from 'node:crypto';

import { displayName, NAME_OID, NameFields, parseCertificate, ParsedCertificate, toX509 } from './cms/certificate';
import { digestName, messageDigestOf, OIDS, parseSignedData, ParsedSignerInfo, signerInfoNames, verifySignerInfo } from './cms/cms';
import { readTimestampToken } from './cms/timestamp';
import { BilingualText } from './errors';
import { readDss, ValidationData } from './pdf/dss';
import { PdfDict, PdfRef, PdfString, PdfValue, sameValue } from './pdf/objects';
import { asTypedError, PdfReader } from './pdf/reader';
import { signatureFields } from './pdf/signature-fields';
import { parsePdfDate, vietnamIso, vietnamReadable } from './time';
import { crlUrls, ocspUrls, pkijsCertificate } from './trust/pkix';
import { fetchOnce, RevocationFetcher } from './trust/revocation';
import { CertificateValidation, validateCertificate } from './trust/validate';
import { PadesLevel, SignatureReport, VerificationReport, VerifyOptions } from './types';

const PROBLEM = {
  byteRange: { vi: 'Vùng dữ liệu được ký (/ByteRange) không hợp lệ.', en: 'The signed byte range (/ByteRange) is invalid.' },
  unreadable: { vi: 'Không đọc được chữ ký (CMS) trong tệp.', en: 'The signature (CMS) in the file cannot be read.' },
  noSignerCertificate: { vi: 'Chữ ký không kèm chứng thư số của người ký.', en: 'The signature does not carry the signer’s certificate.' },
  integrity: { vi: 'Nội dung được ký đã bị thay đổi (giá trị băm không khớp).', en: 'The signed content has been altered (digest mismatch).' },
  cryptographic: { vi: 'Chữ ký số không hợp lệ: không xác minh được bằng khóa công khai của chứng thư số.', en: 'The signature does not verify with the certificate’s public key.' },
  untrusted: { vi: 'Chứng thư số không được cấp bởi tổ chức chứng thực tin cậy.', en: 'The certificate does not chain up to a trusted root.' },
  notValidAtSigningTime: { vi: 'Chứng thư số không có hiệu lực tại thời điểm ký.', en: 'The certificate was not valid at the signing time.' },
  revoked: { vi: 'Chứng thư số đã bị thu hồi.', en: 'The certificate has been revoked.' },
  content: { vi: 'Nội dung tài liệu đã bị thay đổi sau khi ký.', en: 'The document content was changed after this signature.' },
  timestamp: { vi: 'Dấu thời gian kèm chữ ký không hợp lệ hoặc không tin cậy.', en: 'The signature time-stamp is invalid or not trusted.' },
  keyUsage: { vi: 'Chứng thư số này không được cấp cho mục đích ký số (thiếu digitalSignature/nonRepudiation).', en: 'This certificate is not issued for digital signatures (no digitalSignature/nonRepudiation key usage).' },
  revocationUnknown: { vi: 'Không xác định được tình trạng thu hồi của chứng thư số.', en: 'The revocation status of the certificate could not be established.' },
  unsupportedSubFilter: { vi: 'Định dạng chữ ký không được hỗ trợ.', en: 'The signature format is not supported.' },
} satisfies Record<string, BilingualText>;

function issuedBy(child: ParsedCertificate, parent: ParsedCertificate): boolean {
  try {
    return child.x509.checkIssued(parent.x509) && child.x509.verify(parent.x509.publicKey);
  } catch {
    return false;
  }
}

const label = (c: ParsedCertificate) => displayName(c.subject) || c.serialHex;

/**
 * Where a path that pkijs could not complete stops, in words for the report: the walk follows
 * issuers by name and signature through the certificates at hand (a diagnostic only; the
 * verdict is pkijs's).
 */
function missingLink(leaf: ParsedCertificate, pool: ParsedCertificate[], roots: ParsedCertificate[]): string {
  const seen = [leaf];
  for (let current = leaf; seen.length <= 10; ) {
    if (roots.some((root) => issuedBy(current, root))) return 'the path to a trusted root is invalid (a certificate of it is not a CA or not valid)';
    const issuer = pool.find((c) => !seen.includes(c) && !c.der.equals(current.der) && issuedBy(current, c));
    if (!issuer) return issuedBy(current, current) ? `self-signed certificate "${label(current)}" is not a trusted root` : `no issuer found for "${label(current)}"`;
    if (!issuer.isCa || (issuer.keyUsage && !issuer.keyUsage.has('keyCertSign'))) return `"${label(issuer)}" is not a certification authority`;
    seen.push(issuer);
    current = issuer;
  }
  return 'certification path too long';
}

const ADOBE_REVOCATION_ARCHIVAL = '1.2.840.113583.1.1.8';

/** CRLs and OCSP responses an Adobe-style signature carries in its adbe-revocationInfoArchival signed attribute. */
function archivedRevocation(signerInfo: ParsedSignerInfo): { crls: Buffer[]; ocspResponses: Buffer[] } {
  const out = { crls: [] as Buffer[], ocspResponses: [] as Buffer[] };
  try {
    const value = signerInfo.attributes.get(ADOBE_REVOCATION_ARCHIVAL)?.[0];
    for (const part of value?.children ?? []) {
      if (part.contextTag === 0) out.crls.push(...part.child(0).children.map((c) => c.bytes));
      if (part.contextTag === 1) out.ocspResponses.push(...part.child(0).children.map((c) => c.bytes));
    }
  } catch {
    // A malformed attribute contributes nothing.
  }
  return out;
}

const ANNOTATION_TYPES = new Set(['Annot']);
const isAnnotation = (value: PdfValue | undefined): boolean => value instanceof PdfDict && (ANNOTATION_TYPES.has(value.name('Type') ?? '') || (value.has('Subtype') && value.has('Rect')));
const isField = (value: PdfValue | undefined): boolean => value instanceof PdfDict && (value.has('FT') || value.has('T') || value.has('Kids')) && !value.has('Type');

function changedKeys(a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.map.keys(), ...b.map.keys()]);
  return [...keys].filter((key) => !sameValue(a.get(key), b.get(key)));
}

/**
 * What the updates after a signature do: nothing, only add or change signatures, fields,
 * widgets, annotations and their bookkeeping (AcroForm, DSS, the Info dictionary), or change
 * anything else (page content, resources, the page tree, …).
 */
function modificationsAfter(reader: PdfReader, coversUpTo: number): 'none' | 'signatures-only' | 'content' {
  const after = reader.sections.filter((s) => s.offset >= coversUpTo);
  const before = reader.sections.filter((s) => s.offset < coversUpTo);
  if (!after.length) {
    const rest = reader.buf.subarray(coversUpTo);
    return /^[\s\0]*$/.test(rest.toString('latin1', 0, Math.min(rest.length, 4096))) && rest.length <= 4096 ? 'none' : 'content';
  }
  if (!before.length) return 'content';
  const refNum = (value: PdfValue | undefined) => (value instanceof PdfRef ? value.num : -1);
  const rootNum = refNum(before[0].trailer.get('Root'));
  const infoNum = refNum(before[0].trailer.get('Info'));
  const oldCatalog = reader.resolveDict(before[0].trailer.get('Root'), before);
  const acroFormNum = refNum(oldCatalog?.get('AcroForm'));
  const dssNum = refNum(oldCatalog?.get('DSS'));

  const numbers = new Set<number>();
  for (const section of after) {
    for (const num of section.numbers()) numbers.add(num);
    for (const num of section.hybridStream?.numbers() ?? []) numbers.add(num);
  }
  for (const num of numbers) {
    const oldEntry = reader.lookup(num, before);
    if (!oldEntry || oldEntry.type === 0) continue;
    const newEntry = reader.lookup(num);
    if (newEntry && newEntry.type === oldEntry.type && newEntry.offset === oldEntry.offset && newEntry.gen === oldEntry.gen) continue;
    const old = reader.getObject(num, before);
    const current = newEntry && newEntry.type !== 0 ? reader.getObject(num) : undefined;
    if (current !== undefined && sameValue(old, current)) continue;
    if (!allowedChange(reader, num, old, current, { rootNum, infoNum, acroFormNum, dssNum })) return 'content';
  }
  return 'signatures-only';
}

function allowedChange(
  reader: PdfReader,
  num: number,
  old: PdfValue,
  current: PdfValue | undefined,
  known: { rootNum: number; infoNum: number; acroFormNum: number; dssNum: number },
): boolean {
  if (current === undefined) return isAnnotation(old);
  if (num === known.infoNum || num === known.acroFormNum || num === known.dssNum) return true;
  if (old instanceof PdfDict && current instanceof PdfDict) {
    if (num === known.rootNum) return changedKeys(old, current).every((key) => key === 'AcroForm' || key === 'DSS' || key === 'Extensions');
    if (old.name('Type') === 'Page') return changedKeys(old, current).every((key) => key === 'Annots');
    if (old.name('Type') === 'Sig' || old.name('Type') === 'DocTimeStamp') return false;
    // A field or widget may get kids or be filled; an existing signature value may not be replaced.
    if (isAnnotation(old) || isField(old)) return !(old.has('V') && !sameValue(old.get('V'), current.get('V')) && old.name('FT') === 'Sig');
    return false;
  }
  if (Array.isArray(old) && Array.isArray(current)) {
    // /Annots and /Fields arrays: every entry must still be an annotation or a field.
    return current.every((item) => {
      const target = reader.resolve(item);
      return isAnnotation(target) || isField(target);
    });
  }
  return false;
}

function nameField(fields: NameFields, oid: string): string | null {
  return fields.get(oid)?.[0] ?? null;
}

function signerOf(certificate: ParsedCertificate | null): SignatureReport['signer'] {
  const fields = certificate?.subject ?? new Map<string, string[]>();
  return {
    commonName: nameField(fields, NAME_OID.commonName),
    organisation: nameField(fields, NAME_OID.organisation),
    organisationalUnit: nameField(fields, NAME_OID.organisationalUnit),
    title: nameField(fields, NAME_OID.title),
    locality: nameField(fields, NAME_OID.locality),
    province: nameField(fields, NAME_OID.province),
    country: nameField(fields, NAME_OID.country),
    uid: nameField(fields, NAME_OID.uid),
    serialNumber: nameField(fields, NAME_OID.serialNumber),
    email: nameField(fields, NAME_OID.email),
    display: displayName(fields),
  };
}

const numbersOf = (reader: PdfReader, value: PdfValue | undefined): number[] | null => {
  const array = reader.resolve(value);
  if (!Array.isArray(array)) return null;
  const numbers = array.map((item) => reader.resolve(item));
  return numbers.every((n): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) ? numbers : null;
};

interface Context {
  reader: PdfReader;
  roots: ParsedCertificate[];
  intermediates: X509Certificate[];
  crls: Buffer[];
  ocspResponses: Buffer[];
  fetch: RevocationFetcher | undefined;
  mode: 'hard' | 'soft';
  /** The document's own validation data (DSS). */
  dss: ValidationData;
  at: Date;
}

const hasRevocationPointers = (certificate: X509Certificate) => {
  const parsed = pkijsCertificate(certificate);
  return crlUrls(parsed).length > 0 || ocspUrls(parsed).length > 0;
};

/**
 * Whether the document alone (its DSS and the signature's own data) validates a certificate at a
 * time, offline: what PAdES B-LT asks. Certificates that name no revocation source count as covered.
 */
async function documentCovers(
  ctx: Context,
  certificate: X509Certificate,
  pool: Buffer[],
  archived: { crls: Buffer[]; ocspResponses: Buffer[] },
  at: Date,
  usage: 'signing' | 'timestamping',
  done: CertificateValidation,
): Promise<boolean> {
  // Verified offline with nothing but the document's data, the validation already made is this one.
  const documentOnly = !ctx.fetch && !ctx.crls.length && !ctx.ocspResponses.length && !ctx.intermediates.length;
  const offline = documentOnly && done.at.getTime() === at.getTime() ? done : await validateCertificate(certificate, {
    anchors: ctx.roots.map((r) => r.x509),
    intermediates: [...pool, ...ctx.dss.certificates],
    at,
    usage,
    mode: 'hard',
    revocation: { crls: [...ctx.dss.crls, ...archived.crls], ocspResponses: [...ctx.dss.ocspResponses, ...archived.ocspResponses] },
    now: ctx.at,
  });
  if (offline.checks.chain && offline.checks.validity && offline.checks.keyUsage && offline.checks.revocation === 'good') return true;
  return offline.failedRule === 'revocation' && offline.checks.revocation === 'unknown' && offline.path.slice(0, -1).every((c, i) => offline.revocation.certificates[i]?.status === 'good' || !hasRevocationPointers(c));
}

async function verifySignature(ctx: Context, field: { fieldName: string; signature: PdfDict }): Promise<SignatureReport> {
  const { reader } = ctx;
  const buf = reader.buf;
  const dict = field.signature;
  const problems: BilingualText[] = [];
  const subFilter = dict.name('SubFilter') ?? '';
  const byteRange = numbersOf(reader, dict.get('ByteRange')) ?? [];
  const mValue = reader.resolve(dict.get('M'));
  const claimedTime = mValue instanceof PdfString ? parsePdfDate(mValue.decodeText()) : null;

  const report: SignatureReport = {
    index: 0,
    fieldName: field.fieldName,
    subFilter,
    signer: signerOf(null),
    certificatePem: '',
    issuer: '',
    serial: '',
    notBefore: '',
    notAfter: '',
    signingTime: claimedTime ? vietnamIso(claimedTime) : null,
    timestampTime: null,
    digestAlgorithm: '',
    byteRange,
    coversUpTo: byteRange.length === 4 ? byteRange[2] + byteRange[3] : 0,
    bytesAfter: 0,
    integrity: false,
    cryptographicallyValid: false,
    trusted: false,
    chainError: null,
    validAtSigningTime: false,
    keyUsageValid: false,
    revoked: null,
    revocation: { status: 'unknown', source: null, revokedAt: null, reason: null, certificates: [] },
    validationTime: vietnamIso(ctx.at),
    validationTimeSource: 'verification',
    level: null,
    modifiedAfter: 'content',
    problems,
    warnings: [],
    summary: { vi: '', en: '' },
  };
  report.bytesAfter = Math.max(0, buf.length - report.coversUpTo);
  const finish = () => summarise(report);

  // The signed ranges must be [0, gap) and [gap end, end of a revision], the gap exactly the /Contents hex string.
  const [start, length1, offset2, length2] = byteRange;
  const rangeOk =
    byteRange.length === 4 && start === 0 && length1 > 0 && offset2 > length1 && offset2 + length2 <= buf.length && buf[length1] === 0x3c && buf[offset2 - 1] === 0x3e;
  const contents = reader.resolve(dict.get('Contents'));
  const gapHex = rangeOk ? buf.toString('latin1', length1 + 1, offset2 - 1) : '';
  if (!rangeOk || !/^[0-9a-fA-F]*$/.test(gapHex) || !(contents instanceof PdfString) || !Buffer.from(gapHex, 'hex').equals(contents.bytes)) {
    problems.push(PROBLEM.byteRange);
    return finish();
  }
  report.modifiedAfter = modificationsAfter(reader, report.coversUpTo);

  let signerInfo: ParsedSignerInfo;
  let signed: ReturnType<typeof parseSignedData>;
  try {
    signed = parseSignedData(contents.bytes);
    signerInfo = signed.signerInfos[0];
    if (!signerInfo) throw new Error('no SignerInfo');
  } catch {
    problems.push(PROBLEM.unreadable);
    return finish();
  }
  const pool = signed.certificates.flatMap((der) => {
    try {
      return [parseCertificate(new X509Certificate(der))];
    } catch {
      return [];
    }
  });
  const signer = pool.find((c) => signerInfoNames(signerInfo, c)) ?? null;
  const digest = digestName(signerInfo.digestOid);
  report.digestAlgorithm = digest ?? signerInfo.digestOid;
  if (!signer) {
    problems.push(PROBLEM.noSignerCertificate);
    return finish();
  }
  report.signer = signerOf(signer);
  report.certificatePem = signer.x509.toString();
  report.issuer = displayName(signer.issuer);
  report.serial = signer.serialHex;
  report.notBefore = signer.notBefore.toISOString();
  report.notAfter = signer.notAfter.toISOString();

  if (!digest || !['adbe.pkcs7.detached', 'ETSI.CAdES.detached', 'adbe.pkcs7.sha1'].includes(subFilter)) {
    problems.push(PROBLEM.unsupportedSubFilter);
    return finish();
  }
  const rangesHash = (algorithm: string) => createHash(algorithm).update(buf.subarray(0, length1)).update(buf.subarray(offset2, offset2 + length2)).digest();
  if (subFilter === 'adbe.pkcs7.sha1') {
    // The content is the SHA-1 of the ranges, and the CMS signs that content.
    const content = signed.eContent;
    report.integrity = !!content && content.equals(rangesHash('sha1')) && (!signerInfo.signedAttributes || !!messageDigestOf(signerInfo)?.equals(createHash(digest).update(content).digest()));
    report.cryptographicallyValid = verifySignerInfo(signerInfo, signer, signerInfo.signedAttributes ?? content ?? Buffer.alloc(0));
  } else if (signerInfo.signedAttributes) {
    report.integrity = !!messageDigestOf(signerInfo)?.equals(rangesHash(digest));
    report.cryptographicallyValid = verifySignerInfo(signerInfo, signer, signerInfo.signedAttributes);
  } else {
    // No signed attributes: the signature is over the ranges themselves.
    report.cryptographicallyValid = verifySignerInfo(signerInfo, signer, Buffer.concat([buf.subarray(0, length1), buf.subarray(offset2, offset2 + length2)]));
    report.integrity = report.cryptographicallyValid;
  }
  if (!report.integrity) problems.push(PROBLEM.integrity);
  if (!report.cryptographicallyValid) problems.push(PROBLEM.cryptographic);

  const archived = archivedRevocation(signerInfo);
  const revocationSource = {
    crls: [...ctx.crls, ...ctx.dss.crls, ...archived.crls],
    ocspResponses: [...ctx.ocspResponses, ...ctx.dss.ocspResponses, ...archived.ocspResponses],
    fetch: ctx.fetch,
  };
  const anchors = ctx.roots.map((r) => r.x509);
  const cmsCertificates = signed.certificates;

  // A signature time-stamp vouches for the signing time when it is intact and its authority valid and trusted at its time.
  let timestampOk = true;
  const tokenElement = signerInfo.unsignedAttributes.get(OIDS.timeStampToken)?.[0];
  let timestamp: Date | null = null;
  let tsaCertificate: X509Certificate | null = null;
  let tsaPool: Buffer[] = [];
  let tsaValidation: CertificateValidation | null = null;
  if (tokenElement) {
    timestampOk = false;
    try {
      const token = readTimestampToken(tokenElement.bytes);
      const imprintMatches = !!token.imprintAlgorithm && createHash(token.imprintAlgorithm).update(signerInfo.signature).digest().equals(token.imprint);
      if (imprintMatches && token.signatureValid && token.tsaCertificate) {
        tsaCertificate = token.tsaCertificate.x509;
        tsaPool = [...token.signedData.certificates, ...cmsCertificates];
        const tsa = await validateCertificate(tsaCertificate, {
          anchors,
          intermediates: [...tsaPool, ...ctx.intermediates.map((c) => c.raw), ...ctx.dss.certificates],
          at: token.genTime,
          usage: 'timestamping',
          revocation: revocationSource,
          // The authority's own revocation only warns: unknown is common and the signature's verdict is about the signer.
          mode: 'soft',
          now: ctx.at,
        });
        tsaValidation = tsa;
        report.warnings.push(...tsa.warnings);
        if (tsa.valid) {
          timestamp = token.genTime;
          timestampOk = true;
        }
      }
    } catch {
      timestampOk = false;
    }
    if (!timestampOk) problems.push(PROBLEM.timestamp);
  }
  report.timestampTime = timestamp ? vietnamIso(timestamp) : null;

  // The certificates are checked at the time-stamp's time, else at the time the signer claims, else now.
  const validationTime = timestamp ?? claimedTime ?? ctx.at;
  report.validationTime = vietnamIso(validationTime);
  report.validationTimeSource = timestamp ? 'timestamp' : claimedTime ? 'claimed' : 'verification';
  const validation: CertificateValidation = await validateCertificate(signer.x509, {
    anchors,
    intermediates: [...cmsCertificates, ...ctx.intermediates.map((c) => c.raw), ...ctx.dss.certificates],
    at: validationTime,
    // Without a trusted time, the status that counts is today's: any revocation the data lists.
    revocationAt: timestamp ?? ctx.at,
    usage: 'signing',
    revocation: revocationSource,
    mode: ctx.mode,
    now: ctx.at,
  });
  report.trusted = validation.checks.chain;
  report.chainError = validation.checks.chain ? null : missingLink(signer, pool, ctx.roots);
  if (!report.trusted) problems.push({ vi: `${PROBLEM.untrusted.vi} (${report.chainError})`, en: `${PROBLEM.untrusted.en} (${report.chainError})` });
  report.validAtSigningTime = validation.checks.validity;
  if (!report.validAtSigningTime) problems.push(PROBLEM.notValidAtSigningTime);
  report.keyUsageValid = validation.checks.keyUsage;
  if (!report.keyUsageValid) problems.push(PROBLEM.keyUsage);

  const leafRevocation = validation.revocation.certificates[0];
  const status = validation.checks.revocation;
  report.revocation = {
    status,
    source: validation.revocation.source,
    revokedAt: validation.revocation.revokedAt ? validation.revocation.revokedAt.toISOString() : null,
    reason: validation.revocation.reason,
    certificates: validation.revocation.certificates.map((c) => ({ subject: c.subject, status: c.status, source: c.source, url: c.url })),
  };
  report.revoked = status === 'revoked' ? true : leafRevocation?.status === 'good' ? false : null;
  if (status === 'revoked') problems.push(PROBLEM.revoked);
  else if (status === 'unknown' && report.trusted) {
    if (ctx.mode === 'hard') problems.push(PROBLEM.revocationUnknown);
    else report.warnings.push(...validation.warnings);
  }
  if (report.modifiedAfter === 'content') problems.push(PROBLEM.content);

  // PAdES baseline level (ETSI EN 319 142-1 §6): B-B a CAdES-detached signature naming its certificate;
  // B-T with a valid signature time-stamp; B-LT when the document alone holds what validates both offline.
  const namesCertificate = signerInfo.attributes.has(OIDS.signingCertificateV2) || signerInfo.attributes.has(OIDS.signingCertificate);
  if (isValid(report) && subFilter === 'ETSI.CAdES.detached' && namesCertificate) {
    let level: PadesLevel = 'B-B';
    if (timestamp && tsaCertificate && tsaValidation) {
      level = 'B-T';
      const covered =
        (await documentCovers(ctx, signer.x509, cmsCertificates, archived, timestamp, 'signing', validation)) &&
        (await documentCovers(ctx, tsaCertificate, tsaPool, archived, timestamp, 'timestamping', tsaValidation));
      if (covered) level = 'B-LT';
    }
    report.level = level;
  }
  return finish();
}

function isValid(report: SignatureReport): boolean {
  return (
    report.problems.length === 0 &&
    report.integrity &&
    report.cryptographicallyValid &&
    report.trusted &&
    report.validAtSigningTime &&
    report.keyUsageValid &&
    report.revocation.status !== 'revoked' &&
    report.modifiedAfter !== 'content'
  );
}

function summarise(report: SignatureReport): SignatureReport {
  const who = report.signer.display || report.fieldName;
  const iso = report.timestampTime ?? report.signingTime;
  const when = iso ? vietnamReadable(new Date(iso)) : null;
  if (isValid(report)) {
    report.summary = {
      vi: `Chữ ký số hợp lệ của ${who}${when ? `, ký lúc ${when.vi}` : ''}${report.timestampTime ? ' (có dấu thời gian)' : ''}.`,
      en: `Valid signature by ${who}${when ? `, signed at ${when.en}` : ''}${report.timestampTime ? ' (time-stamped)' : ''}.`,
    };
  } else {
    report.summary = {
      vi: `Chữ ký số của ${who} không hợp lệ: ${report.problems.map((p) => p.vi.replace(/\.$/, '').replace(/^./, (c) => c.toLocaleLowerCase('vi'))).join('; ')}.`,
      en: `The signature by ${who} is not valid: ${report.problems.map((p) => p.en.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())).join('; ')}.`,
    };
  }
  return report;
}

/**
 * Verifies every signature of a PDF: integrity of the signed bytes, the CMS signature, the
 * path to the trusted roots (pkijs), validity at the signing time (a valid time-stamp's time,
 * else /M), key usage, revocation of the path from the document's DSS, the signature's own
 * archived data, the CRLs and OCSP responses given and, with a fetcher, the certificates'
 * responders; what the updates after it changed; and the PAdES level reached. Plain data out.
 */
export async function verifyPdf(pdf: Buffer, options: VerifyOptions): Promise<VerificationReport> {
  const reader = PdfReader.open(pdf);
  try {
    const roots = options.trustedRoots.map((root) => parseCertificate(toX509(root)));
    const toBuffer = (item: Buffer | string) => (typeof item === 'string' ? Buffer.from(item, 'latin1') : item);
    const ctx: Context = {
      reader,
      roots,
      intermediates: (options.intermediates ?? []).map((c) => toX509(c)),
      crls: (options.crls ?? []).map(toBuffer),
      ocspResponses: options.ocspResponses ?? [],
      fetch: fetchOnce(options.fetch),
      mode: options.revocationMode ?? 'soft',
      dss: readDss(reader),
      at: options.at ?? new Date(),
    };
    const reports: SignatureReport[] = [];
    for (const field of signatureFields(reader)) reports.push(await verifySignature(ctx, field));
    const signatures = reports.sort((a, b) => a.coversUpTo - b.coversUpTo).map((report, index) => ({ ...report, index }));
    return { valid: signatures.length > 0 && signatures.every(isValid), signatures };
  } catch (error) {
    throw asTypedError(error);
  }
}
