import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each relayed outbox event was fanned out to, and when every delivery of it was settled: the
 * worker's reconciler finds events whose queued jobs Redis lost (a crash before its append-only
 * file was written, a Redis restarted empty) and queues them again. Retention keeps an event until
 * it is settled.
 */
export class OutboxSettlement1764550000000 implements MigrationInterface {
  name = 'OutboxSettlement1764550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox_event
        ADD COLUMN fanned_out_at DATETIME(3) NULL AFTER published_at,
        ADD COLUMN in_app_recipients MEDIUMTEXT NULL AFTER fanned_out_at,
        ADD COLUMN email_recipients MEDIUMTEXT NULL AFTER in_app_recipients,
        ADD COLUMN settled_at DATETIME(3) NULL AFTER email_recipients,
        ADD KEY ix_outbox_unsettled (settled_at, published_at)`);
    // Events relayed before this change: their deliveries are as done as they will be.
    await q.query('UPDATE outbox_event SET settled_at = published_at WHERE published_at IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE outbox_event DROP KEY ix_outbox_unsettled, DROP COLUMN settled_at, DROP COLUMN email_recipients, DROP COLUMN in_app_recipients, DROP COLUMN fanned_out_at');
  }
}
