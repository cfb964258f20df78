export { defaultSignatureRect, sealRectOver, DEFAULT_SEAL_SIZE } from './lib/appearance/geometry';
export type { PageSize, Rect } from './lib/appearance/geometry';
export type { DigestAlgorithm } from './lib/cms/cms';
export { fontkitForPdfLib } from './lib/appearance/fonts';
export {
  CertificateExpiredError,
  CertificateNotYetValidError,
  CertificateRejectedError,
  CertificateUsageError,
  CmsMismatchError,
  DamagedPdfError,
  EncryptedPdfError,
  InvalidCredentialError,
  InvalidOptionsError,
  NotAPdfError,
  PdfSigningError,
  PinLockedError,
  PlaceholderTooSmallError,
  SignedUploadRefusedError,
  TimestampError,
  TokenError,
  UnsupportedPdfError,
  WrongPinError,
} from './lib/errors';
export type { BilingualText, UploadRefusal, ValidationRule } from './lib/errors';
export { certificateAllowsSigning } from './lib/cms/certificate';
export { inspectPdf } from './lib/inspect';
export { assertOneSignatureAppended } from './lib/upload-check';
export type { AppendedSignature } from './lib/upload-check';
export { addValidationData } from './lib/ltv';
export { deserializePrepared, embedSignature, prepareSignature, serializePrepared, signPdf } from './lib/sign';
export { keySigner, openPkcs12 } from './lib/signers';
export { openPkcs11 } from './lib/pkcs11';
export type { Pkcs11Signer, Pkcs11SignerOptions } from './lib/pkcs11';
export type { Signer } from './lib/signers';
export { vietnamIso } from './lib/time';
export type {
  Appearance,
  LongTermValidationOptions,
  PadesLevel,
  PdfInfo,
  PreparedSignature,
  PrepareOptions,
  SignatureReport,
  SignOptions,
  TextStamp,
  VerificationReport,
  VerifyOptions,
} from './lib/types';
export { verifyPdf } from './lib/verify';
export { httpRevocationFetcher } from './lib/trust/revocation';
export type { CertificateRevocation, RevocationDataSource, RevocationEvidence, RevocationFetcher, RevocationFetchRequest, RevocationSource, RevocationStatus } from './lib/trust/revocation';
export { certificateRejection, validateCertificate } from './lib/trust/validate';
export type { CertificateUsage, CertificateValidation, ValidateCertificateOptions } from './lib/trust/validate';
export { ACTIVE_CONTENT_TEXT, findActiveContent } from './lib/pdf/active-content';
export type { ActiveContentFinding, ActiveContentKind } from './lib/pdf/active-content';
export { DEFAULT_INFLATE_LIMITS } from './lib/pdf/inflate';
export type { InflateLimits } from './lib/pdf/inflate';
