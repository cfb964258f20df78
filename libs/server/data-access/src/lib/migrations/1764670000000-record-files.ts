import { MigrationInterface, QueryRunner } from 'typeorm';

/** Hồ sơ: the organisation's file list per year and the documents filed in each file. */
export class RecordFiles1764670000000 implements MigrationInterface {
  name = 'RecordFiles1764670000000';

  async up(q: QueryRunner): Promise<void> {
    const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`
      CREATE TABLE record_file (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        organisation_id INT UNSIGNED NOT NULL,
        year SMALLINT UNSIGNED NOT NULL,
        code VARCHAR(50) NOT NULL,
        title VARCHAR(500) NOT NULL,
        retention_years SMALLINT UNSIGNED NULL,
        person_in_charge_id INT UNSIGNED NULL,
        description VARCHAR(2000) NULL,
        status VARCHAR(8) NOT NULL,
        closed_at DATETIME(3) NULL,
        closed_by INT UNSIGNED NULL,
        deposit_due DATE NULL,
        deposit_reminded_at DATETIME(3) NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_record_file_code (organisation_id, year, code),
        KEY ix_record_file_deposit (status, deposit_reminded_at, deposit_due),
        CONSTRAINT fk_record_file_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id),
        CONSTRAINT fk_record_file_person FOREIGN KEY (person_in_charge_id) REFERENCES user (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE record_file_document (
        file_id INT UNSIGNED NOT NULL,
        document_id BIGINT UNSIGNED NOT NULL,
        position INT UNSIGNED NOT NULL,
        added_by INT UNSIGNED NOT NULL,
        added_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (file_id, document_id),
        KEY ix_record_file_document_document (document_id),
        CONSTRAINT fk_record_file_document_file FOREIGN KEY (file_id) REFERENCES record_file (id),
        CONSTRAINT fk_record_file_document_document FOREIGN KEY (document_id) REFERENCES document (id),
        CONSTRAINT fk_record_file_document_user FOREIGN KEY (added_by) REFERENCES user (id)
      ) ${table}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE record_file_document');
    await q.query('DROP TABLE record_file');
  }
}
