import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations, users and roles, sessions, and the hash-chained audit log. */
export class Identity1763800000000 implements MigrationInterface {
  name = 'Identity1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        parent_id INT UNSIGNED NULL,
        path VARCHAR(255) NOT NULL,
        code VARCHAR(64) NOT NULL,
        name VARCHAR(255) NOT NULL,
        kind VARCHAR(16) NOT NULL,
        abbreviation VARCHAR(32) NOT NULL,
        identifier_code VARCHAR(64) NULL,
        place_name VARCHAR(128) NULL,
        active TINYINT(1) NOT NULL DEFAULT 1,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_organisation_code (code),
        KEY ix_organisation_path (path),
        KEY ix_organisation_parent (parent_id),
        CONSTRAINT fk_organisation_parent FOREIGN KEY (parent_id) REFERENCES organisation (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE \`user\` (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        organisation_id INT UNSIGNED NOT NULL,
        username VARCHAR(64) NOT NULL,
        full_name VARCHAR(128) NOT NULL,
        position VARCHAR(128) NOT NULL,
        email VARCHAR(255) NULL,
        password_hash VARCHAR(255) NOT NULL,
        active TINYINT(1) NOT NULL DEFAULT 1,
        failed_logins INT UNSIGNED NOT NULL DEFAULT 0,
        locked_until DATETIME(3) NULL,
        password_changed_at DATETIME(3) NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_user_username (username),
        KEY ix_user_organisation (organisation_id),
        CONSTRAINT fk_user_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE user_role (
        user_id INT UNSIGNED NOT NULL,
        role VARCHAR(16) NOT NULL,
        organisation_id INT UNSIGNED NOT NULL,
        PRIMARY KEY (user_id, role),
        KEY ix_user_role_organisation_role (organisation_id, role),
        CONSTRAINT fk_user_role_user FOREIGN KEY (user_id) REFERENCES \`user\` (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE session (
        id CHAR(64) NOT NULL,
        user_id INT UNSIGNED NOT NULL,
        csrf_token VARCHAR(64) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        expires_at DATETIME(3) NOT NULL,
        ip VARCHAR(64) NULL,
        user_agent VARCHAR(255) NULL,
        PRIMARY KEY (id),
        KEY ix_session_user (user_id),
        KEY ix_session_expires (expires_at),
        CONSTRAINT fk_session_user FOREIGN KEY (user_id) REFERENCES \`user\` (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin`);
    await q.query(`
      CREATE TABLE audit_record (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        occurred_at DATETIME(3) NOT NULL,
        user_id INT UNSIGNED NULL,
        organisation_id INT UNSIGNED NULL,
        action VARCHAR(64) NOT NULL,
        entity_type VARCHAR(32) NOT NULL,
        entity_id VARCHAR(64) NULL,
        ip VARCHAR(64) NULL,
        details TEXT NULL,
        prev_hash CHAR(64) NOT NULL,
        hash CHAR(64) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_audit_entity (entity_type, entity_id),
        KEY ix_audit_organisation (organisation_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE audit_head (
        id TINYINT UNSIGNED NOT NULL,
        last_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
        last_hash CHAR(64) NOT NULL,
        PRIMARY KEY (id)
      ) ENGINE=InnoDB`);
    // The chain starts from 64 zeros: the genesis "previous hash".
    await q.query(`INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, REPEAT('0', 64))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_head');
    await q.query('DROP TABLE audit_record');
    await q.query('DROP TABLE session');
    await q.query('DROP TABLE user_role');
    await q.query('DROP TABLE `user`');
    await q.query('DROP TABLE organisation');
  }
}
