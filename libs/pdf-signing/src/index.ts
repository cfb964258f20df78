export { defaultSignatureRect, sealRectOver, DEFAULT_SEAL_SIZE } from './lib/appearance/geometry';
export type { PageSize, Rect } from './lib/appearance/geometry';
export type { DigestAlgorithm } from './lib/cms/cms';
export { fontkitForPdfLib } from './lib/appearance/fonts';
export {
  CertificateExpiredError,
  CertificateNotYetValidError,
  CertificateUsageError,
  CmsMismatchError,
  DamagedPdfError,
  EncryptedPdfError,
  InvalidCredentialError,
  InvalidOptionsError,
  NotAPdfError,
  PdfSigningError,
  PlaceholderTooSmallError,
  TimestampError,
  UnsupportedPdfError,
  WrongPinError,
} from './lib/errors';
export type { BilingualText } from './lib/errors';
export { inspectPdf } from './lib/inspect';
export { deserializePrepared, embedSignature, prepareSignature, serializePrepared, signPdf } from './lib/sign';
export { keySigner, openPkcs12 } from './lib/signers';
export type { Signer } from './lib/signers';
export { vietnamIso } from './lib/time';
export type {
  Appearance,
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
export { ACTIVE_CONTENT_TEXT, findActiveContent } from './lib/pdf/active-content';
export type { ActiveContentFinding, ActiveContentKind } from './lib/pdf/active-content';
export { DEFAULT_INFLATE_LIMITS } from './lib/pdf/inflate';
export type { InflateLimits } from './lib/pdf/inflate';
