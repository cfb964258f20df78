import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An organisation outside this installation that documents are exchanged with (edXML). */
@Entity('external_organisation')
export class ExternalOrganisationEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  /** Mã định danh (up to 13 characters). */
  @Index({ unique: true })
  @Column({ name: 'identifier_code', type: 'varchar', length: 13 })
  identifierCode!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  telephone!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  website!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** A system allowed to post packets (the province's LGSP, another VănThư), known by its token's hash. */
@Entity('exchange_peer')
export class ExchangePeerEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'token_sha256', type: 'char', length: 64 })
  tokenSha256!: string;

  /** The mã định danh it receives for, comma-separated; null: every packet (an LGSP, the national axis). */
  @Column({ name: 'organ_ids', type: 'varchar', length: 2000, nullable: true })
  organIds!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

export type PacketDirection = 'in' | 'out';
/** in: imported, duplicate, applied (status, revoke, update); out: pending, sent, refused (by the receiver). */
export type PacketOutcome = 'imported' | 'duplicate' | 'applied' | 'pending' | 'sent' | 'refused';

/** One edXML packet received or sent; its bytes are kept in file storage under `sha256`. */
@Entity('exchange_packet')
export class ExchangePacketEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ type: 'varchar', length: 3 })
  direction!: PacketDirection;

  @Column({ type: 'varchar', length: 8 })
  kind!: 'document' | 'status';

  /** folder, http, pull (received); folder, http (sent). */
  @Column({ type: 'varchar', length: 8 })
  channel!: string;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 80, nullable: true })
  dedupeKey!: string | null;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'int', unsigned: true })
  size!: number;

  /** The DocumentId the packet carries (a document) or answers (a status: ResponseFor). */
  @Column({ name: 'document_key', type: 'varchar', length: 255 })
  documentKey!: string;

  @Column({ name: 'from_organ_id', type: 'varchar', length: 13 })
  fromOrganId!: string;

  @Column({ name: 'from_name', type: 'varchar', length: 255 })
  fromName!: string;

  @Column({ name: 'to_organ_id', type: 'varchar', length: 13, nullable: true })
  toOrganId!: string | null;

  @Column({ name: 'business_type', type: 'tinyint', unsigned: true, nullable: true })
  businessType!: number | null;

  @Column({ name: 'status_code', type: 'char', length: 2, nullable: true })
  statusCode!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  symbol!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  subject!: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome!: PacketOutcome;

  /** Our organisation the packet concerns (a recipient, or the sender of an outgoing one). */
  @Column({ name: 'organisation_id', type: 'int', unsigned: true, nullable: true })
  organisationId!: number | null;

  /** Our document: the incoming copy made or changed, or the outgoing document sent or answered. */
  @Column({ name: 'document_id', type: 'bigint', unsigned: true, nullable: true })
  documentId!: string | null;

  /** For a duplicate: the incoming document it duplicates. */
  @Column({ name: 'duplicate_of', type: 'bigint', unsigned: true, nullable: true })
  duplicateOf!: string | null;

  /** JSON: what the import did (the documents created or changed), answered again to a repeated delivery. */
  @Column({ type: 'text', nullable: true })
  result!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'smallint', unsigned: true, default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;
}

export type ExternalDeliveryState = 'queued' | 'exported' | 'revoked' | 'failed';

/** One external recipient of a dispatched document, and the last status it reported. */
@Entity('external_delivery')
@Index(['documentId', 'externalOrganisationId'], { unique: true })
export class ExternalDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  @Column({ name: 'external_organisation_id', type: 'int', unsigned: true })
  externalOrganisationId!: number;

  @Column({ type: 'varchar', length: 12 })
  state!: ExternalDeliveryState;

  @Column({ name: 'document_key', type: 'varchar', length: 255, nullable: true })
  documentKey!: string | null;

  @Column({ name: 'status_code', type: 'char', length: 2, nullable: true })
  statusCode!: string | null;

  @Column({ name: 'status_at', type: 'datetime', precision: 3, nullable: true })
  statusAt!: Date | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  @Column({ name: 'dispatched_at', type: 'datetime', precision: 3 })
  dispatchedAt!: Date;

  @Column({ name: 'dispatched_by', type: 'int', unsigned: true, nullable: true })
  dispatchedBy!: number | null;
}

/** What a document received from outside carried beyond the document row (edXML header fields). */
@Entity('exchange_document')
export class ExchangeDocumentEntity {
  @PrimaryColumn({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  @Column({ name: 'organisation_id', type: 'int', unsigned: true })
  organisationId!: number;

  @Column({ name: 'packet_id', type: 'bigint', unsigned: true })
  packetId!: string;

  @Column({ name: 'document_key', type: 'varchar', length: 255 })
  documentKey!: string;

  @Column({ name: 'sender_organ_id', type: 'varchar', length: 13 })
  senderOrganId!: string;

  @Column({ name: 'signer_competence', type: 'varchar', length: 255, nullable: true })
  signerCompetence!: string | null;

  @Column({ name: 'signer_position', type: 'varchar', length: 255, nullable: true })
  signerPosition!: string | null;

  @Column({ name: 'signer_name', type: 'varchar', length: 255, nullable: true })
  signerName!: string | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ name: 'promulgation_place', type: 'varchar', length: 255, nullable: true })
  promulgationPlace!: string | null;

  @Column({ name: 'page_amount', type: 'int', unsigned: true, nullable: true })
  pageAmount!: number | null;

  @Column({ name: 'type_name', type: 'varchar', length: 255 })
  typeName!: string;

  @Column({ name: 'business_type', type: 'tinyint', unsigned: true, default: 0 })
  businessType!: number;

  @Column({ name: 'replaced_by', type: 'bigint', unsigned: true, nullable: true })
  replacedBy!: string | null;

  @Column({ name: 'pending_request', type: 'char', length: 2, nullable: true })
  pendingRequest!: string | null;

  @Column({ name: 'reported_code', type: 'char', length: 2, nullable: true })
  reportedCode!: string | null;
}

/** Where a sweep over an append-only table stopped (the status reports read the audit chain). */
@Entity('exchange_cursor')
export class ExchangeCursorEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name!: string;

  @Column({ name: 'last_id', type: 'bigint', unsigned: true, default: 0 })
  lastId!: string;
}
