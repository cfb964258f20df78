/**
 * npm run bench:notify — one event for 1,000 recipients, through the real worker (its own process,
 * from source) and a local SMTP server (smtp-server, in this process), on a scratch database.
 *
 * After one warm-up event (pools and JIT warm, as in a worker that has been running), reports: time from the commit to the last in-app notification and to the last e-mail accepted
 * by the SMTP server; in-app notifications per second for the one worker, with e-mail running
 * beside them and alone (every recipient has e-mail off for that kind); e-mails per second; and
 * Redis memory per queued delivery job (jobs of the same shape, queued with no worker, measured
 * with INFO memory).
 */
import { ChildProcess } from 'node:child_process';

import { loadConfig } from '@vanthu/server/core';
import { dataSourceOptions, OutboxEventType, OutboxService, QUEUES } from '@vanthu/server/data-access';
import { recipientJobs } from '@vanthu/server/notifications';
import { Role } from '@vanthu/shared/contracts';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';

import { describeEnvironment, environment, freePort, loadNow, REDIS_URL, scratch, startProcess, waitFor } from './support/bench-kit';

const RECIPIENTS = Number(process.env['BENCH_RECIPIENTS'] ?? 1000);

interface Mailbox {
  accepted: number[];
  server: SMTPServer;
  url: string;
}

async function startSmtp(): Promise<Mailbox> {
  const accepted: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        accepted.push(Date.now());
        callback(null);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  return { accepted, server, url: `smtp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

async function seed(db: DataSource): Promise<{ sender: number; senderClerk: number; commune: number; clerks: number[] }> {
  const organisation = async (code: string, name: string, parent: number | null) => {
    const result = await db.query("INSERT INTO organisation (parent_id, path, code, name, kind, abbreviation) VALUES (?, '', ?, ?, 'commune', 'UBND')", [parent, code, name]);
    const id = Number(result.insertId);
    await db.query('UPDATE organisation SET path = ? WHERE id = ?', [parent ? `/${parent}/${id}/` : `/${id}/`, id]);
    return id;
  };
  const people = async (organisationId: number, prefix: string, count: number) => {
    for (let start = 0; start < count; start += 500) {
      const n = Math.min(500, count - start);
      const names = Array.from({ length: n }, (_, i) => `${prefix}${start + i + 1}`);
      await db.query(
        `INSERT INTO \`user\` (organisation_id, username, full_name, position, email, password_hash) VALUES ${names.map(() => "(?, ?, ?, 'Văn thư', ?, 'x')").join(', ')}`,
        names.flatMap((u, i) => [organisationId, u, `Nguyễn Thị Ánh ${start + i + 1}`, `${u}@tuyduc.example`]),
      );
    }
    const ids: number[] = (await db.query('SELECT id FROM `user` WHERE organisation_id = ? ORDER BY id', [organisationId])).map((r: { id: number }) => Number(r.id));
    for (let start = 0; start < ids.length; start += 500) {
      const batch = ids.slice(start, start + 500);
      await db.query(`INSERT INTO user_role (user_id, role, organisation_id) VALUES ${batch.map(() => '(?, ?, ?)').join(', ')}`, batch.flatMap((id) => [id, Role.Clerk, organisationId]));
    }
    return ids;
  };
  const sender = await organisation('bench-huyen', 'UBND huyện Tuy Đức', null);
  const [senderClerk] = await people(sender, 'bench-huyen.vanthu', 1);
  const commune = await organisation('bench-xa', 'UBND xã Quảng Tân (1.000 người nhận)', sender);
  const clerks = await people(commune, 'bench-xa.vanthu', RECIPIENTS);
  return { sender, senderClerk, commune, clerks };
}

async function emit(db: DataSource, type: OutboxEventType, commune: number, actor: number, symbol: string): Promise<{ eventId: string; committedAt: number }> {
  const outbox = new OutboxService();
  await db.transaction((manager) =>
    outbox.emit(manager, {
      type,
      documentId: 1,
      payload: {
        organisationIds: [commune],
        roles: [Role.Clerk],
        actorId: actor,
        symbol,
        subject: 'Kế hoạch triển khai công tác chuyển đổi số năm 2026 trên địa bàn huyện',
        senderName: 'UBND huyện Tuy Đức',
        deadline: '2026-12-15',
      },
    }),
  );
  const committedAt = Date.now();
  const [row] = await db.query('SELECT MAX(id) AS id FROM outbox_event');
  return { eventId: String(row.id), committedAt };
}

/** When the event's in-app notifications were written (database clock, UTC), first and last. */
async function inAppSpan(db: DataSource, eventId: string): Promise<{ count: number; first: number; last: number }> {
  const [row] = await db.query('SELECT COUNT(*) AS n, MIN(created_at) AS first, MAX(created_at) AS last FROM notification WHERE event_id = ?', [eventId]);
  return { count: Number(row.n), first: row.first ? new Date(row.first).getTime() : 0, last: row.last ? new Date(row.last).getTime() : 0 };
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/** Bytes of Redis per queued delivery job: the production job shape (ids, options), queued with no worker. */
async function memoryPerJob(env: Record<string, string>, eventId: string, userIds: number[]): Promise<number> {
  const config = loadConfig(env);
  const redis = new Redis(REDIS_URL);
  const prefix = `${config.redis.prefix}-memory`;
  const connection = { host: new URL(REDIS_URL).hostname, port: Number(new URL(REDIS_URL).port || 6379) };
  const inApp = new Queue(QUEUES.notifyInApp, { connection, prefix });
  const email = new Queue(QUEUES.notifyEmail, { connection, prefix });
  try {
    await inApp.waitUntilReady();
    await email.waitUntilReady();
    const before = await usedMemory(redis);
    await inApp.addBulk(recipientJobs(config, eventId, userIds, 'in-app'));
    await email.addBulk(recipientJobs(config, eventId, userIds, 'email'));
    const after = await usedMemory(redis);
    return (after - before) / (2 * userIds.length);
  } finally {
    await inApp.obliterate({ force: true });
    await email.obliterate({ force: true });
    await inApp.close();
    await email.close();
    redis.disconnect();
  }
}

async function dropRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000))} /s`;

async function main(): Promise<void> {
  const environmentAtStart = await environment();
  const port = await freePort();
  const scratchDb = await scratch('notify', port);
  const smtp = await startSmtp();
  const env = { ...scratchDb.env, SMTP_URL: smtp.url, PUBLIC_URL: `http://127.0.0.1:${port}` };
  let worker: ChildProcess | null = null;
  let db: DataSource | null = null;
  try {
    console.log(`Starting the worker (database ${scratchDb.database}, SMTP ${smtp.url}) …`);
    worker = startProcess('apps/worker/src/main.ts', env, 'worker');
    let started = false;
    worker.stdout?.on('data', (chunk: Buffer) => (started ||= chunk.toString().includes('VănThư worker started')));
    await waitFor('the worker', async () => started, 120_000, 100);
    db = new DataSource(dataSourceOptions(loadConfig(env), { migrationsRun: false }));
    await db.initialize();
    const { senderClerk, commune, clerks } = await seed(db);
    console.log(`Seeded ${clerks.length} recipients.`);

    const bytesPerJob = await memoryPerJob(env, '1', clerks);

    // Warm-up (connection pools, JIT, scripts loaded in Redis), as a worker that has run for a while is.
    const warmUp = await emit(db, OutboxEventType.DocumentDispatched, commune, senderClerk, '26/KH-UBND');
    await waitFor('the warm-up', async () => smtp.accepted.length >= clerks.length && (await inAppSpan(db!, warmUp.eventId)).count >= clerks.length, 600_000, 50);
    smtp.accepted.length = 0;

    // 1. In-app and e-mail together, as a dispatch to a large organisation would be.
    const both = await emit(db, OutboxEventType.DocumentDispatched, commune, senderClerk, '27/KH-UBND');
    await waitFor('1,000 e-mails and in-app notifications', async () => smtp.accepted.length >= clerks.length && (await inAppSpan(db!, both.eventId)).count >= clerks.length, 600_000, 20);
    const spanBoth = await inAppSpan(db, both.eventId);
    const mails = [...smtp.accepted].sort((a, b) => a - b);

    // 2. In-app alone: every recipient has e-mail off for this kind.
    await db.query("INSERT INTO notification_setting (user_id, kind, email, updated_at) SELECT id, 'document.assigned', 0, UTC_TIMESTAMP(3) FROM `user` WHERE organisation_id = ?", [commune]);
    const alone = await emit(db, OutboxEventType.DocumentAssigned, commune, senderClerk, '28/KH-UBND');
    await waitFor('1,000 in-app notifications', async () => (await inAppSpan(db!, alone.eventId)).count >= clerks.length, 600_000, 20);
    const spanAlone = await inAppSpan(db, alone.eventId);
    const extraMails = smtp.accepted.length - clerks.length;

    const rows: Array<[string, string, string]> = [
      ['recipients of one event', String(clerks.length), ''],
      ['commit → first in-app notification', seconds(spanBoth.first - both.committedAt), 'outbox poll every 200 ms'],
      ['commit → last in-app notification', seconds(spanBoth.last - both.committedAt), 'with e-mail running beside'],
      ['commit → last e-mail accepted by SMTP', seconds(mails[mails.length - 1] - both.committedAt), `${mails.length} accepted`],
      ['in-app notifications per second (1 worker, with e-mail)', rate(clerks.length, spanBoth.last - spanBoth.first), 'target ≥ 500/s'],
      ['in-app notifications per second (1 worker, alone)', rate(clerks.length, spanAlone.last - spanAlone.first), `commit → last ${seconds(spanAlone.last - alone.committedAt)}`],
      ['e-mails per second (1 worker, 5 SMTP connections)', rate(mails.length, mails[mails.length - 1] - mails[0]), 'local smtp-server'],
      ['e-mails sent for the e-mail-off kind', String(extraMails), 'expected 0'],
      ['Redis memory per queued delivery job', `${Math.round(bytesPerJob)} B`, 'INFO used_memory, 2,000 jobs'],
    ];
    const width = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
    console.log('\nbench:notify — one event, 1,000 recipients, one worker');
    console.log(`${describeEnvironment(environmentAtStart, [['load average at the end', loadNow()]])}\n`);
    for (const [what, value, note] of rows) console.log(`  ${what.padEnd(width[0])}  ${value.padStart(width[1])}  ${note}`);
    console.log('');
  } finally {
    await db?.destroy();
    if (worker) {
      const exited = new Promise((resolve) => worker!.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    await scratchDb.drop();
    await dropRedisKeys(scratchDb.redisPrefix);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
