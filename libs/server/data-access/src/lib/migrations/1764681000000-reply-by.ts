import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hạn trả lời: the day by which the sender asks for an answer, set on the outgoing draft and
 * copied onto each recipient's incoming copy at dispatch. A calendar day in Vietnam time, like
 * `deadline` (hạn xử lý).
 */
export class ReplyBy1764681000000 implements MigrationInterface {
  name = 'ReplyBy1764681000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE document ADD COLUMN reply_by DATE NULL AFTER deadline');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE document DROP COLUMN reply_by');
  }
}
