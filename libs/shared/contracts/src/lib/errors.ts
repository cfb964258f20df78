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
  /** A body in a format the endpoint does not read (415). */
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  /** The request line and headers are larger than the server reads (431): an over-long address or cookie. */
  HeadersTooLarge = 'HEADERS_TOO_LARGE',
  /** The file store has no room left (507): nothing was written. */
  InsufficientStorage = 'INSUFFICIENT_STORAGE',
  // Uploads and files
  FileMissing = 'FILE_MISSING',
  NotAPdf = 'NOT_A_PDF',
  DamagedPdf = 'DAMAGED_PDF',
  EncryptedPdf = 'ENCRYPTED_PDF',
  UnsupportedPdf = 'UNSUPPORTED_PDF',
  NotAPng = 'NOT_A_PNG',
  /** A PDF carrying scripts, actions that launch or send things, embedded files or XFA forms. */
  ActiveContent = 'ACTIVE_CONTENT',
  /** An archive (an edXML packet's attachments) that is malformed or expands beyond the limits. */
  ArchiveRefused = 'ARCHIVE_REFUSED',
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
  /** An incoming document with the same number and symbol, issuer and year is already registered; send again with `acceptDuplicate` to register it anyway. */
  IncomingDuplicate = 'INCOMING_DUPLICATE',
  // Records (hồ sơ)
  /** A closed file (hồ sơ) takes no more documents nor changes. */
  RecordFileClosed = 'RECORD_FILE_CLOSED',
  /** Only a closed file is exported for the archive. */
  RecordFileOpen = 'RECORD_FILE_OPEN',
  /** The file list of the year already has a file with this code. */
  RecordFileCodeTaken = 'RECORD_FILE_CODE_TAKEN',
  /** A file without documents cannot be closed. */
  RecordFileEmpty = 'RECORD_FILE_EMPTY',
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
  /**
   * A signature that does not count (the acceptance rule): not cryptographically valid, not chained
   * to a configured trust anchor, outside its validity, revoked, without signing key usage, or its
   * certificate not registered to the expected person or organisation. The message names the rule.
   */
  SignatureNotAccepted = 'SIGNATURE_NOT_ACCEPTED',
  /** A certificate given as a trust anchor or intermediate that is unreadable or not a CA certificate. */
  InvalidTrustCertificate = 'INVALID_TRUST_CERTIFICATE',
  /** The certificate is already registered (bound) to another person or organisation. */
  CertificateBoundElsewhere = 'CERTIFICATE_BOUND_ELSEWHERE',
  /** The person registers a certificate already registered to them (pending, approved or disabled). */
  CertificateAlreadyRegistered = 'CERTIFICATE_ALREADY_REGISTERED',
  /** An uploaded signed PDF that is not the prepared file plus exactly one added signature. */
  SignedUploadRefused = 'SIGNED_UPLOAD_REFUSED',
  /** A VGCA Sign Service ticket that is unknown (or for another document), already used, or expired. */
  PluginTicketInvalid = 'PLUGIN_TICKET_INVALID',
  // Exchange with other systems (edXML, QCVN 102:2016)
  /** Not well-formed XML, or not an edXML packet at all. */
  PacketMalformed = 'PACKET_MALFORMED',
  /** The root or a required element is not in the edXML namespace. */
  PacketWrongNamespace = 'PACKET_WRONG_NAMESPACE',
  /** A required element (From, To, DocumentId, Code, Subject …) is missing or empty. */
  PacketMissingElement = 'PACKET_MISSING_ELEMENT',
  /** A DOCTYPE, an entity declaration or another construct an exchange packet never needs. */
  PacketUnsafeXml = 'PACKET_UNSAFE_XML',
  /** The packet, an attachment or an unzipped file is larger than allowed (zip bombs too). */
  PacketTooLarge = 'PACKET_TOO_LARGE',
  /** An attachment that is not valid base64, not a readable zip, or a damaged file. */
  PacketBadAttachment = 'PACKET_BAD_ATTACHMENT',
  /** The document was already received (same DocumentId, or same number, symbol, issuer and date). */
  PacketDuplicate = 'PACKET_DUPLICATE',
  /** None of the packet's recipients (To) is an organisation of this installation. */
  PacketNoRecipient = 'PACKET_NO_RECIPIENT',
  /** A status, revoke, update or replace packet about a document this installation does not hold. */
  PacketUnknownDocument = 'PACKET_UNKNOWN_DOCUMENT',
  /**
   * A revoke, update, replace or take-back request (13) about a document not held here yet: it may
   * have overtaken its document. Retryable (503 with Retry-After); refused for good only after the
   * last attempt (then PACKET_UNKNOWN_DOCUMENT).
   */
  PacketAwaitingDocument = 'PACKET_AWAITING_DOCUMENT',
  /** A revoke, update or replace of a copy that another organisation sent us (From is not its sender). */
  PacketWrongSender = 'PACKET_WRONG_SENDER',
  /** The exchange peer's token is missing or wrong. */
  PeerUnauthorized = 'PEER_UNAUTHORIZED',
  /** An identifier code (mã định danh) that is malformed or already taken. */
  InvalidIdentifierCode = 'INVALID_IDENTIFIER_CODE',
  // Recall, update, replace of a dispatched document
  /** A recall request of the document already waits for the signing leader. */
  RecallPending = 'RECALL_PENDING',
  /** No recall request of the document waits for a decision. */
  NoRecallPending = 'NO_RECALL_PENDING',
  /** The replacing document is not one of ours, dispatched, other than the one it replaces. */
  InvalidReplacement = 'INVALID_REPLACEMENT',
  /** The copy has no recall, update or replacement left to acknowledge. */
  NothingToAcknowledge = 'NOTHING_TO_ACKNOWLEDGE',
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
