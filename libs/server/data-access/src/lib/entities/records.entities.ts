import { CommentKind, FileAccessAction, RecordFileStatus } from '@vanthu/shared/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Ý kiến on a document — a comment anyone who may see the document may add — or the handler's
 * kết quả xử lý (result), which the sender reads in its tracking of each recipient.
 */
@Entity('document_comment')
@Index(['documentId', 'id'])
export class DocumentCommentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  @Column({ type: 'varchar', length: 12 })
  kind!: CommentKind;

  @Column({ name: 'author_id', type: 'int', unsigned: true })
  authorId!: number;

  /** The author's organisation when writing (people move; the comment stays the unit's). */
  @Column({ name: 'organisation_id', type: 'int', unsigned: true })
  organisationId!: number;

  @Column({ type: 'varchar', length: 4000 })
  text!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/** A file attached to a comment or result; the bytes live in the file storage under `sha256`. */
@Entity('document_comment_file')
@Index(['commentId'])
export class DocumentCommentFileEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'comment_id', type: 'bigint', unsigned: true })
  commentId!: string;

  @Column({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 127 })
  contentType!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint', unsigned: true })
  size!: string;
}

/**
 * A file (hồ sơ) of an organisation's file list (danh mục hồ sơ) for a year. Open while its work
 * goes on; closed (no more documents) when it ends; due at the archive a year after closing.
 */
@Entity('record_file')
@Index(['organisationId', 'year', 'code'], { unique: true })
export class RecordFileEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'organisation_id', type: 'int', unsigned: true })
  organisationId!: number;

  @Column({ type: 'smallint', unsigned: true })
  year!: number;

  @Column({ type: 'varchar', length: 50 })
  code!: string;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  /** Thời hạn bảo quản in years; null: permanent. */
  @Column({ name: 'retention_years', type: 'smallint', unsigned: true, nullable: true })
  retentionYears!: number | null;

  @Column({ name: 'person_in_charge_id', type: 'int', unsigned: true, nullable: true })
  personInChargeId!: number | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 8 })
  status!: RecordFileStatus;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closed_by', type: 'int', unsigned: true, nullable: true })
  closedBy!: number | null;

  /** Hạn nộp lưu (Vietnam calendar date). */
  @Column({ name: 'deposit_due', type: 'date', nullable: true })
  depositDue!: string | null;

  /** When the reminder before the deposit went out (once per file). */
  @Column({ name: 'deposit_reminded_at', type: 'datetime', precision: 3, nullable: true })
  depositRemindedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/** A document in a file, in the order it was added. */
@Entity('record_file_document')
export class RecordFileDocumentEntity {
  @PrimaryColumn({ name: 'file_id', type: 'int', unsigned: true })
  fileId!: number;

  @PrimaryColumn({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  @Column({ type: 'int', unsigned: true })
  position!: number;

  @Column({ name: 'added_by', type: 'int', unsigned: true })
  addedBy!: number;

  @CreateDateColumn({ name: 'added_at', type: 'datetime', precision: 3 })
  addedAt!: Date;
}

/**
 * Nhật ký truy cập (Decree 30/2020, Appendix VI): who opened, downloaded or printed which file
 * of which document, when and from where. Written once, never changed.
 */
@Entity('file_access')
@Index(['documentOrganisationId', 'id'])
@Index(['documentId', 'id'])
export class FileAccessEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'varchar', length: 12 })
  action!: FileAccessAction;

  @Column({ name: 'user_id', type: 'int', unsigned: true })
  userId!: number;

  @Column({ name: 'document_id', type: 'bigint', unsigned: true })
  documentId!: string;

  /** The organisation the document belongs to: whose leaders read the entry. */
  @Column({ name: 'document_organisation_id', type: 'int', unsigned: true })
  documentOrganisationId!: number;

  @Column({ name: 'file_id', type: 'bigint', unsigned: true })
  fileId!: string;

  @Column({ type: 'varchar', length: 45 })
  ip!: string;
}
