/**
 * The routing API (documents, registers, signing, dispatch, assignments, reports). Every route is
 * under `/api`; writes need the CSRF header; every error is an `ErrorBody`.
 *
 * Documents (either direction)
 *   GET    /documents?DocumentListQuery                 → Page<DocumentSummary>
 *   GET    /documents/counts                            → WorkCounts (home page, navigation badges)
 *   GET    /documents/:id                               → DocumentDetail (reading changes nothing)
 *   POST   /documents/:id/opened                        → 204 (the recipient opened its incoming copy: the sender sees the delivery "opened")
 *   GET    /documents/:id/files/:fileId/content         → the PDF bytes (application/pdf, inline; ?download=1 as an attachment)
 *   GET    /documents/:id/files/:fileId/verification    → VerificationView
 * Outgoing (văn bản đi)
 *   POST   /outgoing                                    CreateDraftRequest → DocumentDetail (201)
 *   PATCH  /outgoing/:id                                UpdateDraftRequest → DocumentDetail
 *   POST   /outgoing/:id/files                          multipart: `file` (PDF), `role` (main|attachment) → DocumentFileView (201)
 *   POST   /outgoing/:id/files/generate                 { body?: string[] } → DocumentFileView (201; the main file laid out per Decree 30 from the form)
 *   DELETE /outgoing/:id/files/:fileId                  → 204
 *   POST   /outgoing/:id/submit                         SubmitForReviewRequest → DocumentDetail
 *   POST   /outgoing/:id/review                         ReviewDecisionRequest → DocumentDetail
 *   GET    /outgoing/:id/sign/preview                   → SigningPreview
 *   POST   /outgoing/:id/sign                           SignRequest → DocumentDetail
 *   POST   /outgoing/:id/sign/prepare                   PrepareExternalSignatureRequest → PrepareExternalSignatureResponse
 *   POST   /outgoing/:id/sign/complete                  CompleteExternalSignatureRequest → DocumentDetail
 *   POST   /outgoing/:id/sign/plugin-ticket             → PluginTicketResponse (the VGCA Sign Service's single-use URLs)
 *   GET    /outgoing/:id/sign/plugin/:ticket            → the PDF to sign (no session: the plugin, not the browser)
 *   POST   /outgoing/:id/sign/plugin/:ticket            multipart `file` → DocumentDetail (no session, no CSRF; consumes the ticket)
 *   POST   /outgoing/sign-batch                         SignBatchRequest → SignBatchResponse (one PIN, each document its own transaction)
 *   GET    /outgoing/:id/issue-preview                  → IssuePreview
 *   POST   /outgoing/:id/issue                          IssueRequest → DocumentDetail
 *   POST   /outgoing/:id/dispatch                       DispatchRequest → DocumentDetail (deliveries filled)
 * Incoming (văn bản đến)
 *   POST   /incoming                                    RegisterIncomingRequest → DocumentDetail (201; 409 INCOMING_DUPLICATE unless acceptDuplicate)
 *   POST   /incoming/:id/files                          multipart `file` → DocumentFileView (201; clerk, before submitting)
 *   POST   /incoming/:id/register                       RegisterArrivalRequest? → DocumentDetail (an electronically received copy gets its arrival number)
 *   POST   /incoming/:id/submit                         SubmitToLeaderRequest → DocumentDetail
 *   POST   /incoming/:id/assign                         AssignRequest → DocumentDetail
 *   POST   /incoming/:id/progress                       ProgressRequest → DocumentDetail
 *   POST   /incoming/:id/complete                       ProgressRequest → DocumentDetail
 *   POST   /incoming/:id/return                         ReturnToSenderRequest → DocumentDetail
 * Reports and audit
 *   GET    /reports/incoming?from&to                    → IncomingReport
 *   GET    /reports/dispatched?from&to                  → DispatchReport
 *   GET    /reports/monthly?year                        → MonthlyReport
 *   GET    /audit/verify                                → AuditChainResponse (admin)
 * Signing credentials (admin; leaders see their own)
 *   GET    /signing/credentials                         → CredentialView[]
 *   GET    /signing/credentials/mine                    → CredentialView[] (my signature key; a clerk's also their organisation's seal)
 *   POST   /signing/credentials                         multipart: `p12`, `pin` (the file's password), `ownerType`, `ownerId`, optional `image` (PNG) → CredentialView (201; awaits the owner's PIN)
 *   POST   /signing/credentials/issue                   IssueCredentialRequest → CredentialView (201; development CA, DEV_PKI only, else 404; awaits the owner's PIN)
 *   PATCH  /signing/credentials/:id                     { active: boolean } → CredentialView
 *   POST   /signing/credentials/:id/unlock              → CredentialView (admin: lifts a lock after wrong PINs)
 *   PUT    /signing/credentials/:id/pin                 SetPinRequest → CredentialView (the owner only)
 * Holidays (admin)
 *   GET    /admin/holidays?year                         → HolidayDto[]
 *   PUT    /admin/holidays/:day                         HolidayDto → HolidayDto;  DELETE /admin/holidays/:day → 204
 */
import { DeadlineStatus } from './deadline';
import { DocumentDirection, DocumentType, SecurityLevel, Urgency } from './document';
import { ErrorCode, LocalizedText } from './errors';

/** Where a document stands. Outgoing and incoming documents have their own states. */
export enum DocumentStatus {
  // Outgoing (văn bản đi)
  /** Dự thảo: being written, files can change. */
  Draft = 'draft',
  /** Chờ duyệt: waiting for the current review step. */
  InReview = 'in-review',
  /** Trả lại: a reviewer returned it with a comment; back to the drafter. */
  Returned = 'returned',
  /** Chờ ký: approved, waiting for the competent leader's signature. */
  AwaitingSignature = 'awaiting-signature',
  /** Đã ký: signed by the leader, waiting for the clerk to number and seal it. */
  Signed = 'signed',
  /** Đã ban hành: numbered, dated and sealed; ready to dispatch. */
  Issued = 'issued',
  /** Đã phát hành: sent to its recipients. */
  Dispatched = 'dispatched',

  // Incoming (văn bản đến)
  /** Chờ vào sổ: arrived electronically, not yet registered. */
  Received = 'received',
  /** Đã vào sổ: has an arrival number (số đến). */
  Registered = 'registered',
  /** Trình lãnh đạo: submitted to a leader for assignment. */
  Submitted = 'submitted',
  /** Đang xử lý: assigned with a deadline, being handled. */
  InProgress = 'in-progress',
  /** Hoàn thành */
  Completed = 'completed',
  /** Trả lại nơi gửi: refused and returned to the sender with a reason. */
  ReturnedToSender = 'returned-to-sender',
  /** Đã thu hồi: the sender revoked it (edXML business type 1) or it was replaced; handling stops. */
  Withdrawn = 'withdrawn',
}

/** The state of one recipient's copy, as the sender sees it. */
export enum DeliveryStatus {
  Delivered = 'delivered',
  Opened = 'opened',
  Assigned = 'assigned',
  Completed = 'completed',
  Returned = 'returned',
}

/** What part an assignee plays (Decree 30: chủ trì, phối hợp, để biết). */
export enum AssignmentRole {
  Lead = 'lead',
  Coordinate = 'coordinate',
  Inform = 'inform',
}

export enum FileRole {
  Main = 'main',
  Attachment = 'attachment',
}

export interface PersonRef {
  id: number;
  fullName: string;
  position: string;
}

export interface OrganisationRef {
  id: number;
  name: string;
  abbreviation: string;
}

/** A rectangle on a page, in PDF points from the bottom-left corner; page numbers start at 1. */
export interface SignaturePlacement {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

// ---------------------------------------------------------------- outgoing

/** POST /api/outgoing */
export interface CreateDraftRequest {
  type: DocumentType;
  /** Trích yếu: what the document is about. */
  subject: string;
  urgency: Urgency;
  securityLevel: SecurityLevel;
  /** Organisation in whose name it is issued (a unit's own, or the People's Committee above it); defaults to the drafter's. */
  issuingOrganisationId?: number;
  /** Recipient organisations (nơi nhận). */
  recipientIds: number[];
  /** The leader expected to sign; they see it in "chờ ký" once approved. */
  signerId?: number | null;
  /** Signing line above the name: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH". */
  signingLine?: string | null;
  /** Hạn trả lời: the day (yyyy-MM-dd, Vietnam) by which recipients are asked to answer; not in the past. */
  replyBy?: string | null;
}

/** PATCH /api/outgoing/:id (draft or returned only) */
export type UpdateDraftRequest = Partial<CreateDraftRequest>;

/** POST /api/outgoing/:id/submit: the review steps, in order. */
export interface SubmitForReviewRequest {
  reviewerIds: number[];
}

/** POST /api/outgoing/:id/review */
export interface ReviewDecisionRequest {
  decision: 'approve' | 'return';
  comment?: string;
}

/** GET /api/outgoing/:id/sign/preview: where the visible signature will go, before signing. */
export interface SigningPreview {
  fileId: number;
  pageCount: number;
  /** Page sizes in PDF points (after rotation), page 1 first. */
  pages: { width: number; height: number }[];
  /** The proposed rectangle (the usual signing place on the last page). */
  placement: SignaturePlacement;
  signerName: string;
  signerPosition: string;
  signingLine: string | null;
  /** Whether the signer has a usable server-held key; otherwise only external signing works. */
  hasCredential: boolean;
  credentialExpiresAt: string | null;
  /** The signer's server-held key, when there is one (to set its PIN). */
  credentialId: number | null;
  /** The key waits for the signer to choose a PIN before it can sign. */
  credentialAwaitingPin: boolean;
  /** ISO time until which the key refuses every PIN; null when not locked. */
  credentialLockedUntil: string | null;
  /** Where the browser looks for the VGCA Sign Service (the local plugin driving the USB token). */
  pluginUrl: string;
}

/** POST /api/outgoing/sign-batch: several documents with one PIN entry (the server-held key). */
export interface SignBatchRequest {
  /** Documents waiting for the leader's signature, signed in this order (1–50). */
  documentIds: number[];
  pin: string;
  /** Where the visible signature goes on some of them; the others take their proposed place. */
  placements?: Array<{ documentId: number; placement: SignaturePlacement }>;
}

/** One document's outcome in a batch: each is signed in its own transaction. */
export interface SignBatchItem {
  documentId: number;
  status: 'signed' | 'refused';
  /** The document's subject when the signer may see it. */
  subject: string | null;
  /** Why it was refused (the same error body a single signature would get). */
  error: { code: ErrorCode; message: LocalizedText } | null;
}

export interface SignBatchResponse {
  signed: number;
  refused: number;
  items: SignBatchItem[];
}

/** POST /api/outgoing/:id/sign: the leader's personal signature with the server-held key. */
export interface SignRequest {
  pin: string;
  /** Where the visible signature goes; defaults to the last page's signing place. */
  placement?: SignaturePlacement;
}

/** POST /api/outgoing/:id/sign/prepare: external signing (USB token, remote signing). */
export interface PrepareExternalSignatureRequest {
  /** The signer's certificate chain, PEM, leaf first. */
  certificateChainPem: string;
  placement?: SignaturePlacement;
}

/**
 * POST /api/outgoing/:id/sign/plugin-ticket: what the browser hands the VGCA Sign Service. The
 * plugin fetches `fileUrl`, signs with the leader's USB token and posts the result to `uploadUrl`;
 * both carry the single-use ticket, so the plugin needs no cookie.
 */
export interface PluginTicketResponse {
  fileUrl: string;
  uploadUrl: string;
  ticket: string;
  /** ISO time after which both URLs are refused. */
  expiresAt: string;
}

export interface PrepareExternalSignatureResponse {
  /** Pass back with the CMS. */
  preparationId: string;
  /** SHA-256 of the signed attributes to sign, base64 (for a raw signature). */
  digestToSign: string;
  /** SHA-256 of the byte ranges, base64 (for a full CMS made by the token software). */
  documentDigest: string;
  algorithm: 'sha256';
}

/** POST /api/outgoing/:id/sign/complete */
export interface CompleteExternalSignatureRequest {
  preparationId: string;
  /** A detached CMS SignedData (base64 DER), or a raw signature over digestToSign (base64). */
  cms?: string;
  signature?: string;
}

/** GET /api/outgoing/:id/issue-preview: what the clerk is about to take from the register. */
export interface IssuePreview {
  number: number;
  /** The whole number and symbol as it will be printed after "Số:": `27/KH-UBND`. */
  symbol: string;
  issueDate: string;
  registerYear: number;
  /** The organisation's seal key, when it has one (a classified document needs none). */
  seal: { credentialId: number; awaitingPin: boolean; lockedUntil: string | null } | null;
}

/** POST /api/outgoing/:id/issue */
export interface IssueRequest {
  /** PIN of the organisation's seal key (not needed for a classified document, numbered on paper). */
  pin?: string;
}

/** POST /api/outgoing/:id/dispatch */
export interface DispatchRequest {
  /** Defaults to the draft's recipients. */
  recipientIds?: number[];
  /**
   * Organisations outside this installation (the external directory): each gets an edXML packet
   * through the exchange gateway, in the same action as the internal copies.
   */
  externalRecipientIds?: number[];
}

/** An external recipient of a dispatched document and the last edXML status it reported. */
/** An incoming copy from another system (edXML): who signed it and where it was promulgated, as its packet said. */
export interface ExternalOriginView {
  /** Thẩm quyền ký: `KT. CHỦ TỊCH`, `TM. ỦY BAN NHÂN DÂN`. */
  signerCompetence: string | null;
  signerPosition: string | null;
  signerName: string | null;
  /** Nơi ban hành (the date is originalDate). */
  promulgationPlace: string | null;
}

export interface ExternalDeliveryView {
  recipient: { id: number; identifierCode: string; name: string };
  /** queued: waiting for its packet; exported: its packet made; revoked: we took it back; failed: it could not be made (see description). */
  state: 'queued' | 'exported' | 'revoked' | 'failed';
  /** The last status code it reported (01 arrived … 06 completed, 02 refused, 15/16 answers), or null. */
  statusCode: string | null;
  statusAt: string | null;
  description: string | null;
  dispatchedAt: string;
}

export interface DeliveryView {
  recipient: OrganisationRef;
  status: DeliveryStatus;
  statusAt: string;
  incomingDocumentId: number | null;
  arrivalNumber: number | null;
  returnReason: string | null;
  /** What the sender did to this copy after dispatch, or null. */
  recall: CopyRecallView | null;
  /** Receipt notices (báo nhận): when the copy arrived, and was first opened, registered, assigned, completed. */
  arrivedAt: string;
  openedAt: string | null;
  registeredAt: string | null;
  assignedAt: string | null;
  completedAt: string | null;
  /** When the sender last reminded the recipient to open it. */
  remindedAt: string | null;
}

/** Thu hồi, cập nhật, thay thế: what the sender does to a dispatched document at its recipients. */
export enum RecallKind {
  Revoke = 'revoke',
  Update = 'update',
  Replace = 'replace',
}

/** POST /api/outgoing/:id/recall: the clerk asks (the signing leader decides), or the signing leader does it. */
export interface RecallRequest {
  kind: RecallKind;
  reason: string;
  /** Update and replace: the new dispatched document of the same organisation. */
  replacementDocumentId?: number;
}

/** POST /api/outgoing/:id/recall/decision: the signing leader approves or rejects the pending request. */
export interface RecallDecisionRequest {
  approve: boolean;
  comment?: string;
}

/** A recall request of an outgoing document and its decision. */
export interface RecallRequestView {
  id: number;
  kind: RecallKind;
  reason: string;
  replacementDocumentId: number | null;
  status: 'pending' | 'approved' | 'rejected';
  requestedBy: PersonRef | null;
  requestedAt: string;
  decidedBy: PersonRef | null;
  decidedAt: string | null;
  decisionComment: string | null;
}

/** What the sender did to one recipient's copy: withdrawn (revoke, replace) or updated, and its acknowledgement. */
export interface CopyRecallView {
  kind: RecallKind;
  reason: string | null;
  at: string;
  /** The recipient's copy of the new document (update, replace), when it has one. */
  replacedBy: number | null;
  acknowledgedAt: string | null;
  acknowledgedBy: PersonRef | null;
  /** A copy received by edXML: its sender outside did this by packet, and nothing is acknowledged. */
  fromOutside?: boolean;
}

// ---------------------------------------------------------------- incoming

/** POST /api/incoming: a clerk registers a document received on paper or from another system. */
export interface RegisterIncomingRequest {
  type: DocumentType;
  subject: string;
  urgency: Urgency;
  securityLevel: SecurityLevel;
  /** Tác giả / nơi gửi. */
  senderName: string;
  /** The sender's number and symbol, e.g. "27/KH-UBND". */
  originalSymbol: string;
  /** Ngày tháng of the document (ISO date). */
  originalDate: string;
  /** When it arrived (ISO date-time); defaults to now. */
  receivedAt?: string;
  /**
   * Register it even though a document with the same number and symbol, issuer and year is
   * already registered (the clerk saw the duplicate warning, 409 INCOMING_DUPLICATE, and confirms).
   */
  acceptDuplicate?: boolean;
}

/** POST /api/incoming/:id/register (body optional). */
export interface RegisterArrivalRequest {
  /** As in {@link RegisterIncomingRequest.acceptDuplicate}. */
  acceptDuplicate?: boolean;
}

/** POST /api/incoming/:id/submit */
export interface SubmitToLeaderRequest {
  leaderId: number;
  note?: string;
}

export interface AssigneeRef {
  /** A unit (department/office) or the organisation itself… */
  organisationId?: number;
  /** …or a person. */
  userId?: number;
}

/** POST /api/incoming/:id/assign */
export interface AssignRequest {
  lead: AssigneeRef;
  coordinators?: AssigneeRef[];
  informed?: AssigneeRef[];
  /** Hạn xử lý: a calendar date (YYYY-MM-DD) in Vietnam time. */
  deadline: string;
  instructions?: string;
}

/** POST /api/incoming/:id/progress and /complete */
export interface ProgressRequest {
  note: string;
}

/** POST /api/incoming/:id/return */
export interface ReturnToSenderRequest {
  reason: string;
}

// ---------------------------------------------------------------- shared views

export interface DocumentFileView {
  id: number;
  role: FileRole;
  name: string;
  size: number;
  sha256: string;
  version: number;
  uploadedAt: string;
  signatureCount: number;
}

/** One signature as people read it (from the verification report). */
export interface SignatureView {
  index: number;
  signerName: string;
  /** The certificate's subject as people know it: name, position, organisation. */
  subject: string;
  organisation: string | null;
  signedAt: string | null;
  kind: 'personal' | 'organisation' | 'unknown';
  integrity: boolean;
  cryptographicallyValid: boolean;
  trusted: boolean;
  validAtSigningTime: boolean;
  revoked: boolean | null;
  /** What follows the signature in the file: nothing, only signatures/annotations, or content changes. */
  modifiedAfter: 'none' | 'signatures-only' | 'content';
  summary: LocalizedText;
  /** What does not refuse the signature but a reader should know (revocation not checked, in soft mode). */
  warnings?: LocalizedText[];
  /** PAdES level reached (B-B, B-T, B-LT); null for a non-PAdES or invalid signature. */
  level?: 'B-B' | 'B-T' | 'B-LT' | null;
}

export interface VerificationView {
  fileId: number;
  verifiedAt: string;
  valid: boolean;
  signatures: SignatureView[];
}

export interface HistoryEntry {
  at: string;
  /** The person who acted; null for what happened to the document rather than by someone of it. */
  actor: PersonRef | null;
  /**
   * The organisation credited where no person of it acted: an arrival (`document.received`) is
   * the recipient organisation's, not the sender's clerk who dispatched it. Null otherwise.
   */
  organisation: string | null;
  action: string;
  comment: string | null;
}

export interface ReviewStepView {
  order: number;
  reviewer: PersonRef;
  status: 'pending' | 'approved' | 'returned' | 'waiting';
  comment: string | null;
  decidedAt: string | null;
}

export interface AssigneeView {
  role: AssignmentRole;
  organisation: OrganisationRef | null;
  user: PersonRef | null;
  status: 'assigned' | 'in-progress' | 'completed';
  completedAt: string | null;
  /** Early, on time or late once completed. */
  timeliness: DeadlineStatus | null;
}

export interface AssignmentView {
  assignedBy: PersonRef;
  assignedAt: string;
  deadline: string;
  instructions: string | null;
  assignees: AssigneeView[];
}

/** The row of a list: enough for a table without opening the document. */
export interface DocumentSummary {
  id: number;
  direction: DocumentDirection;
  type: DocumentType;
  status: DocumentStatus;
  number: number | null;
  symbol: string | null;
  subject: string;
  urgency: Urgency;
  securityLevel: SecurityLevel;
  /** Sender organisation or name (incoming) / issuing organisation (outgoing). */
  sender: string | null;
  arrivalNumber: number | null;
  issuedAt: string | null;
  receivedAt: string | null;
  deadline: string | null;
  overdue: boolean;
  /** The register date lists are ordered by: arrival (incoming) or creation (outgoing). */
  listedAt: string;
  updatedAt: string;
}

export interface DocumentDetail extends DocumentSummary {
  organisation: OrganisationRef;
  draftingUnit: OrganisationRef | null;
  createdBy: PersonRef | null;
  signer: PersonRef | null;
  signingLine: string | null;
  originalSymbol: string | null;
  originalDate: string | null;
  /** Hạn trả lời set by the sender (yyyy-MM-dd): on the draft, and on each incoming copy of it. */
  replyBy: string | null;
  recipients: OrganisationRef[];
  files: DocumentFileView[];
  verification: VerificationView | null;
  reviewSteps: ReviewStepView[];
  assignment: AssignmentView | null;
  deliveries: DeliveryView[];
  /** Recipients outside this installation (edXML), beside the internal deliveries. */
  externalDeliveries: ExternalDeliveryView[];
  history: HistoryEntry[];
  /** Outgoing: the latest recall request and its decision; null when none was made. */
  recallRequest: RecallRequestView | null;
  /** Incoming copy: the sender's recall, update or replacement of it; null when none. */
  recall: CopyRecallView | null;
  /** Incoming copy from another system (edXML): its signer and place of promulgation; null otherwise. */
  origin: ExternalOriginView | null;
  /** What the current user may do now, so screens show only allowed actions. */
  allowedActions: string[];
}

/** GET /api/documents/counts: what waits for the current user (home page, navigation badges). */
export interface WorkCounts {
  /** Leader: approved drafts waiting for my signature (chờ ký). */
  awaitingMySignature: number;
  /** Reviewers: drafts whose current step is mine. */
  awaitingMyReview: number;
  /** Leader: incoming documents submitted to me to assign (chờ phân công). */
  awaitingMyAssignment: number;
  /** Clerk: incoming copies that arrived and wait for an arrival number. */
  incomingToRegister: number;
  /** Clerk: signed documents to number and seal. */
  outgoingToIssue: number;
  /** Clerk: issued documents not yet dispatched. */
  outgoingToDispatch: number;
  /** Drafter: my drafts returned with a comment. */
  myReturnedDrafts: number;
  /** Handler: open assignments of mine or my unit. */
  myOpenAssignments: number;
  /** Open items past their deadline that I (or my unit/organisation as a leader sees it) hold. */
  overdue: number;
}

/** GET /api/documents?… */
export interface DocumentListQuery {
  direction?: DocumentDirection;
  /**
   * A work queue instead of the whole register: `awaiting-my-signature`, `awaiting-my-review`,
   * `awaiting-my-assignment`, `to-register`, `to-issue`, `to-dispatch`, `my-assignments`.
   */
  queue?: WorkQueue;
  status?: DocumentStatus;
  type?: DocumentType;
  urgency?: Urgency;
  overdue?: boolean;
  /** Sender organisation id (incoming). */
  senderId?: number;
  /** ISO dates, inclusive, on the arrival (incoming) or issue/creation (outgoing) date. */
  from?: string;
  to?: string;
  /** Diacritics-insensitive words, or a number/symbol like "27/KH". */
  q?: string;
  /** What the list is ordered by; `date` (the register date, newest first, then number) when absent. */
  sort?: DocumentSort;
  /** Defaults: `desc` for date and number, `asc` for subject and deadline. */
  order?: SortOrder;
  page?: number;
  pageSize?: number;
}

/**
 * A list's sort keys: `date` the register date (arrival for incoming, creation for outgoing),
 * `number` the arrival number (số đến, incoming) or the register number (outgoing),
 * `subject` the trích yếu, `deadline` the hạn xử lý (documents without one last).
 */
export const ALL_DOCUMENT_SORTS = ['date', 'number', 'subject', 'deadline'] as const;
export type DocumentSort = (typeof ALL_DOCUMENT_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export type WorkQueue =
  | 'awaiting-my-signature'
  | 'awaiting-my-review'
  | 'awaiting-my-assignment'
  | 'to-register'
  | 'to-issue'
  | 'to-dispatch'
  | 'my-returned-drafts'
  | 'my-assignments';

// ---------------------------------------------------------------- reports

export interface TimelinessCounts {
  received: number;
  completed: number;
  early: number;
  onTime: number;
  late: number;
  inProgress: number;
  overdue: number;
  /** (early + onTime) / completed, between 0 and 1; null when nothing is completed. */
  onTimeRate: number | null;
}

export interface UnitReportRow extends TimelinessCounts {
  unit: OrganisationRef;
}

/** GET /api/reports/incoming?from&to */
export interface IncomingReport {
  from: string;
  to: string;
  total: TimelinessCounts;
  byUnit: UnitReportRow[];
}

export interface RecipientReportRow extends TimelinessCounts {
  recipient: OrganisationRef;
  delivered: number;
  returned: number;
  /** Copies nobody at the recipient has opened yet (chưa mở): not counted as in progress or overdue. */
  notOpened: number;
}

/** GET /api/reports/dispatched?from&to: what an organisation sent to each recipient. */
export interface DispatchReport {
  from: string;
  to: string;
  documents: number;
  deliveries: number;
  /** Copies not opened yet, over all recipients. */
  notOpened: number;
  total: TimelinessCounts;
  byRecipient: RecipientReportRow[];
}

/** GET /api/audit/verify */
export interface AuditChainResponse {
  valid: boolean;
  checked: number;
  brokenAt: string | null;
  reason: 'hash-mismatch' | 'link-mismatch' | 'head-mismatch' | null;
}

/** GET /api/reports/monthly?year: documents per month, for the chart above the table. */
export interface MonthlyReport {
  year: number;
  months: Array<{ month: number; outgoing: number; incoming: number; completed: number; onTime: number; late: number }>;
}

// ---------------------------------------------------------------- trust store and certificate bindings

/** A CA certificate of the trust store: a root signatures must chain to, or an intermediate. */
export interface TrustAnchorView {
  id: number;
  name: string;
  kind: 'anchor' | 'intermediate';
  active: boolean;
  subject: string;
  fingerprint: string;
  notAfter: string | null;
  createdAt: string;
  disabledAt: string | null;
}

/** A signing certificate registered to a person (their signature) or an organisation (its seal). */
export interface CertificateBindingView {
  id: number;
  fingerprint: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notAfter: string;
  ownerType: 'user' | 'organisation';
  ownerId: number;
  ownerName: string;
  status: 'pending' | 'approved' | 'disabled';
  requestedBy: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** An administrator binds a certificate directly (approved at once). */
export interface BindCertificateRequest {
  certificatePem: string;
  ownerType: 'user' | 'organisation';
  ownerId: number;
}

/** A leader registers their own token's certificate (pending until an administrator approves). */
export interface RegisterCertificateRequest {
  certificatePem: string;
}

// ---------------------------------------------------------------- signing credentials

export interface CredentialView {
  id: number;
  ownerType: 'user' | 'organisation';
  ownerId: number;
  ownerName: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** Expired, or expiring within 30 days: screens warn. */
  expiresSoon: boolean;
  expired: boolean;
  hasImage: boolean;
  active: boolean;
  /**
   * Whether the key waits for its owner to choose a PIN: an administrator created or replaced it,
   * and only the owner (the leader; for a seal, a clerk of the organisation) sets the PIN.
   */
  awaitingPin: boolean;
  /** Wrong PINs in a row since the last right one. */
  pinFailures: number;
  /** ISO time until which every PIN is refused (too many wrong ones); null when not locked. */
  lockedUntil: string | null;
}

/**
 * POST /api/signing/credentials/issue: a key and certificate from the installation's development CA
 * (only where DEV_PKI is on; 404 elsewhere). The key waits for its owner's PIN.
 */
export interface IssueCredentialRequest {
  ownerType: 'user' | 'organisation';
  ownerId: number;
}

/**
 * PUT /api/signing/credentials/:id/pin: the owner chooses the PIN of a key waiting for one, or
 * changes it (then `currentPin` is required, and a wrong one counts towards the lock).
 */
export interface SetPinRequest {
  currentPin?: string;
  /** At least 6 characters; not one character repeated, not a run such as 123456. */
  newPin: string;
}

// ---------------------------------------------------------------- holidays

export interface HolidayDto {
  /** YYYY-MM-DD */
  day: string;
  kind: 'holiday' | 'compensatory' | 'swapped-off' | 'make-up-working-day';
  name: LocalizedText;
}
