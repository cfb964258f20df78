import { ErrorCode, FieldError, LocalizedText } from '@vanthu/shared/contracts';

/**
 * Base of every error the server raises on purpose. It carries no HTTP object: the one
 * exception filter turns `status`, `code` and `message` into the error body.
 */
export class DomainError extends Error {
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

export class AccountLocked extends DomainError {
  constructor(minutes: number) {
    super(423, ErrorCode.AccountLocked, {
      vi: `Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${minutes} phút hoặc liên hệ quản trị.`,
      en: `The account is locked after repeated failed log-ins. Try again in ${minutes} minutes or contact the administrator.`,
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
