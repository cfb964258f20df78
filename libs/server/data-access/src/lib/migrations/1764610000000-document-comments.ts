import { MigrationInterface, QueryRunner } from 'typeorm';

/** Ý kiến (comments) on documents and the handler's kết quả xử lý (result), with their files. */
export class DocumentComments1764610000000 implements MigrationInterface {
  name = 'DocumentComments1764610000000';

  async up(q: QueryRunner): Promise<void> {
    const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`
      CREATE TABLE document_comment (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        document_id BIGINT UNSIGNED NOT NULL,
        kind VARCHAR(12) NOT NULL,
        author_id INT UNSIGNED NOT NULL,
        organisation_id INT UNSIGNED NOT NULL,
        text VARCHAR(4000) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY ix_document_comment_document (document_id, id),
        CONSTRAINT fk_document_comment_document FOREIGN KEY (document_id) REFERENCES document (id),
        CONSTRAINT fk_document_comment_author FOREIGN KEY (author_id) REFERENCES user (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE document_comment_file (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        comment_id BIGINT UNSIGNED NOT NULL,
        document_id BIGINT UNSIGNED NOT NULL,
        name VARCHAR(255) NOT NULL,
        content_type VARCHAR(127) NOT NULL,
        sha256 CHAR(64) NOT NULL,
        size BIGINT UNSIGNED NOT NULL,
        PRIMARY KEY (id),
        KEY ix_document_comment_file_comment (comment_id),
        KEY ix_document_comment_file_sha256 (sha256),
        CONSTRAINT fk_document_comment_file_comment FOREIGN KEY (comment_id) REFERENCES document_comment (id)
      ) ${table}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE document_comment_file');
    await q.query('DROP TABLE document_comment');
  }
}
