import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-held keys at rest and PIN limits (issue 13): which key-encryption key sealed a row's key
 * material (NULL: stored before sealing; the API seals such rows when it starts with a KEK), how
 * the PIN opens it, the key's PIN while it waits for its owner, and the wrong-PIN count and lock
 * shared by every API process.
 */
export class CredentialProtection1764300000000 implements MigrationInterface {
  name = 'CredentialProtection1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE signing_credential
        ADD COLUMN kek_id CHAR(16) CHARACTER SET ascii NULL AFTER pkcs12,
        ADD COLUMN pin_scheme VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT 'direct' AFTER kek_id,
        ADD COLUMN pin_wrap VARBINARY(1024) NULL AFTER pin_scheme,
        ADD COLUMN pending_secret VARBINARY(1024) NULL AFTER pin_wrap,
        ADD COLUMN pin_failures SMALLINT UNSIGNED NOT NULL DEFAULT 0 AFTER pending_secret,
        ADD COLUMN locked_until DATETIME(3) NULL AFTER pin_failures`);
    await q.query(`ALTER TABLE dev_authority ADD COLUMN kek_id CHAR(16) CHARACTER SET ascii NULL AFTER bundle`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE dev_authority DROP COLUMN kek_id');
    await q.query(
      'ALTER TABLE signing_credential DROP COLUMN locked_until, DROP COLUMN pin_failures, DROP COLUMN pending_secret, DROP COLUMN pin_wrap, DROP COLUMN pin_scheme, DROP COLUMN kek_id',
    );
  }
}
