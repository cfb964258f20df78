import { Role } from '@vanthu/shared/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('user')
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Index()
  @Column({ name: 'organisation_id', type: 'int', unsigned: true })
  organisationId!: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  @Column({ name: 'full_name', type: 'varchar', length: 128 })
  fullName!: string;

  /** Chức vụ: "Phó Chủ tịch", "Văn thư", "Chuyên viên". */
  @Column({ type: 'varchar', length: 128 })
  position!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  email!: string | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'failed_logins', type: 'int', unsigned: true, default: 0 })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'password_changed_at', type: 'datetime', precision: 3, nullable: true })
  passwordChangedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** A role a user holds; a table of its own so that "the clerks of organisation X" is an indexed query. */
@Entity('user_role')
@Index(['organisationId', 'role'])
export class UserRoleEntity {
  @PrimaryColumn({ name: 'user_id', type: 'int', unsigned: true })
  userId!: number;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  role!: Role;

  /** Copied from the user so that role look-ups per organisation need no join. */
  @Column({ name: 'organisation_id', type: 'int', unsigned: true })
  organisationId!: number;
}
