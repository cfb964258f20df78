import { createHash, X509Certificate } from 'node:crypto';

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trust store grows intermediates and a switch (a disabled anchor stays, trusted no more),
 * and signing certificates are registered to the person or organisation they sign for
 * (certificate_binding, by SHA-256 fingerprint). The certificates of the keys the server already
 * holds are bound, approved, to their owners: an administrator gave those keys to them.
 */
export class CertificateTrust1764600000000 implements MigrationInterface {
  name = 'CertificateTrust1764600000000';

  async up(q: QueryRunner): Promise<void> {
    const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`
      ALTER TABLE trust_anchor
        ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'anchor' AFTER fingerprint,
        ADD COLUMN active TINYINT(1) NOT NULL DEFAULT 1 AFTER kind,
        ADD COLUMN subject VARCHAR(1024) NULL AFTER active,
        ADD COLUMN not_after DATETIME(3) NULL AFTER subject,
        ADD COLUMN added_by INT UNSIGNED NULL AFTER not_after,
        ADD COLUMN disabled_by INT UNSIGNED NULL AFTER added_by,
        ADD COLUMN disabled_at DATETIME(3) NULL AFTER disabled_by`);
    await q.query(`
      CREATE TABLE certificate_binding (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        fingerprint CHAR(64) NOT NULL,
        certificate_pem TEXT NOT NULL,
        subject VARCHAR(1024) NOT NULL,
        issuer VARCHAR(1024) NOT NULL,
        serial_number VARCHAR(128) NOT NULL,
        not_after DATETIME(3) NOT NULL,
        owner_type VARCHAR(12) NOT NULL,
        owner_id INT UNSIGNED NOT NULL,
        status VARCHAR(12) NOT NULL,
        requested_by INT UNSIGNED NULL,
        requested_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        decided_by INT UNSIGNED NULL,
        decided_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_certificate_binding_fingerprint (fingerprint),
        KEY ix_certificate_binding_owner (owner_type, owner_id, status),
        KEY ix_certificate_binding_status (status, id)
      ) ${table}`);
    const rows: { pem: string; ownerType: string; ownerId: number }[] = await q.query(
      'SELECT certificate_pem AS pem, owner_type AS ownerType, owner_id AS ownerId FROM signing_credential ORDER BY id',
    );
    const seen = new Set<string>();
    for (const row of rows) {
      const certificate = new X509Certificate(row.pem);
      const fingerprint = createHash('sha256').update(certificate.raw).digest('hex');
      if (seen.has(fingerprint)) continue;
      seen.add(fingerprint);
      await q.query(
        `INSERT INTO certificate_binding (fingerprint, certificate_pem, subject, issuer, serial_number, not_after, owner_type, owner_id, status, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'approved', CURRENT_TIMESTAMP(3))`,
        [fingerprint, certificate.toString(), certificate.subject.slice(0, 1024), certificate.issuer.slice(0, 1024), certificate.serialNumber, new Date(certificate.validTo), row.ownerType, row.ownerId],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE certificate_binding');
    await q.query('ALTER TABLE trust_anchor DROP COLUMN kind, DROP COLUMN active, DROP COLUMN subject, DROP COLUMN not_after, DROP COLUMN added_by, DROP COLUMN disabled_by, DROP COLUMN disabled_at');
  }
}
