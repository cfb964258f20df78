import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One in-app notification of one person. The unique (event, user) pair is the in-app channel's
 * idempotency key: a retried or duplicated delivery job cannot create a second one.
 */
@Entity('notification')
@Index(['eventId', 'userId'], { unique: true })
@Index(['userId', 'id'])
@Index(['userId', 'readAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'user_id', type: 'int', unsigned: true })
  userId!: number;

  /** The outbox event it came from. */
  @Column({ name: 'event_id', type: 'bigint', unsigned: true })
  eventId!: string;

  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  @Column({ name: 'document_id', type: 'bigint', unsigned: true, nullable: true })
  documentId!: string | null;

  // Rendered once, in both languages, so the text a person read never changes afterwards.
  @Column({ name: 'title_vi', type: 'varchar', length: 500 })
  titleVi!: string;

  @Column({ name: 'title_en', type: 'varchar', length: 500 })
  titleEn!: string;

  @Column({ name: 'body_vi', type: 'varchar', length: 2000 })
  bodyVi!: string;

  @Column({ name: 'body_en', type: 'varchar', length: 2000 })
  bodyEn!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'datetime', precision: 3, nullable: true })
  readAt!: Date | null;
}

/** Where an e-mail (or a later channel) stands for one (event, recipient, channel): the idempotency key. */
@Entity('notification_delivery')
@Index(['eventId', 'userId', 'channel'], { unique: true })
@Index(['status', 'updatedAt'])
export class NotificationDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'event_id', type: 'bigint', unsigned: true })
  eventId!: string;

  @Column({ name: 'user_id', type: 'int', unsigned: true })
  userId!: number;

  @Column({ type: 'varchar', length: 16 })
  channel!: 'email';

  /** pending (created, not claimed yet), sending (claimed by a worker), sent, failed (will be retried), skipped (never sent, see detail). */
  @Column({ type: 'varchar', length: 12 })
  status!: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

  /** Times a worker claimed it; above one after a retry or a worker that died mid-send. */
  @Column({ type: 'smallint', unsigned: true, default: 0 })
  attempts!: number;

  @Column({ type: 'varchar', length: 255, nullable: true })
  address!: string | null;

  /** The last error, or why it was skipped (`smtp-off`, `opted-out`, `no-address`). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  detail!: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 255, nullable: true })
  messageId!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt!: Date | null;
}

/** A person's choice for one kind; no row means the default (e-mail on). */
@Entity('notification_setting')
export class NotificationSettingEntity {
  @PrimaryColumn({ name: 'user_id', type: 'int', unsigned: true })
  userId!: number;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  kind!: string;

  @Column({ type: 'boolean' })
  email!: boolean;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/**
 * A deadline reminder already raised for one assignee, threshold and deadline: the key that makes
 * the repeated scan remind once (a new deadline set by the leader re-arms it).
 */
@Entity('deadline_reminder')
export class DeadlineReminderEntity {
  @PrimaryColumn({ name: 'assignee_id', type: 'bigint', unsigned: true })
  assigneeId!: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  threshold!: 'near' | 'passed';

  @PrimaryColumn({ type: 'date' })
  deadline!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
