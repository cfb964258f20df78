/** A message in both languages VănThư speaks: Vietnamese first, English second. */
export interface BilingualText {
  vi: string;
  en: string;
}

/**
 * Base of every error this library throws on purpose. `code` is stable (servers map it to a
 * status), `text` is what a user may read. No HTTP here: the caller decides what a code means
 * for its protocol.
 */
export class PdfSigningError extends Error {
  constructor(
    readonly code: string,
    readonly text: BilingualText,
    options?: { cause?: unknown },
  ) {
    super(text.en, options);
    this.name = new.target.name;
  }
}

const detail = (vi: string, en: string, extra?: BilingualText): BilingualText => (extra ? { vi: `${vi} ${extra.vi}`, en: `${en} ${extra.en}` } : { vi, en });

/** The bytes are not a PDF at all (no `%PDF-` header). */
export class NotAPdfError extends PdfSigningError {
  constructor() {
    super('NOT_A_PDF', { vi: 'Tệp không phải là tài liệu PDF.', en: 'The file is not a PDF document.' });
  }
}

/** A PDF whose structure cannot be read: truncated, no trailer, a broken cross-reference. */
export class DamagedPdfError extends PdfSigningError {
  constructor(reason?: BilingualText, options?: { cause?: unknown }) {
    super(
      'DAMAGED_PDF',
      detail('Tệp PDF bị hỏng hoặc không đầy đủ, không đọc được cấu trúc của tệp.', 'The PDF is damaged or incomplete: its structure cannot be read.', reason),
      options,
    );
  }
}

/** An encrypted (password-protected) PDF: it cannot be signed without rewriting it, so it is refused. */
export class EncryptedPdfError extends PdfSigningError {
  constructor() {
    super('ENCRYPTED_PDF', {
      vi: 'Tệp PDF đã được mã hóa hoặc đặt mật khẩu. Hãy gỡ mã hóa rồi tải lên lại để ký số.',
      en: 'The PDF is encrypted or password-protected. Remove the encryption and upload it again to sign it.',
    });
  }
}

/** A PDF feature this library does not handle (a filter, a certification that forbids changes, …). */
export class UnsupportedPdfError extends PdfSigningError {
  constructor(reason: BilingualText) {
    super('UNSUPPORTED_PDF', detail('Không hỗ trợ tệp PDF này:', 'This PDF is not supported:', reason));
  }
}

/** The space reserved in /Contents is smaller than the CMS to put there. */
export class PlaceholderTooSmallError extends PdfSigningError {
  constructor(
    readonly needed: number,
    readonly available: number,
  ) {
    super('PLACEHOLDER_TOO_SMALL', {
      vi: `Vùng dành cho chữ ký trong tệp PDF quá nhỏ: cần ${needed} byte nhưng chỉ có ${available} byte.`,
      en: `The space reserved for the signature in the PDF is too small: ${needed} bytes needed, ${available} available.`,
    });
  }
}

/** The PIN does not open the PKCS#12 file. */
export class WrongPinError extends PdfSigningError {
  constructor() {
    super('WRONG_PIN', { vi: 'Mã PIN không đúng.', en: 'The PIN is incorrect.' });
  }
}

const day = (iso: string) => iso.slice(0, 10);

/** The signing certificate's validity ended before the signing time. */
export class CertificateExpiredError extends PdfSigningError {
  constructor(readonly notAfter: Date) {
    super('CERTIFICATE_EXPIRED', {
      vi: `Chứng thư số đã hết hạn ngày ${day(notAfter.toISOString())}; không thể dùng để ký.`,
      en: `The certificate expired on ${day(notAfter.toISOString())}; it cannot be used to sign.`,
    });
  }
}

/** The signing certificate's validity starts after the signing time. */
export class CertificateNotYetValidError extends PdfSigningError {
  constructor(readonly notBefore: Date) {
    super('CERTIFICATE_NOT_YET_VALID', {
      vi: `Chứng thư số chỉ có hiệu lực từ ngày ${day(notBefore.toISOString())}; chưa thể dùng để ký.`,
      en: `The certificate is valid only from ${day(notBefore.toISOString())}; it cannot be used to sign yet.`,
    });
  }
}

/** The certificate's key usage does not allow signatures (neither digitalSignature nor nonRepudiation). */
export class CertificateUsageError extends PdfSigningError {
  constructor() {
    super('CERTIFICATE_USAGE', {
      vi: 'Chứng thư số này không được cấp cho mục đích ký số (thiếu digitalSignature/nonRepudiation).',
      en: 'This certificate is not issued for digital signatures (no digitalSignature/nonRepudiation key usage).',
    });
  }
}

/** A CMS from outside (token, remote signing) that does not belong to the prepared document. */
export class CmsMismatchError extends PdfSigningError {
  constructor(reason: BilingualText) {
    super('CMS_MISMATCH', detail('Chữ ký nhận được không khớp với tài liệu đã chuẩn bị:', 'The signature received does not match the prepared document:', reason));
  }
}

/** The time-stamp authority could not be reached or returned no valid time-stamp. */
export class TimestampError extends PdfSigningError {
  constructor(reason: BilingualText, options?: { cause?: unknown }) {
    super('TIMESTAMP_FAILED', detail('Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian:', 'Could not obtain a time-stamp from the time-stamp authority:', reason), options);
  }
}

/** A PKCS#12 file that cannot be read at all, or holds no key with its certificate. */
export class InvalidCredentialError extends PdfSigningError {
  constructor(reason: BilingualText, options?: { cause?: unknown }) {
    super('INVALID_CREDENTIAL', detail('Tệp chứng thư số không dùng được:', 'The certificate file cannot be used:', reason), options);
  }
}

/** Options that cannot be carried out: a page that does not exist, a field name already taken, an image that is not PNG, … */
export class InvalidOptionsError extends PdfSigningError {
  constructor(reason: BilingualText) {
    super('INVALID_OPTIONS', detail('Tham số ký không hợp lệ:', 'Invalid signing options:', reason));
  }
}

/** A rule of certificate acceptance (see `validateCertificate`). */
export type ValidationRule = 'chain' | 'validity' | 'key-usage' | 'revocation';

/**
 * A certificate that the acceptance rule refuses: it does not chain to a configured trust
 * anchor (`CERTIFICATE_UNTRUSTED`), was not valid at the time that matters
 * (`CERTIFICATE_OUTSIDE_VALIDITY`), may not sign (`CERTIFICATE_USAGE`), is revoked
 * (`CERTIFICATE_REVOKED`), or its revocation status could not be learnt in hard-fail mode
 * (`REVOCATION_UNKNOWN`). `rule` names the rule; `text` says it in both languages.
 */
export class CertificateRejectedError extends PdfSigningError {
  constructor(
    readonly rule: ValidationRule,
    code: 'CERTIFICATE_UNTRUSTED' | 'CERTIFICATE_OUTSIDE_VALIDITY' | 'CERTIFICATE_USAGE' | 'CERTIFICATE_REVOKED' | 'REVOCATION_UNKNOWN',
    text: BilingualText,
  ) {
    super(code, text);
  }
}

/** The token (or the PKCS#12 file's issuer) locked the PIN after too many wrong tries. */
export class PinLockedError extends PdfSigningError {
  constructor() {
    super('PIN_LOCKED', {
      vi: 'Mã PIN đã bị khóa do nhập sai quá nhiều lần. Hãy dùng mã PUK hoặc liên hệ đơn vị cấp thiết bị ký số để mở khóa.',
      en: 'The PIN is locked after too many wrong tries. Unblock it with the PUK or ask the token’s issuer.',
    });
  }
}

/** A PKCS#11 module that cannot be loaded, a token or key that is not there, or a token that fails to sign. */
export class TokenError extends PdfSigningError {
  constructor(reason: BilingualText, options?: { cause?: unknown }) {
    super('TOKEN_FAILED', detail('Không dùng được thiết bị ký số (token):', 'The signing token cannot be used:', reason), options);
  }
}

/** Why an uploaded signed PDF is not the prepared one plus exactly one signature. */
export type UploadRefusal =
  | 'damaged'
  | 'prefix-differs'
  | 'no-update'
  | 'several-updates'
  | 'no-new-signature'
  | 'several-signatures'
  | 'signature-does-not-cover-file'
  | 'object-changed'
  | 'object-deleted'
  | 'page-changed'
  | 'extra-annotation'
  | 'widget-too-large'
  | 'unexpected-object';

/**
 * An uploaded signed PDF refused by {@link assertOneSignatureAppended}: it is not the prepared
 * bytes followed by one incremental update that adds one signature and changes nothing else.
 */
export class SignedUploadRefusedError extends PdfSigningError {
  constructor(
    readonly reason: UploadRefusal,
    text: BilingualText,
  ) {
    super(
      'SIGNED_UPLOAD_REFUSED',
      detail('Tệp đã ký tải lên không được chấp nhận:', 'The uploaded signed file is refused:', text),
    );
  }
}
