import { MigrationInterface, QueryRunner } from 'typeorm';

/** In-app notifications, per-channel delivery keys, people's e-mail choices, deadline reminders raised. */
export class Notifications1764000000000 implements MigrationInterface {
  name = 'Notifications1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    // No foreign key to outbox_event: old events may be archived while people keep their notifications.
    await q.query(`
      CREATE TABLE notification (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        user_id INT UNSIGNED NOT NULL,
        event_id BIGINT UNSIGNED NOT NULL,
        kind VARCHAR(64) NOT NULL,
        document_id BIGINT UNSIGNED NULL,
        title_vi VARCHAR(500) NOT NULL,
        title_en VARCHAR(500) NOT NULL,
        body_vi VARCHAR(2000) NOT NULL,
        body_en VARCHAR(2000) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        read_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        -- The in-app channel's idempotency key: one notification per event and person, whatever the retries.
        UNIQUE KEY uq_notification_event_user (event_id, user_id),
        KEY ix_notification_user (user_id, id),
        KEY ix_notification_user_read (user_id, read_at),
        CONSTRAINT fk_notification_user FOREIGN KEY (user_id) REFERENCES \`user\` (id) ON DELETE CASCADE
      ) ${table}`);
    await q.query(`
      CREATE TABLE notification_delivery (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        event_id BIGINT UNSIGNED NOT NULL,
        user_id INT UNSIGNED NOT NULL,
        channel VARCHAR(16) NOT NULL,
        status VARCHAR(12) NOT NULL,
        attempts SMALLINT UNSIGNED NOT NULL DEFAULT 0,
        address VARCHAR(255) NULL,
        detail VARCHAR(1000) NULL,
        message_id VARCHAR(255) NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        sent_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        -- One e-mail per event and person: a retried job finds the row "sent" and sends nothing.
        UNIQUE KEY uq_notification_delivery (event_id, user_id, channel),
        KEY ix_notification_delivery_status (status, updated_at),
        CONSTRAINT fk_notification_delivery_user FOREIGN KEY (user_id) REFERENCES \`user\` (id) ON DELETE CASCADE
      ) ${table}`);
    await q.query(`
      CREATE TABLE notification_setting (
        user_id INT UNSIGNED NOT NULL,
        kind VARCHAR(64) NOT NULL,
        email TINYINT(1) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (user_id, kind),
        CONSTRAINT fk_notification_setting_user FOREIGN KEY (user_id) REFERENCES \`user\` (id) ON DELETE CASCADE
      ) ${table}`);
    await q.query(`
      CREATE TABLE deadline_reminder (
        assignee_id BIGINT UNSIGNED NOT NULL,
        threshold VARCHAR(8) NOT NULL,
        deadline DATE NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (assignee_id, threshold, deadline),
        CONSTRAINT fk_deadline_reminder_assignee FOREIGN KEY (assignee_id) REFERENCES assignee (id) ON DELETE CASCADE
      ) ${table}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['deadline_reminder', 'notification_setting', 'notification_delivery', 'notification']) {
      await q.query(`DROP TABLE ${name}`);
    }
  }
}
