import { DomainError } from '@vanthu/server/core';
import { PdfSigningError } from '@vanthu/pdf-signing';
import { ErrorCode } from '@vanthu/shared/contracts';

// How each of the library's typed errors reaches a user: the library knows what went wrong, the
// server decides the HTTP status and the code of its catalogue.
const BY_LIBRARY_CODE: Record<string, { status: number; code: ErrorCode }> = {
  NOT_A_PDF: { status: 415, code: ErrorCode.NotAPdf },
  DAMAGED_PDF: { status: 422, code: ErrorCode.DamagedPdf },
  ENCRYPTED_PDF: { status: 422, code: ErrorCode.EncryptedPdf },
  UNSUPPORTED_PDF: { status: 422, code: ErrorCode.UnsupportedPdf },
  PLACEHOLDER_TOO_SMALL: { status: 422, code: ErrorCode.PlaceholderTooSmall },
  WRONG_PIN: { status: 400, code: ErrorCode.WrongPin },
  CERTIFICATE_EXPIRED: { status: 422, code: ErrorCode.CertificateExpired },
  CERTIFICATE_NOT_YET_VALID: { status: 422, code: ErrorCode.CertificateNotYetValid },
  CERTIFICATE_USAGE: { status: 422, code: ErrorCode.CertificateUsage },
  CMS_MISMATCH: { status: 422, code: ErrorCode.CmsMismatch },
  TIMESTAMP_FAILED: { status: 502, code: ErrorCode.TimestampFailed },
  INVALID_CREDENTIAL: { status: 422, code: ErrorCode.InvalidSigningCredential },
  INVALID_OPTIONS: { status: 422, code: ErrorCode.InvalidSigningOptions },
};

/** A signing-library error as the API reports it: `{ statusCode, code, message: { vi, en } }`. */
export class SigningFailed extends DomainError {
  constructor(error: PdfSigningError) {
    const known = BY_LIBRARY_CODE[error.code] ?? { status: 422, code: ErrorCode.SigningFailed };
    super(known.status, known.code, error.text);
  }
}

/** Runs library code, turning its typed errors into domain errors (anything else stays a 500). */
export async function translatePdfErrors<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PdfSigningError) throw new SigningFailed(error);
    throw error;
  }
}

export class NoSigningCredential extends DomainError {
  constructor(owner: 'user' | 'organisation') {
    super(
      409,
      ErrorCode.NoSigningCredential,
      owner === 'user'
        ? {
            vi: 'Bạn chưa có chứng thư số ký trên máy chủ. Hãy dùng USB token (ký số từ xa) hoặc nhờ quản trị cấp chứng thư.',
            en: 'You have no server-held signing certificate. Use your USB token (external signing) or ask the administrator for one.',
          }
        : {
            vi: 'Cơ quan chưa có chứng thư số của tổ chức (con dấu số). Hãy liên hệ quản trị.',
            en: 'The organisation has no signing certificate (digital seal) yet. Contact the administrator.',
          },
    );
  }
}

export class NoDevAuthority extends DomainError {
  constructor() {
    super(409, ErrorCode.NoCertificateAuthority, {
      vi: 'Hệ thống không có tổ chức cấp chứng thư nội bộ; hãy tải lên tệp PKCS#12 do nhà cung cấp chứng thư số cấp.',
      en: 'This installation has no internal certificate authority; upload a PKCS#12 file from your certificate provider.',
    });
  }
}

export class PreparationExpired extends DomainError {
  constructor() {
    super(409, ErrorCode.SignaturePreparationExpired, {
      vi: 'Phiên ký số đã hết hạn hoặc văn bản đã thay đổi. Hãy chuẩn bị ký lại.',
      en: 'The signing session has expired or the document changed. Prepare the signature again.',
    });
  }
}
