import { X509Certificate } from 'node:crypto';

import * as pkijs from 'pkijs';

import { toX509 } from '../cms/certificate';
import { BilingualText, CertificateRejectedError, ValidationRule } from '../errors';
import { certificateDer, describe, extendedKeyUsage, keyUsageAllows, pkiCrypto, pkijsCertificate, PKIX } from './pkix';
import { CertificateRevocation, RevocationChecker, RevocationDataSource, RevocationEvidence, RevocationSource, RevocationStatus } from './revocation';

/** What a certificate is being accepted for. */
export type CertificateUsage = 'signing' | 'timestamping';

/** How to validate a certificate. */
export interface ValidateCertificateOptions {
  /** The trust anchors the administrator configured (never the system store). */
  anchors: (X509Certificate | string | Buffer)[];
  /** Certificates that may complete the path (a signature's own, configured intermediates, a DSS). */
  intermediates?: (X509Certificate | string | Buffer)[];
  /** The time that matters (signing or time-stamp time); default now. */
  at?: Date;
  /**
   * When the revocation status is asked for (default `at`). A signature without a trusted time
   * asks for the status now: its claimed signing time could be backdated past a revocation.
   */
  revocationAt?: Date;
  /** Absent: revocation is not checked and its status is unknown. */
  revocation?: RevocationSource;
  /** `hard`: an unknown revocation status refuses the certificate; `soft`: accepted with a warning. */
  mode: 'hard' | 'soft';
  /** Default `signing`: keyUsage digitalSignature or nonRepudiation. `timestamping`: also extendedKeyUsage timeStamping. */
  usage?: CertificateUsage;
  /** The time of the check itself (default now): revocation data issued after it is refused. */
  now?: Date;
}

/** The outcome of {@link validateCertificate}: each rule, and the first one that failed. */
export interface CertificateValidation {
  /** Every rule holds (in soft mode, an unknown revocation status does not count against it). */
  valid: boolean;
  /** The first rule that failed, in the order chain, validity, key-usage, revocation; null when valid. */
  failedRule: ValidationRule | null;
  checks: {
    /** A path from the certificate to a configured anchor, each link signed by the next and issued by a CA. */
    chain: boolean;
    /** Every certificate of the path within its validity at `at`. */
    validity: boolean;
    /** The certificate may be used for `usage`. */
    keyUsage: boolean;
    revocation: RevocationStatus;
  };
  /** The path, the certificate first and the anchor last (just the certificate when none was found). */
  path: X509Certificate[];
  /** Why no path was found (English, for logs), or null. */
  chainError: string | null;
  at: Date;
  revocation: {
    /** revoked if any certificate of the path is revoked at `at`; unknown if any status is unknown; else good. */
    status: RevocationStatus;
    /** Where the certificate's own status came from. */
    source: RevocationDataSource | null;
    revokedAt: Date | null;
    reason: string | null;
    /** Each certificate of the path but the anchor, the certificate first. */
    certificates: CertificateRevocation[];
  };
  /** What refuses the certificate, in both languages. */
  problems: BilingualText[];
  /** What does not refuse it but a reader should know (soft-fail revocation). */
  warnings: BilingualText[];
  /** The path's certificates and the revocation data relied on: what a DSS must hold for this certificate. */
  evidence: RevocationEvidence;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

const TEXT = {
  chain: (detail: BilingualText): BilingualText => ({
    vi: `Chứng thư số không được cấp bởi tổ chức chứng thực đã được cấu hình tin cậy (${detail.vi}).`,
    en: `The certificate does not chain up to a configured trust anchor (${detail.en}).`,
  }),
  validity: (certificate: pkijs.Certificate, at: Date, leaf: boolean): BilingualText => {
    const who = leaf ? { vi: 'Chứng thư số', en: 'The certificate' } : { vi: `Chứng thư số của tổ chức cấp "${describe(certificate)}"`, en: `The issuing CA's certificate "${describe(certificate)}"` };
    return at.getTime() < certificate.notBefore.value.getTime()
      ? { vi: `${who.vi} chưa có hiệu lực tại thời điểm ${day(at)} (hiệu lực từ ${day(certificate.notBefore.value)}).`, en: `${who.en} was not yet valid on ${day(at)} (valid from ${day(certificate.notBefore.value)}).` }
      : { vi: `${who.vi} đã hết hạn ngày ${day(certificate.notAfter.value)}, trước thời điểm ${day(at)}.`, en: `${who.en} expired on ${day(certificate.notAfter.value)}, before ${day(at)}.` };
  },
  keyUsage: (usage: CertificateUsage): BilingualText =>
    usage === 'signing'
      ? { vi: 'Chứng thư số này không được cấp cho mục đích ký số (thiếu digitalSignature/nonRepudiation).', en: 'This certificate is not issued for digital signatures (no digitalSignature/nonRepudiation key usage).' }
      : { vi: 'Chứng thư số này không được cấp cho việc cấp dấu thời gian.', en: 'This certificate is not issued for time-stamping.' },
  revoked: (revocation: CertificateRevocation): BilingualText => ({
    vi: `Chứng thư số "${revocation.subject}" đã bị thu hồi từ ${revocation.revokedAt ? day(revocation.revokedAt) : '?'}${revocation.reason ? ` (lý do: ${revocation.reason})` : ''}.`,
    en: `The certificate "${revocation.subject}" was revoked on ${revocation.revokedAt ? day(revocation.revokedAt) : '?'}${revocation.reason ? ` (reason: ${revocation.reason})` : ''}.`,
  }),
  unknown: (revocation: CertificateRevocation): BilingualText => ({
    vi: `Không xác định được tình trạng thu hồi của chứng thư số "${revocation.subject}": không lấy được danh sách thu hồi (CRL) hay trả lời OCSP hợp lệ.`,
    en: `The revocation status of the certificate "${revocation.subject}" could not be established: no valid CRL or OCSP answer was available.`,
  }),
  unknownSoft: (revocation: CertificateRevocation): BilingualText => ({
    vi: `Cảnh báo: chưa kiểm tra được tình trạng thu hồi của chứng thư số "${revocation.subject}" (máy chủ CRL/OCSP không trả lời); chữ ký vẫn được chấp nhận.`,
    en: `Warning: the revocation status of the certificate "${revocation.subject}" could not be checked (no CRL/OCSP answer); the signature is accepted nonetheless.`,
  }),
};

const CHAIN_DETAILS: Record<string, BilingualText> = {
  noPath: { vi: 'không tìm thấy đường dẫn chứng thực tới chứng thư gốc tin cậy', en: 'no certification path to a trusted anchor' },
  notCa: { vi: 'một chứng thư trong đường dẫn không phải của tổ chức chứng thực', en: 'a certificate of the path is not a certification authority' },
  other: { vi: 'đường dẫn chứng thực không hợp lệ', en: 'the certification path is invalid' },
};
type Detail = BilingualText;

interface PathResult {
  path: pkijs.Certificate[] | null;
  code: number;
  message: string;
}

async function buildPath(leaf: pkijs.Certificate, intermediates: pkijs.Certificate[], anchors: pkijs.Certificate[], at: Date): Promise<PathResult> {
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: anchors, certs: [...intermediates, leaf], checkDate: at });
  try {
    const result = await engine.verify({}, pkiCrypto);
    return { path: result.result ? (result.certificatePath ?? null) : null, code: result.resultCode ?? -1, message: result.resultMessage ?? '' };
  } catch (error) {
    return { path: null, code: -1, message: error instanceof Error ? error.message : String(error) };
  }
}

function uniqueCertificates(list: pkijs.Certificate[], exclude: pkijs.Certificate[]): pkijs.Certificate[] {
  const seen = exclude.map(certificateDer);
  const out: pkijs.Certificate[] = [];
  for (const certificate of list) {
    const der = certificateDer(certificate);
    if (seen.some((d) => d.equals(der))) continue;
    seen.push(der);
    out.push(certificate);
  }
  return out;
}

const within = (certificate: pkijs.Certificate, at: Date) => certificate.notBefore.value.getTime() <= at.getTime() && at.getTime() <= certificate.notAfter.value.getTime();

function readCertificates(list: (X509Certificate | string | Buffer)[] | undefined): pkijs.Certificate[] {
  const out: pkijs.Certificate[] = [];
  for (const item of list ?? []) {
    try {
      out.push(pkijsCertificate(toX509(item)));
    } catch {
      // An unreadable extra certificate cannot help a path: left out.
    }
  }
  return out;
}

/**
 * Validates a certificate for signing (or time-stamping) by the acceptance rule: a path to a
 * configured anchor built and checked by pkijs (signatures, CA flags, name chaining), validity of
 * every certificate of the path at `at`, key usage, and the revocation status of every
 * certificate of the path but the anchor from OCSP or CRLs (data at hand first, then fetched).
 * Never throws for a bad certificate: the result names the rule that failed
 * ({@link certificateRejection} turns it into a typed error).
 */
export async function validateCertificate(certificate: X509Certificate | string | Buffer, options: ValidateCertificateOptions): Promise<CertificateValidation> {
  const at = options.at ?? new Date();
  const usage = options.usage ?? 'signing';
  const leaf = pkijsCertificate(toX509(certificate));
  const anchors = readCertificates(options.anchors);
  const intermediates = uniqueCertificates(readCertificates(options.intermediates), [leaf, ...anchors]);
  const problems: BilingualText[] = [];
  const warnings: BilingualText[] = [];

  // Path and validity. pkijs checks validity at its check date together with the path; a path that
  // fails only on dates is rebuilt at a time inside the certificate's validity, to tell the two apart.
  let path: pkijs.Certificate[] | null = null;
  let chainError: string | null = null;
  let chainDetail: Detail | null = null;
  const leafDer = certificateDer(leaf);
  if (anchors.some((a) => certificateDer(a).equals(leafDer))) {
    path = [leaf];
  } else {
    const result = await buildPath(leaf, intermediates, anchors, at);
    path = result.path;
    if (!path && result.code === 8) {
      for (const probe of [new Date(leaf.notBefore.value.getTime() + 1000), new Date(leaf.notAfter.value.getTime() - 1000)]) {
        const retry = await buildPath(leaf, intermediates, anchors, probe);
        if (retry.path) {
          path = retry.path;
          break;
        }
      }
      if (!path) chainError = result.message;
    } else if (!path) {
      chainError = result.message || 'no certification path';
    }
    if (chainError) chainDetail = /not a CA|keyCertSign|cRLSign/i.test(chainError) ? CHAIN_DETAILS.notCa : /path/i.test(chainError) ? CHAIN_DETAILS.noPath : CHAIN_DETAILS.other;
  }
  const chainOk = !!path;
  if (!chainOk) problems.push(TEXT.chain(chainDetail ?? CHAIN_DETAILS.other));
  const checkedPath = path ?? [leaf];
  const outside = checkedPath.find((c) => !within(c, at));
  const validityOk = !outside;
  if (outside) problems.push(TEXT.validity(outside, at, outside === leaf));

  // Key usage: digitalSignature (0) or nonRepudiation (1); a TSA also needs the timeStamping purpose.
  const keyUsageOk = (keyUsageAllows(leaf, 0) || keyUsageAllows(leaf, 1)) && (usage === 'signing' || !!extendedKeyUsage(leaf)?.includes(PKIX.timeStamping));
  if (!keyUsageOk) problems.push(TEXT.keyUsage(usage));

  // Revocation of every certificate of the path but the anchor.
  const checker = new RevocationChecker(options.revocation ?? {}, options.now ?? new Date());
  const revocations: CertificateRevocation[] = [];
  if (path && path.length === 1) {
    // The certificate is itself a configured anchor: nothing above it to ask.
  } else if (path && options.revocation) {
    const statusAt = options.revocationAt ?? at;
    for (let i = 0; i + 1 < path.length; i++) revocations.push(await checker.check(path[i], path[i + 1], statusAt));
  } else {
    revocations.push({
      subject: describe(leaf),
      serial: Buffer.from(leaf.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
      status: 'unknown',
      source: null,
      url: null,
      revokedAt: null,
      reason: null,
      thisUpdate: null,
      nextUpdate: null,
      attempts: [path ? 'revocation not checked' : 'no path to an issuer whose revocation data could be checked'],
    });
  }
  const revoked = revocations.find((r) => r.status === 'revoked');
  const unknown = revocations.find((r) => r.status === 'unknown');
  const status: RevocationStatus = revoked ? 'revoked' : unknown ? 'unknown' : 'good';
  const mode = options.mode;
  if (revoked) problems.push(TEXT.revoked(revoked));
  else if (unknown && chainOk) (mode === 'hard' ? problems : warnings).push(mode === 'hard' ? TEXT.unknown(unknown) : TEXT.unknownSoft(unknown));
  const revocationOk = status === 'good' || (status === 'unknown' && mode === 'soft');

  const failedRule: ValidationRule | null = !chainOk ? 'chain' : !validityOk ? 'validity' : !keyUsageOk ? 'key-usage' : !revocationOk ? 'revocation' : null;
  const evidence = checker.evidence;
  for (const c of checkedPath) if (!evidence.certificates.some((d) => d.equals(certificateDer(c)))) evidence.certificates.unshift(certificateDer(c));
  const own = revocations[0];
  return {
    valid: failedRule === null,
    failedRule,
    checks: { chain: chainOk, validity: validityOk, keyUsage: keyUsageOk, revocation: status },
    path: checkedPath.map((c) => new X509Certificate(certificateDer(c))),
    chainError,
    at,
    revocation: {
      status,
      source: own?.source ?? null,
      revokedAt: revoked?.revokedAt ?? own?.revokedAt ?? null,
      reason: revoked?.reason ?? own?.reason ?? null,
      certificates: revocations,
    },
    problems,
    warnings,
    evidence,
  };
}

/**
 * The typed error for a validation that failed (null when it holds), for callers that refuse
 * with an exception: `CertificateRejectedError` with the rule and a bilingual reason.
 */
export function certificateRejection(validation: CertificateValidation): CertificateRejectedError | null {
  const rule = validation.failedRule;
  if (!rule) return null;
  const text = validation.problems[0] ?? { vi: 'Chứng thư số không được chấp nhận.', en: 'The certificate is not accepted.' };
  switch (rule) {
    case 'chain':
      return new CertificateRejectedError(rule, 'CERTIFICATE_UNTRUSTED', text);
    case 'validity':
      return new CertificateRejectedError(rule, 'CERTIFICATE_OUTSIDE_VALIDITY', text);
    case 'key-usage':
      return new CertificateRejectedError(rule, 'CERTIFICATE_USAGE', text);
    case 'revocation':
      return new CertificateRejectedError(rule, validation.checks.revocation === 'revoked' ? 'CERTIFICATE_REVOKED' : 'REVOCATION_UNKNOWN', text);
  }
}
