import { DEFAULT_HOLIDAY_SEEDS } from '@vanthu/shared/domain';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Documents, registers, files, review steps, deliveries, assignments, signing keys, outbox. */
export class Routing1763900000000 implements MigrationInterface {
  name = 'Routing1763900000000';

  async up(q: QueryRunner): Promise<void> {
    const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`
      CREATE TABLE register (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        organisation_id INT UNSIGNED NOT NULL,
        year SMALLINT UNSIGNED NOT NULL,
        kind VARCHAR(24) NOT NULL,
        last_number INT UNSIGNED NOT NULL DEFAULT 0,
        PRIMARY KEY (id),
        UNIQUE KEY uq_register (organisation_id, year, kind),
        CONSTRAINT fk_register_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE document (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        organisation_id INT UNSIGNED NOT NULL,
        direction VARCHAR(8) NOT NULL,
        type VARCHAR(16) NOT NULL,
        status VARCHAR(24) NOT NULL,
        subject VARCHAR(1000) NOT NULL,
        urgency VARCHAR(16) NOT NULL,
        security_level VARCHAR(16) NOT NULL,
        register_id INT UNSIGNED NULL,
        number INT UNSIGNED NULL,
        symbol VARCHAR(64) NULL,
        document_date DATE NULL,
        issued_at DATETIME(3) NULL,
        drafting_unit_id INT UNSIGNED NULL,
        created_by INT UNSIGNED NULL,
        signer_id INT UNSIGNED NULL,
        signing_line VARCHAR(255) NULL,
        signed_at DATETIME(3) NULL,
        -- Where the leader's visible signature went ({"page":n,"x":…,"y":…,"width":…,"height":…}): the seal overlaps it.
        signature_placement VARCHAR(255) NULL,
        arrival_register_id INT UNSIGNED NULL,
        arrival_number INT UNSIGNED NULL,
        received_at DATETIME(3) NULL,
        sender_organisation_id INT UNSIGNED NULL,
        sender_name VARCHAR(255) NULL,
        source_document_id BIGINT UNSIGNED NULL,
        submitted_to INT UNSIGNED NULL,
        deadline DATE NULL,
        completed_at DATETIME(3) NULL,
        timeliness VARCHAR(8) NULL,
        search_text TEXT NOT NULL,
        -- The list's sort key: arrival (incoming) or creation (outgoing).
        listed_at DATETIME(3) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        version INT UNSIGNED NOT NULL,
        PRIMARY KEY (id),
        -- A number is unique in its register (Decree 30, Art. 15): the database refuses a duplicate.
        UNIQUE KEY uq_document_number (register_id, number),
        UNIQUE KEY uq_document_arrival (arrival_register_id, arrival_number),
        -- One incoming copy per recipient of a dispatch.
        UNIQUE KEY uq_document_source (source_document_id, organisation_id),
        KEY ix_document_org_listed (organisation_id, direction, listed_at),
        KEY ix_document_org_status (organisation_id, direction, status, listed_at),
        KEY ix_document_drafting_unit (drafting_unit_id, direction, listed_at),
        -- Work queues and the overdue count read these instead of scanning a register.
        KEY ix_document_signer (signer_id, status),
        KEY ix_document_creator (created_by, status),
        KEY ix_document_submitted (submitted_to, status),
        KEY ix_document_org_deadline (organisation_id, direction, deadline),
        KEY ix_document_symbol (symbol),
        CONSTRAINT fk_document_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id),
        CONSTRAINT fk_document_register FOREIGN KEY (register_id) REFERENCES register (id),
        CONSTRAINT fk_document_arrival_register FOREIGN KEY (arrival_register_id) REFERENCES register (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE document_file (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        document_id BIGINT UNSIGNED NOT NULL,
        role VARCHAR(12) NOT NULL,
        position SMALLINT UNSIGNED NOT NULL DEFAULT 0,
        name VARCHAR(255) NOT NULL,
        sha256 CHAR(64) NOT NULL,
        size BIGINT UNSIGNED NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        current TINYINT(1) NOT NULL DEFAULT 1,
        stage VARCHAR(12) NOT NULL,
        signature_count SMALLINT UNSIGNED NOT NULL DEFAULT 0,
        verification MEDIUMTEXT NULL,
        verified_at DATETIME(3) NULL,
        created_by INT UNSIGNED NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY ix_document_file_current (document_id, current),
        KEY ix_document_file_sha (sha256),
        CONSTRAINT fk_document_file_document FOREIGN KEY (document_id) REFERENCES document (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE document_recipient (
        document_id BIGINT UNSIGNED NOT NULL,
        organisation_id INT UNSIGNED NOT NULL,
        PRIMARY KEY (document_id, organisation_id),
        CONSTRAINT fk_recipient_document FOREIGN KEY (document_id) REFERENCES document (id),
        CONSTRAINT fk_recipient_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE review_step (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        document_id BIGINT UNSIGNED NOT NULL,
        round SMALLINT UNSIGNED NOT NULL,
        step_order SMALLINT UNSIGNED NOT NULL,
        reviewer_id INT UNSIGNED NOT NULL,
        status VARCHAR(12) NOT NULL,
        comment VARCHAR(2000) NULL,
        decided_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_review_step (document_id, round, step_order),
        KEY ix_review_step_reviewer (reviewer_id, status),
        CONSTRAINT fk_review_step_document FOREIGN KEY (document_id) REFERENCES document (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE delivery (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        document_id BIGINT UNSIGNED NOT NULL,
        recipient_id INT UNSIGNED NOT NULL,
        incoming_document_id BIGINT UNSIGNED NULL,
        status VARCHAR(12) NOT NULL,
        status_at DATETIME(3) NOT NULL,
        return_reason VARCHAR(2000) NULL,
        dispatched_at DATETIME(3) NOT NULL,
        dispatched_by INT UNSIGNED NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_delivery (document_id, recipient_id),
        KEY ix_delivery_recipient (recipient_id),
        KEY ix_delivery_incoming (incoming_document_id),
        CONSTRAINT fk_delivery_document FOREIGN KEY (document_id) REFERENCES document (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE assignment (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        document_id BIGINT UNSIGNED NOT NULL,
        assigned_by INT UNSIGNED NOT NULL,
        assigned_at DATETIME(3) NOT NULL,
        deadline DATE NOT NULL,
        instructions VARCHAR(2000) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_assignment_document (document_id),
        CONSTRAINT fk_assignment_document FOREIGN KEY (document_id) REFERENCES document (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE assignee (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        assignment_id BIGINT UNSIGNED NOT NULL,
        document_id BIGINT UNSIGNED NOT NULL,
        role VARCHAR(12) NOT NULL,
        organisation_id INT UNSIGNED NULL,
        user_id INT UNSIGNED NULL,
        status VARCHAR(12) NOT NULL,
        completed_at DATETIME(3) NULL,
        timeliness VARCHAR(8) NULL,
        PRIMARY KEY (id),
        KEY ix_assignee_assignment (assignment_id),
        KEY ix_assignee_user (user_id),
        KEY ix_assignee_organisation (organisation_id),
        CONSTRAINT fk_assignee_assignment FOREIGN KEY (assignment_id) REFERENCES assignment (id) ON DELETE CASCADE
      ) ${table}`);
    await q.query(`
      CREATE TABLE signing_credential (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        owner_type VARCHAR(12) NOT NULL,
        owner_id INT UNSIGNED NOT NULL,
        pkcs12 MEDIUMBLOB NOT NULL,
        certificate_pem TEXT NOT NULL,
        subject VARCHAR(1024) NOT NULL,
        serial_number VARCHAR(128) NOT NULL,
        not_before DATETIME(3) NOT NULL,
        not_after DATETIME(3) NOT NULL,
        image_png MEDIUMBLOB NULL,
        active TINYINT(1) NOT NULL DEFAULT 1,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY ix_signing_credential_owner (owner_type, owner_id, active)
      ) ${table}`);
    // Search words per organisation (the words of document.search_text), newest first within a
    // word: a search reads the rarest word's newest entries and stops at a page, whatever the
    // register's size. (InnoDB's full-text index computes every match before sorting.)
    await q.query(`
      CREATE TABLE document_term (
        organisation_id INT UNSIGNED NOT NULL,
        term VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        listed_at DATETIME(3) NOT NULL,
        document_id BIGINT UNSIGNED NOT NULL,
        PRIMARY KEY (organisation_id, term, listed_at, document_id),
        KEY ix_document_term_lookup (organisation_id, term, document_id),
        KEY ix_document_term_document (document_id)
      ) ${table}`);
    // An external signature between its two requests: the prepared PDF lives in file storage.
    await q.query(`
      CREATE TABLE signing_preparation (
        id CHAR(32) NOT NULL,
        document_id BIGINT UNSIGNED NOT NULL,
        source_file_id BIGINT UNSIGNED NOT NULL,
        user_id INT UNSIGNED NOT NULL,
        prepared_sha256 CHAR(64) NOT NULL,
        state MEDIUMTEXT NOT NULL,
        placement VARCHAR(255) NOT NULL,
        expires_at DATETIME(3) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY ix_signing_preparation_document (document_id),
        CONSTRAINT fk_signing_preparation_document FOREIGN KEY (document_id) REFERENCES document (id)
      ) ${table}`);
    // Roots that signatures must chain to (the government CA, licensed public CAs, or the development root).
    await q.query(`
      CREATE TABLE trust_anchor (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        name VARCHAR(255) NOT NULL,
        certificate_pem TEXT NOT NULL,
        fingerprint CHAR(64) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_trust_anchor_fingerprint (fingerprint)
      ) ${table}`);
    // CRLs known to the system, the newest per issuer used when verifying.
    await q.query(`
      CREATE TABLE revocation_list (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        issuer VARCHAR(1024) NOT NULL,
        der MEDIUMBLOB NOT NULL,
        this_update DATETIME(3) NOT NULL,
        next_update DATETIME(3) NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id)
      ) ${table}`);
    // Development and demo only: a certificate authority whose keys the server holds, so that an
    // administrator can issue test credentials. Production installs leave it empty.
    await q.query(`
      CREATE TABLE dev_authority (
        id INT UNSIGNED NOT NULL,
        bundle MEDIUMTEXT NOT NULL,
        PRIMARY KEY (id)
      ) ${table}`);
    // Days off and make-up working days; seeded for 2026–2027, edited by administrators.
    await q.query(`
      CREATE TABLE holiday (
        day DATE NOT NULL,
        kind VARCHAR(24) NOT NULL,
        name_vi VARCHAR(255) NOT NULL,
        name_en VARCHAR(255) NOT NULL,
        PRIMARY KEY (day)
      ) ${table}`);
    for (const seed of DEFAULT_HOLIDAY_SEEDS) {
      await q.query('INSERT INTO holiday (day, kind, name_vi, name_en) VALUES (?, ?, ?, ?)', [seed.date, seed.kind, seed.name.vi, seed.name.en]);
    }
    await q.query(`
      CREATE TABLE outbox_event (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        type VARCHAR(64) NOT NULL,
        document_id BIGINT UNSIGNED NULL,
        payload TEXT NOT NULL,
        created_at DATETIME(3) NOT NULL,
        published_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        KEY ix_outbox_unpublished (published_at, id)
      ) ${table}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['dev_authority', 'revocation_list', 'trust_anchor', 'signing_preparation', 'document_term', 'outbox_event', 'holiday', 'signing_credential', 'assignee', 'assignment', 'delivery', 'review_step', 'document_recipient', 'document_file', 'document', 'register']) {
      await q.query(`DROP TABLE ${name}`);
    }
  }
}
