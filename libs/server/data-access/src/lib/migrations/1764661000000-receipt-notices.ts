import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipt notices (Decree 30/2020, Appendix VI: an automatic receipt notice to the sender, who
 * follows each recipient's processing): when each recipient's copy was first opened, registered,
 * assigned and completed (the delivery's status keeps only the latest), and when the sender last
 * reminded a recipient that had not opened it (one reminder per copy per hour).
 */
export class ReceiptNotices1764661000000 implements MigrationInterface {
  name = 'ReceiptNotices1764661000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE delivery
         ADD COLUMN opened_at DATETIME(3) NULL,
         ADD COLUMN registered_at DATETIME(3) NULL,
         ADD COLUMN assigned_at DATETIME(3) NULL,
         ADD COLUMN completed_at DATETIME(3) NULL,
         ADD COLUMN reminded_at DATETIME(3) NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE delivery DROP COLUMN opened_at, DROP COLUMN registered_at, DROP COLUMN assigned_at, DROP COLUMN completed_at, DROP COLUMN reminded_at');
  }
}
