import { existsSync, utimesSync } from 'node:fs';

import { INestApplicationContext } from '@nestjs/common';
import { AppConfig, loadConfig } from '@vanthu/server/core';
import { bullConnection, FileStorage, LocalFileStorage, QUEUES } from '@vanthu/server/data-access';
import { PURGE_EXPIRED_SESSIONS, RETENTION } from '@vanthu/server/maintenance';
import { createTestDatabase, testEnv, TestDatabase } from '@vanthu/server/testing';
import { Queue, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';

import { createWorker } from './bootstrap';

describe('the worker processes real BullMQ jobs on Redis', () => {
  let database: TestDatabase;
  let worker: INestApplicationContext;
  let queue: Queue;
  let events: QueueEvents;
  let config: AppConfig;

  beforeAll(async () => {
    database = await createTestDatabase('worker');
    config = loadConfig(testEnv(database.name, { RETENTION_EVERY_HOURS: '6' }));
    worker = await createWorker(config);
    await worker.init();
    const options = { connection: bullConnection(config), prefix: config.redis.prefix };
    queue = new Queue(QUEUES.maintenance, options);
    events = new QueueEvents(QUEUES.maintenance, options);
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await events?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await worker?.close();
    await database?.drop();
  });

  it('migrates the database on start', async () => {
    const [row] = await worker.get(DataSource).query('SELECT COUNT(*) AS n FROM migrations');
    expect(Number(row.n)).toBeGreaterThan(0);
  });

  it('registers the hourly session purge as a job scheduler', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, Number(s.every)])).toContainEqual([PURGE_EXPIRED_SESSIONS, 3_600_000]);
    expect(schedulers.map((s) => [s.key, Number(s.every)])).toContainEqual([RETENTION, 6 * 3_600_000]);
  });

  it('purges expired sessions and keeps live ones', async () => {
    const db = worker.get(DataSource);
    await db.query("INSERT INTO organisation (id, path, code, name, kind, abbreviation) VALUES (1, '/1/', 'x', 'UBND xã X', 'commune', 'UBND')");
    await db.query("INSERT INTO `user` (id, organisation_id, username, full_name, position, password_hash) VALUES (1, 1, 'u', 'Người Dùng', 'Văn thư', 'x')");
    await db.query(
      `INSERT INTO session (id, user_id, csrf_token, created_at, expires_at) VALUES
        (REPEAT('a', 64), 1, 't', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE),
        (REPEAT('b', 64), 1, 't', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) - INTERVAL 2 DAY),
        (REPEAT('c', 64), 1, 't', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 1 HOUR)`,
    );
    const job = await queue.add(PURGE_EXPIRED_SESSIONS, {});
    const result = await job.waitUntilFinished(events, 15_000);
    expect(result).toEqual({ deleted: 2 });
    const left = await db.query('SELECT id FROM session');
    expect(left).toEqual([{ id: 'c'.repeat(64) }]);
  });

  it('fails an unknown job instead of dropping it silently', async () => {
    const job = await queue.add('no-such-job', {}, { attempts: 1 });
    await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow(/Unknown maintenance job/);
  });

  it('removes settled outbox events with their delivery records, finished jobs and unreferenced files past their age, and keeps the rest', async () => {
    const db = worker.get(DataSource);
    const storage = worker.get(FileStorage) as LocalFileStorage;
    const event = (publishedAt: string | null, settled = publishedAt !== null) =>
      db.query(
        `INSERT INTO outbox_event (type, document_id, payload, created_at, published_at, settled_at) VALUES ('document.dispatched', NULL, '{}', UTC_TIMESTAMP(3), ${publishedAt ?? 'NULL'}, ${settled ? 'UTC_TIMESTAMP(3)' : 'NULL'})`,
      );
    const settled = [(await event('UTC_TIMESTAMP(3)')).insertId, (await event('UTC_TIMESTAMP(3)')).insertId]; // relayed and every delivery done: old as of the run below
    const waiting = (await event(null)).insertId; // still waiting for Redis: never removed
    const unsettled = (await event('UTC_TIMESTAMP(3)', false)).insertId; // relayed, deliveries not all done yet: kept for the reconciler
    const newest = (await event('UTC_TIMESTAMP(3)')).insertId; // the newest: kept, whatever its age
    const organisation = await db.query("INSERT INTO organisation (code, name, kind, abbreviation, path, active) VALUES ('luutru', 'UBND xã Lưu Trữ', 'commune', 'UBND', '/', 1)");
    const document = await db.query(
      "INSERT INTO document (organisation_id, direction, type, status, subject, urgency, security_level, search_text, listed_at, version) VALUES (?, 'outgoing', 'ke-hoach', 'draft', 'Kế hoạch', 'normal', 'thuong', '', UTC_TIMESTAMP(3), 1)",
      [organisation.insertId],
    );
    const kept = await storage.put(Buffer.from('%PDF-1.7 a draft'));
    await db.query("INSERT INTO document_file (document_id, role, position, name, sha256, size, version, current, stage, signature_count) VALUES (?, 'main', 0, 'a.pdf', ?, 16, 1, 1, 'draft', 0)", [document.insertId, kept]);
    const orphan = await storage.put(Buffer.from('%PDF-1.7 an upload whose transaction never committed'));
    // E-mail delivery records: of the two old settled events (removed with them), of the events that stay.
    const user = await db.query("INSERT INTO `user` (organisation_id, username, full_name, position, password_hash) VALUES (?, 'luutru.vanthu', 'Văn thư Lưu Trữ', 'Văn thư', 'x')", [organisation.insertId]);
    const deliveredFor = [...settled, waiting, unsettled, newest].map(Number);
    for (const eventId of deliveredFor) {
      await db.query(
        "INSERT INTO notification_delivery (event_id, user_id, channel, status, attempts, created_at, updated_at) VALUES (?, ?, 'email', 'skipped', 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))",
        [eventId, user.insertId],
      );
    }
    const finished = await queue.add(PURGE_EXPIRED_SESSIONS, {});
    await finished.waitUntilFinished(events, 15_000);
    expect(await queue.getCompletedCount()).toBeGreaterThan(0);

    // As of 40 days from now: past RETENTION_OUTBOX_DAYS (30), RETENTION_JOB_DAYS (14) and RETENTION_ORPHAN_FILE_HOURS (24).
    const later = new Date(Date.now() + 40 * 86_400_000);
    const before = new Date(Date.now() - 3600_000);
    utimesSync(storage.pathOf(kept), before, before);
    utimesSync(storage.pathOf(orphan), before, before);
    const run = await queue.add(RETENTION, { now: later.toISOString() });
    const result = await run.waitUntilFinished(events, 30_000);
    expect(result).toMatchObject({ outboxEvents: 2, deliveries: 2, files: 1 });
    expect(result.jobs).toBeGreaterThanOrEqual(2);
    // (The running worker's relay may have published the waiting one meanwhile: which rows are left is what counts.)
    const left: Array<{ id: string }> = await db.query('SELECT id FROM outbox_event ORDER BY id');
    expect(left.map((r) => Number(r.id))).toEqual([waiting, unsettled, newest].map(Number));
    const deliveries: Array<{ event_id: string }> = await db.query('SELECT event_id FROM notification_delivery ORDER BY event_id');
    expect(deliveries.map((r) => Number(r.event_id))).toEqual([waiting, unsettled, newest].map(Number));
    // As of today nothing is old enough: a second run now removes no delivery record.
    const now = await queue.add(RETENTION, {});
    expect(await now.waitUntilFinished(events, 30_000)).toMatchObject({ outboxEvents: 0, deliveries: 0 });
    expect(existsSync(storage.pathOf(kept))).toBe(true);
    expect(existsSync(storage.pathOf(orphan))).toBe(false);
    expect(config.retention).toEqual({ outboxDays: 30, jobDays: 14, orphanFileHours: 24, everyHours: 6 });
  });
});
