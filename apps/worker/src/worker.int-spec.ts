import { INestApplicationContext } from '@nestjs/common';
import { loadConfig } from '@vanthu/server/core';
import { bullConnection, QUEUES } from '@vanthu/server/data-access';
import { PURGE_EXPIRED_SESSIONS } from '@vanthu/server/maintenance';
import { createTestDatabase, testEnv, TestDatabase } from '@vanthu/server/testing';
import { Queue, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';

import { createWorker } from './bootstrap';

describe('the worker processes real BullMQ jobs on Redis', () => {
  let database: TestDatabase;
  let worker: INestApplicationContext;
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    database = await createTestDatabase('worker');
    const config = loadConfig(testEnv(database.name));
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
});
