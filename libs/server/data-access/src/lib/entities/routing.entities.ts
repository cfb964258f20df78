import { AssignmentRole, DeadlineStatus, DeliveryStatus, FileRole, RegisterKind } from '@vanthu/shared/contracts';
import { HolidayKind } from '@vanthu/shared/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Sổ văn bản: one numbering counter per organisation, year and kind. */
@Entity('register')
@Index(['organisationId', 'year', 'kind'], { unique: true })
export class RegisterEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'organisation_id', type: 'int', unsigned: true })
  organisationId!: number;

  @Column({ type: 'smallint', unsigned: true })
  year!: number;

  @Column({ type: 'varchar', length: 24 })
  kind!: RegisterKind;

  /** The last number taken; the next is this plus one. */
  @Column({ name: 'last_number', type: 'int', unsigned: true, default: 0 })
  lastNumber!: number;
}

/** One version of one file of a document. Bytes live in the file storage under `sha256`. */
@Entity('document_file')
@Index(['documentId', 'current'])
export class DocumentFileEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  @Column({ type: 'varchar', length: 12 })
  role!: FileRole;

  /** Order among attachments (0 for the main file). */
  @Column({ type: 'smallint', unsigned: true, default: 0 })
  position!: number;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint', unsigned: true })
  size!: string;

  @Column({ type: 'int', unsigned: true, default: 1 })
  version!: number;

  /** Whether this is the version in force; older versions stay for the record. */
  @Column({ type: 'boolean', default: true })
  current!: boolean;

  /** draft, signed (leader), issued (sealed), received. */
  @Column({ type: 'varchar', length: 12 })
  stage!: 'draft' | 'signed' | 'issued' | 'received';

  @Column({ name: 'signature_count', type: 'smallint', unsigned: true, default: 0 })
  signatureCount!: number;

  /** The verification report (JSON) made when the file arrived or was signed. */
  @Column({ type: 'mediumtext', nullable: true })
  verification!: string | null;

  @Column({ name: 'verified_at', type: 'datetime', precision: 3, nullable: true })
  verifiedAt!: Date | null;

  @Column({ name: 'created_by', type: 'int', unsigned: true, nullable: true })
  createdBy!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/** Nơi nhận of an outgoing document. */
@Entity('document_recipient')
export class DocumentRecipientEntity {
  @PrimaryColumn({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'int', unsigned: true })
  organisationId!: number;
}

/** One step of a draft's review, in a given submission round. */
@Entity('review_step')
@Index(['documentId', 'round', 'stepOrder'], { unique: true })
@Index(['reviewerId', 'status'])
export class ReviewStepEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  @Column({ type: 'smallint', unsigned: true })
  round!: number;

  @Column({ name: 'step_order', type: 'smallint', unsigned: true })
  stepOrder!: number;

  @Column({ name: 'reviewer_id', type: 'int', unsigned: true })
  reviewerId!: number;

  @Column({ type: 'varchar', length: 12 })
  status!: 'waiting' | 'pending' | 'approved' | 'returned';

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comment!: string | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;
}

/** One recipient's copy of a dispatched document, and its state as the sender sees it. */
@Entity('delivery')
@Index(['documentId', 'recipientId'], { unique: true })
@Index(['recipientId'])
export class DeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  /** The outgoing document. */
  @Column({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  @Column({ name: 'recipient_id', type: 'int', unsigned: true })
  recipientId!: number;

  @Column({ name: 'incoming_document_id', type: 'bigint', unsigned: true, nullable: true })
  incomingDocumentId!: string | null;

  @Column({ type: 'varchar', length: 12 })
  status!: DeliveryStatus;

  @Column({ name: 'status_at', type: 'datetime', precision: 3 })
  statusAt!: Date;

  @Column({ name: 'return_reason', type: 'varchar', length: 2000, nullable: true })
  returnReason!: string | null;

  @Column({ name: 'dispatched_at', type: 'datetime', precision: 3 })
  dispatchedAt!: Date;

  @Column({ name: 'dispatched_by', type: 'int', unsigned: true })
  dispatchedBy!: number;

  /** What the sender did to this copy after dispatch (edXML's codes): 1 thu hồi, 2 cập nhật, 3 thay thế. */
  @Column({ name: 'business_type', type: 'tinyint', unsigned: true, nullable: true })
  businessType!: number | null;

  /** The recipient's copy of the document that replaces or updates this one. */
  @Column({ name: 'replaced_by', type: 'bigint', unsigned: true, nullable: true })
  replacedBy!: string | null;

  @Column({ name: 'business_reason', type: 'varchar', length: 2000, nullable: true })
  businessReason!: string | null;

  @Column({ name: 'business_at', type: 'datetime', precision: 3, nullable: true })
  businessAt!: Date | null;

  /** The recipient's clerk saw the recall, update or replacement. */
  @Column({ name: 'acknowledged_at', type: 'datetime', precision: 3, nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'int', unsigned: true, nullable: true })
  acknowledgedBy!: number | null;

  /** Receipt notices: when the copy was first opened, registered, assigned, completed. */
  @Column({ name: 'opened_at', type: 'datetime', precision: 3, nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'registered_at', type: 'datetime', precision: 3, nullable: true })
  registeredAt!: Date | null;

  @Column({ name: 'assigned_at', type: 'datetime', precision: 3, nullable: true })
  assignedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt!: Date | null;

  /** The sender's last reminder to open the copy. */
  @Column({ name: 'reminded_at', type: 'datetime', precision: 3, nullable: true })
  remindedAt!: Date | null;
}

/** A clerk's request to recall, update or replace a dispatched document; the signing leader decides. */
@Entity('recall_request')
export class RecallRequestEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'organisation_id', type: 'int', unsigned: true })
  organisationId!: number;

  @Column({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  /** 1 thu hồi, 2 cập nhật, 3 thay thế. */
  @Column({ name: 'business_type', type: 'tinyint', unsigned: true })
  businessType!: number;

  @Column({ type: 'varchar', length: 2000 })
  reason!: string;

  /** The new dispatched document (update, replace). */
  @Column({ name: 'replacement_document_id', type: 'bigint', unsigned: true, nullable: true })
  replacementDocumentId!: string | null;

  @Column({ type: 'varchar', length: 10 })
  status!: 'pending' | 'approved' | 'rejected';

  @Column({ name: 'requested_by', type: 'int', unsigned: true })
  requestedBy!: number;

  @Column({ name: 'requested_at', type: 'datetime', precision: 3 })
  requestedAt!: Date;

  @Column({ name: 'decided_by', type: 'int', unsigned: true, nullable: true })
  decidedBy!: number | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_comment', type: 'varchar', length: 2000, nullable: true })
  decisionComment!: string | null;
}

/** The leader's assignment of an incoming document (one per document; re-assigning replaces it). */
@Entity('assignment')
export class AssignmentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index({ unique: true })
  @Column({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  @Column({ name: 'assigned_by', type: 'int', unsigned: true })
  assignedBy!: number;

  @Column({ name: 'assigned_at', type: 'datetime', precision: 3 })
  assignedAt!: Date;

  /** Hạn xử lý: calendar date, Vietnam time. */
  @Column({ type: 'date' })
  deadline!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  instructions!: string | null;
}

/** A unit or person with a part in an assignment: chủ trì, phối hợp or để biết. */
@Entity('assignee')
@Index(['userId'])
@Index(['organisationId'])
export class AssigneeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Index()
  @Column({ name: 'assignment_id', type: 'bigint', unsigned: true })
  assignmentId!: string;

  @Column({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  @Column({ type: 'varchar', length: 12 })
  role!: AssignmentRole;

  @Column({ name: 'organisation_id', type: 'int', unsigned: true, nullable: true })
  organisationId!: number | null;

  @Column({ name: 'user_id', type: 'int', unsigned: true, nullable: true })
  userId!: number | null;

  /** The unit or person belongs to another organisation than the document: it shows in their lists beside their own register. */
  @Column({ name: 'from_other_organisation', type: 'boolean', default: false })
  fromOtherOrganisation!: boolean;

  @Column({ type: 'varchar', length: 12 })
  status!: 'assigned' | 'in-progress' | 'completed';

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  timeliness!: DeadlineStatus | null;
}

/**
 * A key a person or an organisation signs with, plus the image. The PKCS#12 and everything that
 * opens it are sealed with a key-encryption key that is not in the database (`kekId` names it):
 * a dump alone yields no key, and with the KEK the owner's PIN is still needed.
 */
@Entity('signing_credential')
@Index(['ownerType', 'ownerId', 'active'])
export class SigningCredentialEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'owner_type', type: 'varchar', length: 12 })
  ownerType!: 'user' | 'organisation';

  @Column({ name: 'owner_id', type: 'int', unsigned: true })
  ownerId!: number;

  /** The sealed PKCS#12 (before sealing: the PKCS#12 itself, under the owner's PIN). */
  @Column({ type: 'mediumblob', select: false })
  pkcs12!: Buffer;

  /** The key-encryption key that sealed `pkcs12`, `pinWrap` and `pendingSecret`; null: not sealed yet. */
  @Column({ name: 'kek_id', type: 'char', length: 16, nullable: true })
  kekId!: string | null;

  /** `wrapped`: the PIN opens `pinWrap`, which holds the PKCS#12's password; `direct`: the PIN is that password (keys stored before PINs were wrapped). */
  @Column({ name: 'pin_scheme', type: 'varchar', length: 8, default: 'direct' })
  pinScheme!: 'direct' | 'wrapped';

  /** The PKCS#12's password encrypted under a key derived from the owner's PIN (scrypt), then sealed. */
  @Column({ name: 'pin_wrap', type: 'varbinary', length: 1024, nullable: true, select: false })
  pinWrap!: Buffer | null;

  /** While the key waits for its owner's PIN: the PKCS#12's password, sealed. */
  @Column({ name: 'pending_secret', type: 'varbinary', length: 1024, nullable: true, select: false })
  pendingSecret!: Buffer | null;

  /** Wrong PINs in a row (every API process counts here). */
  @Column({ name: 'pin_failures', type: 'smallint', unsigned: true, default: 0 })
  pinFailures!: number;

  /** Every PIN is refused until then (too many wrong ones). */
  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'certificate_pem', type: 'text' })
  certificatePem!: string;

  @Column({ type: 'varchar', length: 1024 })
  subject!: string;

  @Column({ name: 'serial_number', type: 'varchar', length: 128 })
  serialNumber!: string;

  @Column({ name: 'not_before', type: 'datetime', precision: 3 })
  notBefore!: Date;

  @Column({ name: 'not_after', type: 'datetime', precision: 3 })
  notAfter!: Date;

  /** Signature image (blue, leader) or seal image (red, organisation), PNG with transparency. */
  @Column({ name: 'image_png', type: 'mediumblob', nullable: true, select: false })
  imagePng!: Buffer | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/** A fact that someone must hear about, written in the transaction of the change (transactional outbox). */
@Entity('outbox_event')
@Index(['publishedAt', 'id'])
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  @Column({ name: 'document_id', type: 'bigint', unsigned: true, nullable: true })
  documentId!: string | null;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt!: Date | null;

  /** When the worker turned the event into per-recipient jobs. */
  @Column({ name: 'fanned_out_at', type: 'datetime', precision: 3, nullable: true })
  fannedOutAt!: Date | null;

  /** JSON array of the user ids that get it in the app (resolved at fan-out). */
  @Column({ name: 'in_app_recipients', type: 'mediumtext', nullable: true })
  inAppRecipients!: string | null;

  /** JSON array of the user ids that get it by e-mail. */
  @Column({ name: 'email_recipients', type: 'mediumtext', nullable: true })
  emailRecipients!: string | null;

  /** When every delivery of the event was found done (or given up); retention waits for it. */
  @Column({ name: 'settled_at', type: 'datetime', precision: 3, nullable: true })
  settledAt!: Date | null;
}

/** A day off (holiday, nghỉ bù, hoán đổi) or a make-up working day (ngày làm bù), as an administrator keeps them. */
@Entity('holiday')
export class HolidayEntity {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: HolidayKind;

  @Column({ name: 'name_vi', type: 'varchar', length: 255 })
  nameVi!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 255 })
  nameEn!: string;
}

/** An external signature between `prepare` and `complete` (possibly on different API replicas). */
@Entity('signing_preparation')
export class SigningPreparationEntity {
  @PrimaryColumn({ type: 'char', length: 32 })
  id!: string;

  @Column({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  @Column({ name: 'source_file_id', type: 'bigint', unsigned: true })
  sourceFileId!: string;

  @Column({ name: 'user_id', type: 'int', unsigned: true })
  userId!: number;

  /** The prepared PDF (with its empty signature placeholder), in file storage. */
  @Column({ name: 'prepared_sha256', type: 'char', length: 64 })
  preparedSha256!: string;

  /** The library's serialised preparation (byte range, signed attributes, chain). */
  @Column({ type: 'mediumtext' })
  state!: string;

  @Column({ type: 'varchar', length: 255 })
  placement!: string;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/** A root certificate that signatures must chain to. */
@Entity('trust_anchor')
export class TrustAnchorEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'certificate_pem', type: 'text' })
  certificatePem!: string;

  /** SHA-256 of the DER certificate, hex: the same root is kept once. */
  @Column({ type: 'char', length: 64, unique: true })
  fingerprint!: string;

  /** `anchor`: a root signatures must chain to; `intermediate`: a CA certificate that may complete a path to one. */
  @Column({ type: 'varchar', length: 16, default: 'anchor' })
  kind!: 'anchor' | 'intermediate';

  /** A disabled certificate is kept (what it vouched for stays explainable) but no longer trusted. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  subject!: string | null;

  @Column({ name: 'not_after', type: 'datetime', precision: 3, nullable: true })
  notAfter!: Date | null;

  @Column({ name: 'added_by', type: 'int', unsigned: true, nullable: true })
  addedBy!: number | null;

  @Column({ name: 'disabled_by', type: 'int', unsigned: true, nullable: true })
  disabledBy!: number | null;

  @Column({ name: 'disabled_at', type: 'datetime', precision: 3, nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/**
 * A signing certificate registered to a person (their signature) or an organisation (its seal),
 * bound by its SHA-256 fingerprint: a signature counts only when its certificate is bound,
 * approved, to whom is expected to sign. A leader registers their own token's certificate
 * (pending), an administrator approves; an administrator may bind one directly.
 */
@Entity('certificate_binding')
export class CertificateBindingEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  /** SHA-256 of the DER certificate, hex. */
  @Column({ type: 'char', length: 64, unique: true })
  fingerprint!: string;

  @Column({ name: 'certificate_pem', type: 'text' })
  certificatePem!: string;

  @Column({ type: 'varchar', length: 1024 })
  subject!: string;

  @Column({ type: 'varchar', length: 1024 })
  issuer!: string;

  @Column({ name: 'serial_number', type: 'varchar', length: 128 })
  serialNumber!: string;

  @Column({ name: 'not_after', type: 'datetime', precision: 3 })
  notAfter!: Date;

  @Column({ name: 'owner_type', type: 'varchar', length: 12 })
  ownerType!: 'user' | 'organisation';

  @Column({ name: 'owner_id', type: 'int', unsigned: true })
  ownerId!: number;

  @Column({ type: 'varchar', length: 12 })
  status!: 'pending' | 'approved' | 'disabled';

  /** Who registered it (a leader, an administrator); null: the system (a server-held key's own certificate). */
  @Column({ name: 'requested_by', type: 'int', unsigned: true, nullable: true })
  requestedBy!: number | null;

  @CreateDateColumn({ name: 'requested_at', type: 'datetime', precision: 3 })
  requestedAt!: Date;

  /** Who approved or disabled it last, and when. */
  @Column({ name: 'decided_by', type: 'int', unsigned: true, nullable: true })
  decidedBy!: number | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;
}

/** A certificate revocation list (CRL) as published by an issuing CA. */
@Entity('revocation_list')
export class RevocationListEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ type: 'varchar', length: 1024 })
  issuer!: string;

  @Column({ type: 'mediumblob' })
  der!: Buffer;

  @Column({ name: 'this_update', type: 'datetime', precision: 3 })
  thisUpdate!: Date;

  @Column({ name: 'next_update', type: 'datetime', precision: 3, nullable: true })
  nextUpdate!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/** Development and demo only: a CA whose keys the server holds, to issue test credentials. */
@Entity('dev_authority')
export class DevAuthorityEntity {
  @PrimaryColumn({ type: 'int', unsigned: true })
  id!: number;

  /** The exported development PKI (certificates and CA keys, PEM in JSON), sealed and in base64 once `kekId` is set. */
  @Column({ type: 'mediumtext' })
  bundle!: string;

  /** The key-encryption key that sealed `bundle`; null: stored before sealing. */
  @Column({ name: 'kek_id', type: 'char', length: 16, nullable: true })
  kekId!: string | null;
}

/**
 * A single-use upload ticket for the VGCA Sign Service (the local plugin): it fetches the prepared
 * PDF and posts the signed one without the browser's session. Only the ticket's SHA-256 is stored.
 */
@Entity('signing_plugin_ticket')
export class SigningPluginTicketEntity {
  /** SHA-256 (hex) of the ticket handed to the plugin. */
  @PrimaryColumn({ name: 'ticket_hash', type: 'char', length: 64 })
  ticketHash!: string;

  @Column({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  @Column({ name: 'user_id', type: 'int', unsigned: true })
  userId!: number;

  /** The main file the ticket was issued for; a changed main file voids it. */
  @Column({ name: 'prepared_sha256', type: 'char', length: 64 })
  preparedSha256!: string;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  /** When the plugin's upload consumed it; null while unused. */
  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
