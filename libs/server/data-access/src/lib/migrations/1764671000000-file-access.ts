import { MigrationInterface, QueryRunner } from 'typeorm';

/** Nhật ký truy cập: every view, download and print of a document's file. */
export class FileAccess1764671000000 implements MigrationInterface {
  name = 'FileAccess1764671000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE file_access (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        action VARCHAR(12) NOT NULL,
        user_id INT UNSIGNED NOT NULL,
        document_id BIGINT UNSIGNED NOT NULL,
        document_organisation_id INT UNSIGNED NOT NULL,
        file_id BIGINT UNSIGNED NOT NULL,
        ip VARCHAR(45) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_file_access_organisation (document_organisation_id, id),
        KEY ix_file_access_document (document_id, id),
        CONSTRAINT fk_file_access_user FOREIGN KEY (user_id) REFERENCES user (id),
        CONSTRAINT fk_file_access_document FOREIGN KEY (document_id) REFERENCES document (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE file_access');
  }
}
