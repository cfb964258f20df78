import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisations each exchange peer receives for (their mã định danh, comma-separated): a peer
 * that pulls gets only the packets addressed to them, and acknowledges only those. Empty: every
 * packet (an LGSP or the national axis carries them all onward).
 */
export class ExchangePeerRouting1764560000000 implements MigrationInterface {
  name = 'ExchangePeerRouting1764560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE exchange_peer ADD COLUMN organ_ids VARCHAR(2000) NULL AFTER token_sha256');
    await q.query('ALTER TABLE exchange_packet ADD KEY ix_exchange_packet_pull (direction, outcome, to_organ_id, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE exchange_packet DROP KEY ix_exchange_packet_pull');
    await q.query('ALTER TABLE exchange_peer DROP COLUMN organ_ids');
  }
}
