/** A message in both languages the product speaks; Vietnamese first. */
export interface LocalizedText {
  vi: string;
  en: string;
}

/** Stable, machine-readable error codes. The web app maps nothing: it shows `message`. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  AccountLocked = 'ACCOUNT_LOCKED',
  CsrfInvalid = 'CSRF_INVALID',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  PasswordPolicy = 'PASSWORD_POLICY',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL',
}

/** One invalid field of a request, for forms to show beside the field. */
export interface FieldError {
  field: string;
  message: LocalizedText;
}

/** The body of every error the API returns, whatever raised it. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode | string;
  message: LocalizedText;
  errors?: FieldError[];
}
