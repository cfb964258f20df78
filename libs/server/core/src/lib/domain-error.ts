import { ErrorCode, FieldError, LocalizedText } from '@vanthu/shared/contracts';

/**
 * Base of every error the server raises on purpose. It carries no HTTP object: the one
 * exception filter turns `status`, `code` and `message` into the error body.
 */
export class DomainError extends Error {
  /** Seconds the client should wait before trying again (sent as `Retry-After`). */
  retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly text: LocalizedText,
    readonly fieldErrors?: FieldError[],
  ) {
    super(text.en);
    this.name = new.target.name;
  }
}

export class ValidationFailed extends DomainError {
  constructor(fieldErrors: FieldError[]) {
    super(
      400,
      ErrorCode.ValidationFailed,
      { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' },
      fieldErrors,
    );
  }
}

export class Unauthenticated extends DomainError {
  constructor() {
    super(401, ErrorCode.Unauthenticated, {
      vi: 'Phiên đăng nhập đã hết hạn hoặc chưa đăng nhập.',
      en: 'You are not logged in or your session has expired.',
    });
  }
}

export class InvalidCredentials extends DomainError {
  constructor() {
    super(401, ErrorCode.InvalidCredentials, {
      vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
      en: 'Wrong username or password.',
    });
  }
}

/** The current password given with a password change is wrong (same code as a failed log-in). */
export class WrongCurrentPassword extends DomainError {
  constructor() {
    super(400, ErrorCode.InvalidCredentials, {
      vi: 'Mật khẩu hiện tại không đúng.',
      en: 'The current password is wrong.',
    });
  }
}

/** How a wait reads in a message: seconds under two minutes, minutes after that. */
function waitText(seconds: number): LocalizedText {
  if (seconds < 120) return { vi: `${seconds} giây`, en: `${seconds} second${seconds === 1 ? '' : 's'}` };
  const minutes = Math.ceil(seconds / 60);
  return { vi: `${minutes} phút`, en: `${minutes} minutes` };
}

/**
 * Log-in attempts for this account from this address (or from this address at all) come too
 * fast after wrong passwords: the next one is heard after the wait. Unknown usernames get the
 * same answer, so it tells nothing about which accounts exist.
 */
export class LoginThrottled extends DomainError {
  constructor(seconds: number) {
    const wait = waitText(seconds);
    super(429, ErrorCode.TooManyRequests, {
      vi: `Đăng nhập sai nhiều lần. Vui lòng thử lại sau ${wait.vi}; nếu quên mật khẩu, hãy liên hệ quản trị.`,
      en: `Too many failed log-ins. Try again in ${wait.en}; if you forgot the password, contact the administrator.`,
    });
    this.retryAfterSeconds = seconds;
  }
}

/** A user sends more of one kind of expensive request (search, signing, uploads, reports) than allowed per minute. */
export class TooManyRequests extends DomainError {
  constructor(seconds: number, what: LocalizedText) {
    const wait = waitText(seconds);
    super(429, ErrorCode.TooManyRequests, {
      vi: `Bạn đã gửi quá nhiều yêu cầu ${what.vi} trong thời gian ngắn. Vui lòng thử lại sau ${wait.vi}.`,
      en: `You sent too many ${what.en} requests in a short time. Try again in ${wait.en}.`,
    });
    this.retryAfterSeconds = seconds;
  }
}

/** The file store is full: the change was not made and nothing was left half-written. */
export class InsufficientStorage extends DomainError {
  constructor() {
    super(507, ErrorCode.InsufficientStorage, {
      vi: 'Máy chủ đã hết dung lượng lưu trữ tệp nên chưa lưu được. Thay đổi chưa được thực hiện; hãy báo quản trị.',
      en: 'The server has run out of file storage, so nothing was saved. The change was not made; tell the administrator.',
    });
  }
}

export class CsrfInvalid extends DomainError {
  constructor() {
    super(403, ErrorCode.CsrfInvalid, {
      vi: 'Yêu cầu bị từ chối vì thiếu mã bảo vệ (CSRF). Hãy tải lại trang.',
      en: 'The request was refused: missing or wrong CSRF token. Reload the page.',
    });
  }
}

export class Forbidden extends DomainError {
  constructor() {
    super(403, ErrorCode.Forbidden, {
      vi: 'Bạn không có quyền thực hiện thao tác này.',
      en: 'You are not allowed to do this.',
    });
  }
}

export class NotFound extends DomainError {
  constructor(what: LocalizedText = { vi: 'Dữ liệu', en: 'The item' }) {
    super(404, ErrorCode.NotFound, {
      vi: `${what.vi} không tồn tại hoặc bạn không có quyền xem.`,
      en: `${what.en} does not exist or you may not see it.`,
    });
  }
}

export class Conflict extends DomainError {
  constructor(text: LocalizedText) {
    super(409, ErrorCode.Conflict, text);
  }
}

export class PasswordPolicy extends DomainError {
  constructor() {
    super(400, ErrorCode.PasswordPolicy, {
      vi: 'Mật khẩu mới phải có ít nhất 8 ký tự, gồm chữ và số, và khác mật khẩu cũ.',
      en: 'The new password needs at least 8 characters, letters and digits, and must differ from the old one.',
    });
  }
}

export class ServiceUnavailable extends DomainError {
  constructor(text: LocalizedText) {
    super(503, ErrorCode.ServiceUnavailable, text);
  }
}
