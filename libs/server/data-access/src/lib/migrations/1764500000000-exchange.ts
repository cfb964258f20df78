import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exchange with other e-office systems (edXML, QCVN 102:2016): the directory of external
 * organisations, the peers allowed to post packets, every packet received or sent, the external
 * recipients of our dispatched documents, what an incoming copy from outside carried, and the
 * cursor of the status reports.
 */
export class Exchange1764500000000 implements MigrationInterface {
  name = 'Exchange1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`
      CREATE TABLE external_organisation (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        -- Mã định danh: up to 13 characters (000.00.00.H41).
        identifier_code VARCHAR(13) NOT NULL,
        name VARCHAR(255) NOT NULL,
        address VARCHAR(255) NULL,
        email VARCHAR(255) NULL,
        telephone VARCHAR(64) NULL,
        website VARCHAR(255) NULL,
        active TINYINT(1) NOT NULL DEFAULT 1,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_external_organisation_code (identifier_code),
        KEY ix_external_organisation_name (name)
      ) ${table}`);
    await q.query(`
      CREATE TABLE exchange_peer (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        name VARCHAR(255) NOT NULL,
        -- Only the SHA-256 of the token: the token itself is shown once, when it is made.
        token_sha256 CHAR(64) NOT NULL,
        active TINYINT(1) NOT NULL DEFAULT 1,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_exchange_peer_token (token_sha256)
      ) ${table}`);
    await q.query(`
      CREATE TABLE exchange_packet (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        direction VARCHAR(3) NOT NULL,
        kind VARCHAR(8) NOT NULL,
        channel VARCHAR(8) NOT NULL,
        -- 'in:<sha256 of the bytes>' for a received packet: the same packet twice is found, not taken again.
        dedupe_key VARCHAR(80) NULL,
        sha256 CHAR(64) NOT NULL,
        size INT UNSIGNED NOT NULL,
        document_key VARCHAR(255) NOT NULL,
        from_organ_id VARCHAR(13) NOT NULL,
        from_name VARCHAR(255) NOT NULL,
        to_organ_id VARCHAR(13) NULL,
        business_type TINYINT UNSIGNED NULL,
        status_code CHAR(2) NULL,
        symbol VARCHAR(64) NULL,
        subject VARCHAR(1000) NULL,
        outcome VARCHAR(16) NOT NULL,
        organisation_id INT UNSIGNED NULL,
        document_id BIGINT UNSIGNED NULL,
        duplicate_of BIGINT UNSIGNED NULL,
        result TEXT NULL,
        description VARCHAR(2000) NULL,
        created_at DATETIME(3) NOT NULL,
        sent_at DATETIME(3) NULL,
        attempts SMALLINT UNSIGNED NOT NULL DEFAULT 0,
        last_error VARCHAR(1000) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_exchange_packet_dedupe (dedupe_key),
        KEY ix_exchange_packet_list (organisation_id, direction, id),
        KEY ix_exchange_packet_document (document_id, id),
        KEY ix_exchange_packet_pending (direction, outcome, id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE external_delivery (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        document_id BIGINT UNSIGNED NOT NULL,
        external_organisation_id INT UNSIGNED NOT NULL,
        -- queued (waiting for its packet), exported (packet written), revoked (we took it back).
        state VARCHAR(12) NOT NULL,
        document_key VARCHAR(255) NULL,
        status_code CHAR(2) NULL,
        status_at DATETIME(3) NULL,
        description VARCHAR(2000) NULL,
        dispatched_at DATETIME(3) NOT NULL,
        dispatched_by INT UNSIGNED NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_external_delivery (document_id, external_organisation_id),
        KEY ix_external_delivery_state (state, id),
        KEY ix_external_delivery_key (document_key),
        CONSTRAINT fk_external_delivery_document FOREIGN KEY (document_id) REFERENCES document (id),
        CONSTRAINT fk_external_delivery_organisation FOREIGN KEY (external_organisation_id) REFERENCES external_organisation (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE exchange_document (
        document_id BIGINT UNSIGNED NOT NULL,
        organisation_id INT UNSIGNED NOT NULL,
        packet_id BIGINT UNSIGNED NOT NULL,
        document_key VARCHAR(255) NOT NULL,
        sender_organ_id VARCHAR(13) NOT NULL,
        signer_competence VARCHAR(255) NULL,
        signer_position VARCHAR(255) NULL,
        signer_name VARCHAR(255) NULL,
        due_date DATE NULL,
        promulgation_place VARCHAR(255) NULL,
        page_amount INT UNSIGNED NULL,
        type_name VARCHAR(255) NOT NULL,
        -- The last business applied: 0 new, 1 revoked, 2 updated, 3 replaced by another.
        business_type TINYINT UNSIGNED NOT NULL DEFAULT 0,
        replaced_by BIGINT UNSIGNED NULL,
        -- 13 when the sender asked to take it back and the clerk has not answered yet.
        pending_request CHAR(2) NULL,
        -- The last status we reported to the sender.
        reported_code CHAR(2) NULL,
        PRIMARY KEY (document_id),
        UNIQUE KEY uq_exchange_document_key (organisation_id, document_key),
        CONSTRAINT fk_exchange_document_document FOREIGN KEY (document_id) REFERENCES document (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE exchange_cursor (
        name VARCHAR(32) NOT NULL,
        last_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
        PRIMARY KEY (name)
      ) ${table}`);
    await q.query(`INSERT INTO exchange_cursor (name, last_id) VALUES ('status-reports', 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['exchange_cursor', 'exchange_document', 'external_delivery', 'exchange_packet', 'exchange_peer', 'external_organisation']) {
      await q.query(`DROP TABLE ${name}`);
    }
  }
}
