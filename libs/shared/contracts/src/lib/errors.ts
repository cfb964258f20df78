/** A message in both languages the product speaks; Vietnamese first. */
export interface LocalizedText {
  vi: string;
  en: string;
}

/**
 * Stable, machine-readable error codes: the one catalogue of every code the API answers with
 * (the server's errors take an `ErrorCode`, never a string of their own). The web app maps
 * nothing: it shows `message`.
 */
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
  /** Another 4xx refusal of the HTTP layer (its status says which). */
  RequestRefused = 'REQUEST_REFUSED',
  // Uploads and files
  FileMissing = 'FILE_MISSING',
  NotAPdf = 'NOT_A_PDF',
  DamagedPdf = 'DAMAGED_PDF',
  EncryptedPdf = 'ENCRYPTED_PDF',
  UnsupportedPdf = 'UNSUPPORTED_PDF',
  NotAPng = 'NOT_A_PNG',
  // The document route
  ClassifiedContent = 'CLASSIFIED_CONTENT',
  InvalidState = 'INVALID_STATE',
  MainFileMissing = 'MAIN_FILE_MISSING',
  InvalidParty = 'INVALID_PARTY',
  SignerMissing = 'SIGNER_MISSING',
  CommentRequired = 'COMMENT_REQUIRED',
  TooManyAttachments = 'TOO_MANY_ATTACHMENTS',
  ReasonRequired = 'REASON_REQUIRED',
  InvalidDeadline = 'INVALID_DEADLINE',
  // Signing and trust
  PlacementOffPage = 'PLACEMENT_OFF_PAGE',
  SignatureMissing = 'SIGNATURE_MISSING',
  BadCertificateChain = 'BAD_CERTIFICATE_CHAIN',
  PinRequired = 'PIN_REQUIRED',
  PinPolicy = 'PIN_POLICY',
  WrongPin = 'WRONG_PIN',
  /** Too many wrong PINs in a row: the credential refuses every PIN until the lock ends or an administrator lifts it (423). */
  CredentialLocked = 'CREDENTIAL_LOCKED',
  /** The credential waits for its owner to choose a PIN (an administrator created or replaced it). */
  PinNotSet = 'PIN_NOT_SET',
  /** A server-held key would have to be stored or opened, but no key-encryption key is configured (SIGNING_KEK). */
  KeyEncryptionUnavailable = 'KEY_ENCRYPTION_UNAVAILABLE',
  NoSigningCredential = 'NO_SIGNING_CREDENTIAL',
  NoCertificateAuthority = 'NO_CERTIFICATE_AUTHORITY',
  SignaturePreparationExpired = 'SIGNATURE_PREPARATION_EXPIRED',
  PlaceholderTooSmall = 'PLACEHOLDER_TOO_SMALL',
  CertificateExpired = 'CERTIFICATE_EXPIRED',
  CertificateNotYetValid = 'CERTIFICATE_NOT_YET_VALID',
  CertificateUsage = 'CERTIFICATE_USAGE',
  CmsMismatch = 'CMS_MISMATCH',
  TimestampFailed = 'TIMESTAMP_FAILED',
  /** A PKCS#12 or certificate that cannot serve as a signing credential. */
  InvalidSigningCredential = 'INVALID_CREDENTIAL',
  InvalidSigningOptions = 'INVALID_OPTIONS',
  /** The signing library refused for a reason this catalogue does not name yet. */
  SigningFailed = 'SIGNING_FAILED',
}

/** One invalid field of a request, for forms to show beside the field. */
export interface FieldError {
  field: string;
  message: LocalizedText;
}

/** The body of every error the API returns, whatever raised it. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: LocalizedText;
  errors?: FieldError[];
}
