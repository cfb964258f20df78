import { X509Certificate } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addValidationData, PdfSigningError, SignatureReport, VerificationReport, verifyPdf } from '@vanthu/pdf-signing';
import { APP_CONFIG, AppConfig, DomainError } from '@vanthu/server/core';
import { AuditService, CertificateBindingEntity, inTransaction, OrganisationEntity, UserEntity } from '@vanthu/server/data-access';
import { ErrorCode, LocalizedText } from '@vanthu/shared/contracts';
import { DataSource, EntityManager } from 'typeorm';

import { storedVerificationOf, StoredVerification } from '../pdf-signature.service';
import { translatePdfErrors } from '../signing-errors';
import { fingerprintOf, TrustService } from '../trust.service';
import { CertificateBindings } from './certificate-bindings.service';
import { RevocationFetcherService } from './revocation-fetcher.service';

/** Each rule a signature must meet to count, in the order they are checked. */
export type AcceptanceRule = 'signature' | 'chain' | 'validity' | 'key-usage' | 'revocation' | 'not-registered' | 'registered-to-someone-else';

/** Who must have signed: the signing leader (a person) or the issuing organisation (the seal). */
export interface ExpectedSigner {
  ownerType: 'user' | 'organisation';
  ownerId: number;
}

/** For the audit record of a refusal. */
export interface AcceptanceContext {
  userId: number;
  organisationId: number;
  ip: string | null;
  documentId: number | string;
  /** How the signature was made: `server-key`, `external`, `upload`, `seal`, … */
  method: string;
}

export interface AcceptanceVerdict {
  rule: AcceptanceRule;
  text: LocalizedText;
}

const RULE_NAME: Record<AcceptanceRule, LocalizedText> = {
  signature: { vi: 'toàn vẹn chữ ký', en: 'signature integrity' },
  chain: { vi: 'chuỗi chứng thực', en: 'chain of trust' },
  validity: { vi: 'thời hạn hiệu lực', en: 'validity period' },
  'key-usage': { vi: 'mục đích sử dụng khóa', en: 'key usage' },
  revocation: { vi: 'tình trạng thu hồi', en: 'revocation' },
  'not-registered': { vi: 'đăng ký chứng thư số', en: 'certificate registration' },
  'registered-to-someone-else': { vi: 'chủ thể đăng ký', en: 'registered holder' },
};

/** Why a signature does not count, as the refusal says it (the rule named at the end). */
function refusalText(rule: AcceptanceRule, reason: LocalizedText): LocalizedText {
  const name = RULE_NAME[rule];
  return {
    vi: `Chữ ký số không được chấp nhận: ${reason.vi} (quy tắc: ${name.vi} — ${rule}).`,
    en: `The signature is not accepted: ${reason.en} (rule: ${name.en} — ${rule}).`,
  };
}

export class SignatureNotAccepted extends DomainError {
  constructor(readonly verdict: AcceptanceVerdict) {
    super(422, ErrorCode.SignatureNotAccepted, verdict.text);
  }
}

/** The newest signature of a report: the one just added. */
export function newestSignature(report: VerificationReport): SignatureReport | null {
  return report.signatures.reduce<SignatureReport | null>((newest, s) => (!newest || s.index > newest.index ? s : newest), null);
}

/**
 * The acceptance rule itself, on a verification report of the newest signature and the binding of
 * its certificate (null when never registered): null when the signature counts, else the first
 * rule it fails. Validity is asked at `now` as well as at the claimed signing time: a signature
 * made today by a certificate that expired yesterday does not count, whatever time it claims.
 */
export function judgeSignature(
  signature: SignatureReport | null,
  binding: Pick<CertificateBindingEntity, 'ownerType' | 'ownerId' | 'status'> | null,
  expected: ExpectedSigner & { name: string },
  options: { mode: 'soft' | 'hard'; now?: Date },
): AcceptanceVerdict | null {
  const refuse = (rule: AcceptanceRule, reason: LocalizedText): AcceptanceVerdict => ({ rule, text: refusalText(rule, reason) });
  const firstProblem = (fallback: LocalizedText): LocalizedText => signature?.problems[0] ?? fallback;
  if (!signature || !signature.integrity || !signature.cryptographicallyValid || signature.modifiedAfter !== 'none') {
    return refuse('signature', {
      vi: 'chữ ký không hợp lệ về mặt mật mã, hoặc tệp đã bị thay đổi sau khi ký',
      en: 'the signature is not cryptographically valid, or the file was changed after it',
    });
  }
  if (!signature.trusted) {
    return refuse('chain', {
      vi: `chứng thư số "${signature.signer.display}" không được cấp bởi tổ chức chứng thực mà quản trị đã cấu hình tin cậy`,
      en: `the certificate "${signature.signer.display}" does not chain to a trust anchor the administrator configured`,
    });
  }
  const now = options.now ?? new Date();
  const leaf = new X509Certificate(signature.certificatePem);
  const validNow = new Date(leaf.validFrom).getTime() <= now.getTime() && now.getTime() <= new Date(leaf.validTo).getTime();
  if (!signature.validAtSigningTime || !validNow) {
    return refuse('validity', {
      vi: `chứng thư số không còn hoặc chưa có hiệu lực (hiệu lực từ ${leaf.validFrom} đến ${leaf.validTo})`,
      en: `the certificate is not within its validity (valid from ${leaf.validFrom} to ${leaf.validTo})`,
    });
  }
  if (!signature.keyUsageValid) {
    return refuse('key-usage', {
      vi: 'chứng thư số không được cấp cho mục đích ký số (thiếu digitalSignature/nonRepudiation)',
      en: 'the certificate is not issued for digital signatures (no digitalSignature/nonRepudiation key usage)',
    });
  }
  if (signature.revoked === true || signature.revocation.status === 'revoked') {
    const problem = firstProblem({ vi: 'chứng thư số đã bị thu hồi', en: 'the certificate is revoked' });
    return refuse('revocation', { vi: `chứng thư số đã bị thu hồi — ${lower(problem.vi)}`, en: `the certificate is revoked — ${lower(problem.en)}` });
  }
  if (signature.revocation.status === 'unknown' && options.mode === 'hard') {
    return refuse('revocation', {
      vi: 'không xác định được tình trạng thu hồi của chứng thư số (máy chủ CRL/OCSP không trả lời) và hệ thống kiểm tra thu hồi ở chế độ nghiêm ngặt',
      en: 'the revocation status of the certificate could not be established (no CRL/OCSP answer) and revocation is checked in hard mode',
    });
  }
  const who = expected.ownerType === 'user' ? { vi: `người ký ${expected.name}`, en: `the signer ${expected.name}` } : { vi: `cơ quan ${expected.name}`, en: `the organisation ${expected.name}` };
  if (binding && binding.status !== 'disabled' && (binding.ownerType !== expected.ownerType || Number(binding.ownerId) !== expected.ownerId)) {
    return refuse('registered-to-someone-else', {
      vi: `chứng thư số "${signature.signer.display}" được đăng ký cho người hoặc đơn vị khác, không phải ${who.vi}`,
      en: `the certificate "${signature.signer.display}" is registered to another person or organisation, not to ${who.en}`,
    });
  }
  if (!binding || binding.status !== 'approved') {
    const state =
      binding?.status === 'pending'
        ? { vi: 'đã đăng ký nhưng đang chờ quản trị phê duyệt', en: 'is registered but waits for the administrator’s approval' }
        : binding?.status === 'disabled'
          ? { vi: 'đã bị quản trị vô hiệu hóa', en: 'was disabled by the administrator' }
          : { vi: 'chưa được đăng ký', en: 'is not registered' };
    return refuse('not-registered', {
      vi: `chứng thư số "${signature.signer.display}" ${state.vi} cho ${who.vi}`,
      en: `the certificate "${signature.signer.display}" ${state.en} to ${who.en}`,
    });
  }
  return null;
}

function lower(text: string): string {
  return text ? text[0].toLowerCase() + text.slice(1) : text;
}

/**
 * The one place that decides whether a signature counts, used by every path that adds one (the
 * server-held key, prepare/complete, an uploaded signed PDF, the seal at issue): the newest
 * signature of the file must be cryptographically valid, chain to an active anchor of the trust
 * store, be within its validity, not be revoked (CRL/OCSP fetched with timeouts and caching;
 * SIGNING_REVOCATION_MODE), allow signing, and its certificate must be bound, approved, to the
 * expected person or organisation. A refusal is audited in a transaction of its own (the
 * caller's rolls back) and thrown as {@link SignatureNotAccepted}.
 */
@Injectable()
export class SignatureAcceptance {
  private readonly logger = new Logger('SignatureAcceptance');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly trust: TrustService,
    private readonly bindings: CertificateBindings,
    private readonly fetcher: RevocationFetcherService,
    private readonly audit: AuditService,
  ) {}

  get revocationMode(): 'soft' | 'hard' {
    return this.config.signing.revocationMode;
  }

  /** Verifies every signature of a file against the trust store, revocation fetched online. */
  async verifyOnline(manager: EntityManager, pdf: Buffer): Promise<VerificationReport> {
    const material = await this.trust.material(manager);
    return translatePdfErrors(() =>
      verifyPdf(pdf, {
        trustedRoots: material.trustedRoots,
        intermediates: material.intermediates,
        crls: material.crls,
        fetch: this.fetcher.fetch,
        revocationMode: this.revocationMode,
      }),
    );
  }

  /** Whether the newest signature of `pdf` counts for `expected`: the verification to store, or the refusal thrown (and audited). */
  async accept(manager: EntityManager, pdf: Buffer, expected: ExpectedSigner, context: AcceptanceContext): Promise<StoredVerification> {
    const report = await this.verifyOnline(manager, pdf);
    const signature = newestSignature(report);
    const binding = signature ? await this.bindings.find(manager, signature.certificatePem) : null;
    const name = await this.ownerName(manager, expected);
    const verdict = judgeSignature(signature, binding, { ...expected, name }, { mode: this.revocationMode });
    if (verdict) {
      await this.recordRefusal(verdict, signature, expected, context);
      throw new SignatureNotAccepted(verdict);
    }
    return storedVerificationOf(report);
  }

  /**
   * PAdES B-LT for a seal just accepted: when the seal is time-stamped (SIGNING_TSA_URL), a DSS
   * with every signature's chain and the CRL/OCSP data that validates it now is appended, so the
   * file verifies offline after the certificates expire. Hard mode: when some revocation data
   * cannot be had, nothing is added and the file stays B-T (logged). Returns the bytes to keep.
   */
  async withLongTermValidation(manager: EntityManager, pdf: Buffer): Promise<Buffer> {
    if (!this.config.signing.tsaUrl) return pdf;
    const material = await this.trust.material(manager);
    try {
      const { pdf: withDss } = await addValidationData(pdf, {
        anchors: material.trustedRoots,
        intermediates: material.intermediates,
        revocation: { fetch: this.fetcher.fetch, crls: material.crls },
        mode: 'hard',
      });
      return withDss;
    } catch (error) {
      if (!(error instanceof PdfSigningError)) throw error;
      this.logger.warn(`Seal kept at B-T, no validation data added: ${error.text.en}`);
      return pdf;
    }
  }

  private async recordRefusal(verdict: AcceptanceVerdict, signature: SignatureReport | null, expected: ExpectedSigner, context: AcceptanceContext): Promise<void> {
    try {
      await inTransaction(this.dataSource, (manager) =>
        this.audit.record(manager, {
          userId: context.userId,
          organisationId: context.organisationId,
          action: 'document.signature-refused',
          entityType: 'document',
          entityId: Number(context.documentId),
          ip: context.ip,
          details: {
            rule: verdict.rule,
            method: context.method,
            expected: `${expected.ownerType}:${expected.ownerId}`,
            signer: signature?.signer.display ?? null,
            fingerprint: signature ? fingerprintOf(signature.certificatePem) : null,
            reason: verdict.text.en,
          },
        }),
      );
    } catch (error) {
      // The refusal stands even if its record could not be written; say so in the log.
      this.logger.error(`Could not audit a refused signature: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async ownerName(manager: EntityManager, expected: ExpectedSigner): Promise<string> {
    if (expected.ownerType === 'user') return (await manager.findOneBy(UserEntity, { id: expected.ownerId }))?.fullName ?? `#${expected.ownerId}`;
    return (await manager.findOneBy(OrganisationEntity, { id: expected.ownerId }))?.name ?? `#${expected.ownerId}`;
  }
}
