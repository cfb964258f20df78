import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One recorded action (who, what, when, from where). Append-only: each record carries the
 * hash of the one before it, so a changed or deleted record breaks the chain.
 */
@Entity('audit_record')
@Index(['entityType', 'entityId'])
export class AuditRecordEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'occurred_at', type: 'datetime', precision: 3 })
  occurredAt!: Date;

  @Column({ name: 'user_id', type: 'int', unsigned: true, nullable: true })
  userId!: number | null;

  @Index()
  @Column({ name: 'organisation_id', type: 'int', unsigned: true, nullable: true })
  organisationId!: number | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 32 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true })
  entityId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'text', nullable: true })
  details!: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}

/** The head of the audit chain: one row, locked while a record is appended. */
@Entity('audit_head')
export class AuditHeadEntity {
  @PrimaryGeneratedColumn({ type: 'tinyint', unsigned: true })
  id!: number;

  @Column({ name: 'last_id', type: 'bigint', unsigned: true, default: 0 })
  lastId!: string;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash!: string;
}
