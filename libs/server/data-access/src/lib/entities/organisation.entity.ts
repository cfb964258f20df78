import { OrganisationKind } from '@vanthu/shared/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An organisation of a tree: UBND tỉnh or UBND huyện at the top, its office and departments, communes. */
@Entity('organisation')
export class OrganisationEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'parent_id', type: 'int', unsigned: true, nullable: true })
  parentId!: number | null;

  /** Materialised path `/1/8/` (ids from the root), so a subtree is one indexed LIKE. */
  @Index()
  @Column({ type: 'varchar', length: 255 })
  path!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: OrganisationKind;

  /** Abbreviation in document symbols (`UBND`, `VP`, `NV`). */
  @Column({ type: 'varchar', length: 32 })
  abbreviation!: string;

  /** Government identifier code (mã định danh), for edXML: unique (uq_organisation_identifier_code), at most 13 characters. */
  @Column({ name: 'identifier_code', type: 'varchar', length: 64, nullable: true })
  identifierCode!: string | null;

  @Column({ name: 'place_name', type: 'varchar', length: 128, nullable: true })
  placeName!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
