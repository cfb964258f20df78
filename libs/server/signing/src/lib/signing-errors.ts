import { DomainError } from '@vanthu/server/core';
import { PdfSigningError } from '@vanthu/pdf-signing';
import { ErrorCode, LocalizedText } from '@vanthu/shared/contracts';
import { formatDateTime } from '@vanthu/shared/domain';

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
  SIGNED_UPLOAD_REFUSED: { status: 422, code: ErrorCode.SignedUploadRefused },
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

type Owner = 'user' | 'organisation';

const KEY_NAME: Record<Owner, LocalizedText> = {
  user: { vi: 'chứng thư số của bạn', en: 'your signing certificate' },
  organisation: { vi: 'con dấu số của cơ quan', en: 'the organisation’s digital seal' },
};

function capitalised(text: LocalizedText): LocalizedText {
  return { vi: text.vi[0].toUpperCase() + text.vi.slice(1), en: text.en[0].toUpperCase() + text.en.slice(1) };
}

/** A wrong PIN, with how many tries are left before the key locks. */
export class WrongPin extends DomainError {
  constructor(owner: Owner, left: number, lockMinutes: number) {
    const key = KEY_NAME[owner];
    super(400, ErrorCode.WrongPin, {
      vi: `Mã PIN không đúng. Còn ${left} lần thử; nhập sai tiếp thì ${key.vi} bị tạm khóa ${lockMinutes} phút.`,
      en: `Wrong PIN. ${left} ${left === 1 ? 'try' : 'tries'} left before ${key.en} is locked for ${lockMinutes} minutes.`,
    });
  }
}

/** Too many wrong PINs: every PIN is refused until `until` (Vietnam time in the message) or an administrator's unlock. */
export class CredentialLocked extends DomainError {
  constructor(
    owner: Owner,
    readonly until: Date,
  ) {
    const key = capitalised(KEY_NAME[owner]);
    const at = formatDateTime(until);
    super(423, ErrorCode.CredentialLocked, {
      vi: `${key.vi} đang bị tạm khóa do nhập sai mã PIN nhiều lần, đến ${at} (giờ Việt Nam). Hãy thử lại sau thời điểm đó hoặc nhờ quản trị mở khóa.`,
      en: `${key.en} is locked after too many wrong PINs until ${at} (Vietnam time). Try again after that, or ask the administrator to unlock it.`,
    });
  }
}

/** The key waits for its owner to choose a PIN (an administrator created or replaced it). */
export class PinNotSet extends DomainError {
  constructor(owner: Owner) {
    super(
      409,
      ErrorCode.PinNotSet,
      owner === 'user'
        ? {
            vi: 'Chứng thư số của bạn chưa có mã PIN. Hãy tự đặt mã PIN (menu tài khoản › Mã PIN chữ ký số) rồi ký lại.',
            en: 'Your signing certificate has no PIN yet. Choose your PIN (account menu › Signing PIN), then sign again.',
          }
        : {
            vi: 'Con dấu số của cơ quan chưa có mã PIN. Văn thư của cơ quan hãy đặt mã PIN (menu tài khoản › Mã PIN chữ ký số) rồi thử lại.',
            en: 'The organisation’s digital seal has no PIN yet. A clerk of the organisation chooses it (account menu › Signing PIN); then try again.',
          },
    );
  }
}

/** A PIN that is too short or too easy to guess. */
export class PinPolicy extends DomainError {
  constructor() {
    super(400, ErrorCode.PinPolicy, {
      vi: 'Mã PIN phải có từ 6 đến 32 ký tự, không phải một ký tự lặp lại (111111) hay một dãy liên tiếp (123456, 654321).',
      en: 'The PIN needs 6 to 32 characters, and may not be one character repeated (111111) or a run (123456, 654321).',
    });
  }
}

/** Whether a PIN the owner chose is long enough and not one of the first guesses anyone tries. */
export function isAcceptablePin(pin: string): boolean {
  if (pin.length < 6 || pin.length > 32) return false;
  if (new Set(pin).size === 1) return false;
  const codes = [...pin].map((c) => c.charCodeAt(0));
  const steps = new Set(codes.slice(1).map((code, i) => code - codes[i]));
  return !(steps.size === 1 && (steps.has(1) || steps.has(-1)));
}
