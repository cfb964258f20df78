import { DeadlineStatus, DocumentDirection, DocumentStatus, DocumentType, SecurityLevel, Urgency } from '@vanthu/shared/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * An official document as one organisation holds it. An outgoing document belongs to the
 * organisation that issues it; each recipient gets an incoming document of its own that points
 * at the same signed file.
 */
@Entity('document')
@Index(['organisationId', 'direction', 'listedAt'])
@Index(['organisationId', 'direction', 'status', 'listedAt'])
@Index(['sourceDocumentId', 'organisationId'], { unique: true })
export class DocumentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  /** Owner: the issuing organisation (outgoing) or the receiving one (incoming). */
  @Column({ name: 'organisation_id', type: 'int', unsigned: true })
  organisationId!: number;

  @Column({ type: 'varchar', length: 8 })
  direction!: DocumentDirection;

  @Column({ type: 'varchar', length: 16 })
  type!: DocumentType;

  @Column({ type: 'varchar', length: 24 })
  status!: DocumentStatus;

  /** Trích yếu. */
  @Column({ type: 'varchar', length: 1000 })
  subject!: string;

  @Column({ type: 'varchar', length: 16 })
  urgency!: Urgency;

  @Column({ name: 'security_level', type: 'varchar', length: 16 })
  securityLevel!: SecurityLevel;

  /** Outgoing register and number; for incoming documents the sender's number, copied. */
  @Column({ name: 'register_id', type: 'int', unsigned: true, nullable: true })
  registerId!: number | null;

  @Column({ type: 'int', unsigned: true, nullable: true })
  number!: number | null;

  /** Số, ký hiệu: `27/KH-UBND`. */
  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  symbol!: string | null;

  /** Ngày tháng of the document (issue date; for incoming, the sender's date). */
  @Column({ name: 'document_date', type: 'date', nullable: true })
  documentDate!: string | null;

  @Column({ name: 'issued_at', type: 'datetime', precision: 3, nullable: true })
  issuedAt!: Date | null;

  @Column({ name: 'drafting_unit_id', type: 'int', unsigned: true, nullable: true })
  draftingUnitId!: number | null;

  @Column({ name: 'created_by', type: 'int', unsigned: true, nullable: true })
  createdBy!: number | null;

  @Column({ name: 'signer_id', type: 'int', unsigned: true, nullable: true })
  signerId!: number | null;

  @Column({ name: 'signing_line', type: 'varchar', length: 255, nullable: true })
  signingLine!: string | null;

  @Column({ name: 'signed_at', type: 'datetime', precision: 3, nullable: true })
  signedAt!: Date | null;

  /** Where the leader's visible signature went (JSON of a SignaturePlacement); the seal overlaps it. */
  @Column({ name: 'signature_placement', type: 'varchar', length: 255, nullable: true })
  signaturePlacement!: string | null;

  /** Số đến and its register (incoming). */
  @Column({ name: 'arrival_register_id', type: 'int', unsigned: true, nullable: true })
  arrivalRegisterId!: number | null;

  @Column({ name: 'arrival_number', type: 'int', unsigned: true, nullable: true })
  arrivalNumber!: number | null;

  @Column({ name: 'received_at', type: 'datetime', precision: 3, nullable: true })
  receivedAt!: Date | null;

  @Column({ name: 'sender_organisation_id', type: 'int', unsigned: true, nullable: true })
  senderOrganisationId!: number | null;

  /** Tác giả / nơi gửi, as written (also for senders outside the system). */
  @Column({ name: 'sender_name', type: 'varchar', length: 255, nullable: true })
  senderName!: string | null;

  /** The outgoing document an incoming one came from. */
  @Column({ name: 'source_document_id', type: 'bigint', unsigned: true, nullable: true })
  sourceDocumentId!: string | null;

  /** The leader it was submitted to (trình). */
  @Column({ name: 'submitted_to', type: 'int', unsigned: true, nullable: true })
  submittedTo!: number | null;

  /** Hạn xử lý (incoming), a calendar date in Vietnam time. */
  @Column({ type: 'date', nullable: true })
  deadline!: string | null;

  /** Hạn trả lời: the day the sender asks for an answer by (outgoing draft; copied onto each incoming copy at dispatch). */
  @Column({ name: 'reply_by', type: 'date', nullable: true })
  replyBy!: string | null;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  timeliness!: DeadlineStatus | null;

  /** Search words of the number, symbol, subject and sender, folded and marked (copied to document_term for search). */
  @Column({ name: 'search_text', type: 'text' })
  searchText!: string;

  /** The list's sort key: arrival (incoming) or creation (outgoing). */
  @Column({ name: 'listed_at', type: 'datetime', precision: 3 })
  listedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  /** Guards against two people changing the same document at once. */
  @VersionColumn({ type: 'int', unsigned: true })
  version!: number;
}
