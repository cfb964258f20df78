import { CommentKind } from '@vanthu/shared/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

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
