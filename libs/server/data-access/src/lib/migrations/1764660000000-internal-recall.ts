import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Thu hồi, cập nhật, thay thế of a dispatched document at its recipients inside the installation
 * (Decree 30/2020, Appendix VI: withdrawn outgoing documents frozen, withdrawn incoming ones
 * cancelled). The same business codes as edXML's BussinessDocType (1 revoke, 2 update, 3 replace)
 * and the same "replaced by" link as an external copy (exchange_document), kept on the delivery:
 * - recall_request: the clerk's request and the signing leader's decision on it;
 * - delivery.business_type / replaced_by: what the sender did to this recipient's copy;
 * - delivery.acknowledged_at / _by: the recipient's clerk saw it (xác nhận).
 */
export class InternalRecall1764660000000 implements MigrationInterface {
  name = 'InternalRecall1764660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE recall_request (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        organisation_id INT UNSIGNED NOT NULL,
        document_id BIGINT UNSIGNED NOT NULL,
        business_type TINYINT UNSIGNED NOT NULL,
        reason VARCHAR(2000) NOT NULL,
        replacement_document_id BIGINT UNSIGNED NULL,
        status VARCHAR(10) NOT NULL,
        requested_by INT UNSIGNED NOT NULL,
        requested_at DATETIME(3) NOT NULL,
        decided_by INT UNSIGNED NULL,
        decided_at DATETIME(3) NULL,
        decision_comment VARCHAR(2000) NULL,
        KEY ix_recall_request_document (document_id, status),
        CONSTRAINT fk_recall_request_document FOREIGN KEY (document_id) REFERENCES document (id),
        CONSTRAINT fk_recall_request_replacement FOREIGN KEY (replacement_document_id) REFERENCES document (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `ALTER TABLE delivery
         ADD COLUMN business_type TINYINT UNSIGNED NULL,
         ADD COLUMN replaced_by BIGINT UNSIGNED NULL,
         ADD COLUMN business_reason VARCHAR(2000) NULL,
         ADD COLUMN business_at DATETIME(3) NULL,
         ADD COLUMN acknowledged_at DATETIME(3) NULL,
         ADD COLUMN acknowledged_by INT UNSIGNED NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE delivery
         DROP COLUMN business_type,
         DROP COLUMN replaced_by,
         DROP COLUMN business_reason,
         DROP COLUMN business_at,
         DROP COLUMN acknowledged_at,
         DROP COLUMN acknowledged_by`,
    );
    await q.query('DROP TABLE recall_request');
  }
}
