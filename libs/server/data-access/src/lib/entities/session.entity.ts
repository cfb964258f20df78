import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A log-in session. Kept in the database (not in process memory) so that any API replica can
 * serve any request. The cookie holds a random token; only its SHA-256 is stored here.
 */
@Entity('session')
export class SessionEntity {
  /** SHA-256 (hex) of the session token. */
  @PrimaryColumn({ type: 'char', length: 64 })
  id!: string;

  @Index()
  @Column({ name: 'user_id', type: 'int', unsigned: true })
  userId!: number;

  @Column({ name: 'csrf_token', type: 'varchar', length: 64 })
  csrfToken!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Index()
  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 255, nullable: true })
  userAgent!: string | null;
}
