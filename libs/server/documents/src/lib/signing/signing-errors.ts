import { DomainError } from '@vanthu/server/core';
import { PdfSigningError } from '@vanthu/pdf-signing';

// How each of the library's typed errors reaches a user: the library knows what went wrong, the
// server decides the HTTP status.
const STATUS_BY_CODE: Record<string, number> = {
  NOT_A_PDF: 415,
  DAMAGED_PDF: 422,
  ENCRYPTED_PDF: 422,
  UNSUPPORTED_PDF: 422,
  PLACEHOLDER_TOO_SMALL: 422,
  WRONG_PIN: 400,
  CERTIFICATE_EXPIRED: 422,
  CERTIFICATE_NOT_YET_VALID: 422,
  CERTIFICATE_USAGE: 422,
  CMS_MISMATCH: 422,
  TIMESTAMP_FAILED: 502,
  INVALID_CREDENTIAL: 422,
  INVALID_OPTIONS: 422,
};

/** A signing-library error as the API reports it: `{ statusCode, code, message: { vi, en } }`. */
export class SigningFailed extends DomainError {
  constructor(error: PdfSigningError) {
    super(STATUS_BY_CODE[error.code] ?? 422, error.code, error.text);
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
      'NO_SIGNING_CREDENTIAL',
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
    super(409, 'NO_CERTIFICATE_AUTHORITY', {
      vi: 'Hệ thống không có tổ chức cấp chứng thư nội bộ; hãy tải lên tệp PKCS#12 do nhà cung cấp chứng thư số cấp.',
      en: 'This installation has no internal certificate authority; upload a PKCS#12 file from your certificate provider.',
    });
  }
}

export class PreparationExpired extends DomainError {
  constructor() {
    super(409, 'SIGNATURE_PREPARATION_EXPIRED', {
      vi: 'Phiên ký số đã hết hạn hoặc văn bản đã thay đổi. Hãy chuẩn bị ký lại.',
      en: 'The signing session has expired or the document changed. Prepare the signature again.',
    });
  }
}
