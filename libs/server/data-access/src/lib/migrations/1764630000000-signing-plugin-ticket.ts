import { MigrationInterface, QueryRunner } from 'typeorm';

/** Single-use upload tickets for the VGCA Sign Service (the leader's USB token through the local plugin). */
export class SigningPluginTicket1764630000000 implements MigrationInterface {
  name = 'SigningPluginTicket1764630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signing_plugin_ticket (
        ticket_hash CHAR(64) NOT NULL,
        document_id BIGINT UNSIGNED NOT NULL,
        user_id INT UNSIGNED NOT NULL,
        prepared_sha256 CHAR(64) NOT NULL,
        expires_at DATETIME(3) NOT NULL,
        used_at DATETIME(3) NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (ticket_hash),
        KEY ix_signing_plugin_ticket_expires (expires_at),
        CONSTRAINT fk_signing_plugin_ticket_document FOREIGN KEY (document_id) REFERENCES document (id),
        CONSTRAINT fk_signing_plugin_ticket_user FOREIGN KEY (user_id) REFERENCES user (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE signing_plugin_ticket');
  }
}
