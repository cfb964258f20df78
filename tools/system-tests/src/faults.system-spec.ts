import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadConfig } from '@vanthu/server/core';
import { dataSourceOptions, QUEUES } from '@vanthu/server/data-access';
import {
  ApiClient,
  dispatchIssued,
  freePort,
  httpRequest,
  issueThroughTheRoute,
  organisationIdOf,
  ServerProcess,
  Session,
  signThroughTheRoute,
  testKek,
  uploadFile,
  waitFor,
} from '@vanthu/server/testing';
import { DocumentDetail, DocumentType, SecurityLevel, Urgency } from '@vanthu/shared/contracts';
import { Queue, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';

import { readEnvironmentFile } from './support/cluster';
import { PrivateMariaDb, PrivateRedis } from './support/private-servers';
import { WORKSPACE_ROOT } from './support/workspace';

const RECIPIENTS = 100;
const SUBJECT = 'Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm 2026';

/**
 * Faults on real processes: the built API and worker (dist/) on a MariaDB, a Redis and a file
 * store of this file's own (private servers on free ports, the file store a small tmpfs), so that
 * they can be killed, restarted and filled without touching the shared servers other tests use.
 * Each case says what was killed and when, then counts what is left.
 */
describe('faults: a worker, Redis, MariaDB and an API killed or restarted, a full disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-faults-'));
  const storage = join(dir, 'files');
  let mariadb: PrivateMariaDb;
  let redis: PrivateRedis;
  let env: Record<string, string>;
  let api: ServerProcess;
  let worker: ServerProcess;
  let client: ApiClient;
  let db: DataSource;
  let communes: Array<{ id: number; clerkId: number }>;
  let mounted = false;

  beforeAll(async () => {
    mkdirSync(storage);
    // A small file system of its own, so that "the disk is full" is a real ENOSPC.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m,mode=0700', 'tmpfs', storage]);
    mounted = true;
    [mariadb, redis] = await Promise.all([PrivateMariaDb.create(dir), PrivateRedis.create(dir)]);
    await mariadb.createDatabase('vanthu');
    const port = await freePort();
    const kekFile = join(dir, 'signing.kek');
    writeFileSync(kekFile, `${testKek()}\n`, { mode: 0o600 });
    env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: process.env['HOME'] ?? '/root',
      ...readEnvironmentFile(join(WORKSPACE_ROOT, 'deploy/vanthu.env.example')),
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DB_HOST: '127.0.0.1',
      DB_PORT: String(mariadb.port),
      DB_USER: 'root',
      DB_PASSWORD: '',
      DB_NAME: 'vanthu',
      DB_POOL_SIZE: '10',
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'vanthu',
      STORAGE_DIR: storage,
      // The documented file names /etc/vanthu/signing.kek; this run's key lives in its own folder.
      SIGNING_KEK_FILE: kekFile,
      // The demo district with its leaders' keys (the documented file turns both off for production).
      SEED_DEMO: 'true',
      DEV_PKI: 'true',
      LOG_LEVEL: 'warn',
      // A worker that died hands its jobs over within seconds, not the production half minute.
      QUEUE_LOCK_MS: '2000',
      OUTBOX_POLL_MS: '100',
      NOTIFY_BACKOFF_MS: '200',
      // This file acts faster than people: the per-user limits are not what it tests.
      RATE_LIMIT_SIGN_PER_MINUTE: '1000',
      RATE_LIMIT_UPLOAD_PER_MINUTE: '1000',
    };
    delete env['SMTP_URL'];
    // The API migrates and seeds the demo district (with its signing keys); the worker waits for the migration lock.
    [api, worker] = await Promise.all([startApi(), startWorker()]);
    client = new ApiClient(`http://127.0.0.1:${port}`);
    db = await connect();
    communes = await addCommunes(RECIPIENTS);
  }, 600_000);

  afterAll(async () => {
    await Promise.all([api, worker].map((p) => p?.signal('SIGTERM').catch(() => p.signal('SIGKILL').catch(() => undefined))));
    await db?.destroy().catch(() => undefined);
    await Promise.all([mariadb?.stop(), redis?.stop()]);
    if (mounted) execFileSync('umount', ['-l', storage]);
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  function startApi(): Promise<ServerProcess> {
    return ServerProcess.spawn('api', process.execPath, [join(WORKSPACE_ROOT, 'dist/apps/api/main.js')], { cwd: WORKSPACE_ROOT, env, ready: 'VănThư API listening on' });
  }

  function startWorker(): Promise<ServerProcess> {
    return ServerProcess.spawn('worker', process.execPath, [join(WORKSPACE_ROOT, 'dist/apps/worker/main.js')], { cwd: WORKSPACE_ROOT, env, ready: 'VănThư worker started' });
  }

  function connect(): Promise<DataSource> {
    return new DataSource(dataSourceOptions(loadConfig(env), { migrationsRun: false })).initialize();
  }

  /** `count` communes of the demo district, each with one clerk (who hears of a dispatch). */
  async function addCommunes(count: number): Promise<Array<{ id: number; clerkId: number }>> {
    const district = await organisationIdOf(db, 'tuyduc');
    const [parent] = await db.query('SELECT path FROM organisation WHERE id = ?', [district]);
    const made: Array<{ id: number; clerkId: number }> = [];
    for (let i = 1; i <= count; i++) {
      const org = await db.query("INSERT INTO organisation (parent_id, path, code, name, kind, abbreviation) VALUES (?, '', ?, ?, 'commune', 'UBND')", [district, `loi-${i}`, `UBND xã Thử Lỗi ${i}`]);
      const id = Number(org.insertId);
      await db.query('UPDATE organisation SET path = ? WHERE id = ?', [`${parent.path}${id}/`, id]);
      const user = await db.query("INSERT INTO `user` (organisation_id, username, full_name, position, password_hash) VALUES (?, ?, ?, 'Văn thư', 'x')", [id, `loi-${i}.vanthu`, `Văn thư xã Thử Lỗi ${i}`]);
      await db.query("INSERT INTO user_role (user_id, role, organisation_id) VALUES (?, 'clerk', ?)", [user.insertId, id]);
      made.push({ id, clerkId: Number(user.insertId) });
    }
    return made;
  }

  const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params))[0].n);

  /** Per clerk, how many "new incoming document" notifications name this symbol. */
  async function notificationsPerClerk(symbol: string, clerks: number[]): Promise<number[]> {
    const rows: Array<{ user_id: number; n: string }> = await db.query(
      "SELECT user_id, COUNT(*) AS n FROM notification WHERE kind = 'document.dispatched' AND title_vi = ? GROUP BY user_id",
      [`Văn bản đến mới: ${symbol}`],
    );
    const byUser = new Map(rows.map((r) => [Number(r.user_id), Number(r.n)]));
    return clerks.map((id) => byUser.get(id) ?? 0);
  }

  /** Nothing waits in the outbox and no notification job is waiting, running or delayed. */
  async function settled(): Promise<void> {
    const queues = [QUEUES.notifyEvents, QUEUES.notifyInApp, QUEUES.notifyEmail].map((name) => new Queue(name, { connection: { host: '127.0.0.1', port: redis.port }, prefix: env['REDIS_PREFIX'] }));
    try {
      await waitFor(
        async () => {
          if ((await count('SELECT COUNT(*) AS n FROM outbox_event WHERE published_at IS NULL')) > 0) return false;
          for (const queue of queues) {
            const jobs = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
            if (Object.values(jobs).some((n) => n > 0)) return false;
          }
          return true;
        },
        120_000,
        100,
      );
    } finally {
      await Promise.all(queues.map((q) => q.close()));
    }
  }

  it('kills the worker (SIGKILL) in the middle of a fan-out to 100 recipients: after a restart each has exactly one notification', async () => {
    const issued = await issueThroughTheRoute(client, db, SUBJECT, communes.map((c) => c.id));
    await settled();
    await dispatchIssued(client, issued);
    // Killed as soon as the first recipient's notification exists: the other events are being fanned out.
    const atKill = await waitFor(async () => {
      const n = (await notificationsPerClerk(issued.symbol, communes.map((c) => c.clerkId))).reduce((a, b) => a + b, 0);
      return n > 0 ? n : null;
    }, 60_000, 2);
    await worker.signal('SIGKILL');
    const relayedAtKill = await count("SELECT COUNT(*) AS n FROM outbox_event WHERE type = 'document.dispatched' AND published_at IS NOT NULL AND document_id IN (SELECT id FROM document WHERE source_document_id = ?)", [issued.id]);
    const afterKill = (await notificationsPerClerk(issued.symbol, communes.map((c) => c.clerkId))).reduce((a, b) => a + b, 0);
    console.log(`fan-out: worker killed with ${atKill} of ${RECIPIENTS} notifications made (${afterKill} once it was gone), ${relayedAtKill} of ${RECIPIENTS} events relayed`);
    expect(afterKill).toBeLessThan(RECIPIENTS);

    worker = await startWorker();
    await waitFor(async () => (await notificationsPerClerk(issued.symbol, communes.map((c) => c.clerkId))).every((n) => n >= 1), 120_000, 100);
    await settled();
    expect(await notificationsPerClerk(issued.symbol, communes.map((c) => c.clerkId))).toEqual(communes.map(() => 1));
    // E-mail is off (no SMTP_URL): each recipient's e-mail is recorded once, as skipped.
    const email: Array<{ status: string; n: string }> = await db.query(
      "SELECT d.status, COUNT(*) AS n FROM notification_delivery d JOIN outbox_event e ON e.id = d.event_id JOIN document c ON c.id = e.document_id WHERE c.source_document_id = ? AND d.channel = 'email' GROUP BY d.status",
      [issued.id],
    );
    expect(email.map((r) => [r.status, Number(r.n)])).toEqual([['skipped', RECIPIENTS]]);
  }, 300_000);

  it('restarts Redis while a dispatch is being delivered: nothing is lost, nothing doubled', async () => {
    // All the communes: a fan-out long enough that the restart lands in its middle.
    const group = communes;
    const clerks = group.map((c) => c.clerkId);
    const issued = await issueThroughTheRoute(client, db, SUBJECT, group.map((c) => c.id));
    const made = async () => (await notificationsPerClerk(issued.symbol, clerks)).reduce((a, b) => a + b, 0);
    await settled();
    await dispatchIssued(client, issued);
    const relayed = () => count("SELECT COUNT(*) AS n FROM outbox_event WHERE type = 'document.dispatched' AND published_at IS NOT NULL AND document_id IN (SELECT id FROM document WHERE source_document_id = ?)", [issued.id]);
    // Stopped as soon as the first recipient's notification exists: the others are still on their way.
    const atStart = await waitFor(async () => {
      const n = await made();
      return n > 0 ? n : null;
    }, 60_000, 2);
    let atStop = 0;
    let relayedAtStop = 0;
    await redis.restart(1500, async () => {
      [atStop, relayedAtStop] = await Promise.all([made(), relayed()]);
    });
    console.log(`Redis restart: stopped when ${atStart} of ${group.length} notifications were made (${atStop} once it was down, ${relayedAtStop} events relayed), down 1.5 s`);
    // The restart landed in the middle of the dispatch, not after it.
    expect(atStop).toBeLessThan(group.length);

    await waitFor(async () => (await notificationsPerClerk(issued.symbol, clerks)).every((n) => n >= 1), 120_000, 100);
    await settled();
    expect(await notificationsPerClerk(issued.symbol, clerks)).toEqual(group.map(() => 1));
    expect(worker.alive && api.alive).toBe(true);
    // Healthy again without a restart (the Redis client may still be reconnecting at this instant).
    await waitFor(async () => (await httpRequest(`${client.url}/api/health`)).status === 200, 30_000, 200);
  }, 300_000);

  it('kills MariaDB (kill -9) in the middle of issuing: no half-issued document, no gap in the numbers, and the API recovers by itself', async () => {
    // Ten attachments, each sealed and stored inside the issuing transaction: it lasts long enough to be caught.
    const first = await signThroughTheRoute(client, db, SUBJECT, [communes[0].id], Array.from({ length: 10 }, () => largePdf(1)));
    const second = await signThroughTheRoute(client, db, SUBJECT, [communes[1].id]);
    const clerk = await client.logIn('tuyduc.vanthu');
    const [register] = await db.query("SELECT COALESCE(MAX(last_number), 0) AS n FROM register WHERE kind = 'outgoing-normal'");
    const lastNumber = Number(register.n);
    const apiPid = api.pid;

    let answered = false;
    const filesBefore = new Set(storedFiles().hashes);
    const issuing = client.call<DocumentDetail>('POST', `/api/outgoing/${first}/issue`, clerk, { pin: '123456' }).finally(() => (answered = true));
    // Killed once the issuing transaction has taken its number and stored the first sealed file
    // (each sealed file is written before its row, inside the transaction): nine more to go.
    const newFiles = await waitFor(async () => {
      if (answered) throw new Error(`the issue was answered (${(await issuing).status}) before its first sealed file was seen`);
      const added = storedFiles().hashes.filter((h) => !filesBefore.has(h));
      return added.length ? added.length : null;
    }, 60_000, 1);
    await mariadb.kill();
    console.log(`MariaDB killed (kill -9) when ${newFiles} sealed file(s) of 11 had been stored by the issuing transaction`);
    const refused = await issuing;
    console.log(`the issue request was answered ${refused.status}`);
    expect(refused.status).toBeGreaterThanOrEqual(500);
    await db.destroy().catch(() => undefined);
    await mariadb.start();
    db = await connect();

    // All or nothing: either the issue committed just before the kill (the document numbered,
    // sealed and recorded), or nothing of it survived (still signed, unnumbered, no issued file
    // or record) and the register did not move.
    const [document] = await db.query('SELECT status, number FROM document WHERE id = ?', [first]);
    const issuedFiles = await count("SELECT COUNT(*) AS n FROM document_file WHERE document_id = ? AND stage = 'issued'", [first]);
    const records = await count("SELECT COUNT(*) AS n FROM audit_record WHERE action = 'document.issued' AND entity_id = ?", [String(first)]);
    const [after] = await db.query("SELECT COALESCE(MAX(last_number), 0) AS n FROM register WHERE kind = 'outgoing-normal'");
    console.log(`after the MariaDB restart the document is ${document.status} (number ${document.number}), ${issuedFiles} issued file(s), ${records} issue record(s), register at ${after.n} (was ${lastNumber})`);
    if (document.status === 'issued') {
      expect({ number: document.number, register: Number(after.n), files: issuedFiles > 0, records }).toEqual({ number: lastNumber + 1, register: lastNumber + 1, files: true, records: 1 });
    } else {
      expect({ document, register: Number(after.n), files: issuedFiles, records }).toEqual({ document: { status: 'signed', number: null }, register: lastNumber, files: 0, records: 0 });
    }

    // The same API process (not restarted) answers again once its pool reconnects, and numbers follow on.
    await waitFor(async () => (await httpRequest(`${client.url}/api/health`)).status === 200, 120_000, 250);
    expect(api.pid).toBe(apiPid);
    expect(api.alive).toBe(true);
    const numbers: number[] = document.status === 'issued' ? [Number(document.number)] : [];
    for (const id of document.status === 'issued' ? [second] : [first, second]) {
      const issued = await waitFor(async () => {
        const reply = await client.call<DocumentDetail>('POST', `/api/outgoing/${id}/issue`, await client.logIn('tuyduc.vanthu'), { pin: '123456' });
        return reply.status === 200 ? reply.body : null;
      }, 60_000, 500);
      numbers.push(Number(issued.number));
    }
    expect(numbers).toEqual([lastNumber + 1, lastNumber + 2]);
    expect(worker.alive).toBe(true);
  }, 300_000);

  /** Every file in the store, and the temporary ones. */
  function storedFiles(): { hashes: string[]; temporary: string[] } {
    const hashes: string[] = [];
    const temporary: string[] = [];
    const walk = (folder: string) => {
      for (const name of readdirSync(folder)) {
        const path = join(folder, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.tmp')) temporary.push(name);
        else hashes.push(name);
      }
    };
    walk(storage);
    return { hashes: hashes.sort(), temporary };
  }

  async function referencedFiles(): Promise<string[]> {
    const rows: Array<{ sha: string }> = await db.query('SELECT sha256 AS sha FROM document_file UNION SELECT prepared_sha256 AS sha FROM signing_preparation');
    return rows.map((r) => r.sha).sort();
  }

  /** A valid one-page PDF of about `megabytes` MB (an incompressible image). */
  function largePdf(megabytes: number): Buffer {
    const image = randomBytes(megabytes * 1024 * 1024);
    const head = [
      '%PDF-1.7\n',
      '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
      '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n',
      '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im 4 0 R >> >> >>\nendobj\n',
    ];
    const offsets: number[] = [];
    let body = Buffer.alloc(0);
    for (const part of head) {
      if (part.startsWith('1 0') || part.startsWith('2 0') || part.startsWith('3 0')) offsets.push(body.length);
      body = Buffer.concat([body, Buffer.from(part, 'latin1')]);
    }
    offsets.push(body.length);
    body = Buffer.concat([body, Buffer.from(`4 0 obj\n<< /Type /XObject /Subtype /Image /Width 1024 /Height ${image.length / 1024} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${image.length} >>\nstream\n`, 'latin1'), image, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
    const xref = body.length;
    const table = `xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.concat([body, Buffer.from(table, 'latin1')]);
  }

  const upload = (session: Session, id: number, pdf: Buffer) => uploadFile(client, session, id, pdf);

  async function draftWithFile(): Promise<{ id: number; drafter: Session }> {
    const drafter = await client.logIn('tuyduc-nv.chuyenvien1');
    const created = await client.call<DocumentDetail>('POST', '/api/outgoing', drafter, {
      type: DocumentType.Plan,
      subject: SUBJECT,
      urgency: Urgency.Normal,
      securityLevel: SecurityLevel.Normal,
      issuingOrganisationId: await organisationIdOf(db, 'tuyduc'),
      recipientIds: [communes[0].id],
    });
    expect(created.status).toBe(201);
    expect((await client.call('POST', `/api/outgoing/${created.body.id}/files/generate`, drafter, {})).status).toBe(201);
    return { id: created.body.id, drafter };
  }

  it('kills the API (SIGKILL) while it stores an upload: no file row without its file, and the retention job removes the bytes no row refers to', async () => {
    const { id, drafter } = await draftWithFile();
    const rowsBefore = await count('SELECT COUNT(*) AS n FROM document_file WHERE document_id = ?', [id]);
    const pdf = largePdf(12);
    const sha = createHash('sha256').update(pdf).digest('hex');
    const target = join(storage, sha.slice(0, 2), sha.slice(2, 4));
    const sending = upload(drafter, id, pdf).catch((error: Error) => ({ status: 0, error }));
    // Killed the moment its bytes reach the store (written aside, or already renamed into place):
    // after the upload was read and checked, before or while its transaction commits.
    await waitFor(async () => existsSync(target) && readdirSync(target).some((name) => name.startsWith(sha)), 120_000, 1);
    await api.signal('SIGKILL');
    const reply = await sending;
    const rows = await count('SELECT COUNT(*) AS n FROM document_file WHERE document_id = ?', [id]);
    const beforeSweep = storedFiles();
    console.log(
      `API killed while storing a 12 MB upload: reply ${reply.status || 'none (connection cut)'}, ${rows - rowsBefore} new file row(s), in the store: ${beforeSweep.hashes.includes(sha) ? 'the file' : 'no file'}, ${beforeSweep.temporary.length} temporary file(s)`,
    );
    // No row without its bytes: a row exists only if the transaction committed, after the file was in place.
    const referenced = await referencedFiles();
    expect(referenced.filter((hash) => !beforeSweep.hashes.includes(hash))).toEqual([]);

    api = await startApi();
    // The retention job (run as of two days on, past RETENTION_ORPHAN_FILE_HOURS) removes what no row refers to.
    const options = { connection: { host: '127.0.0.1', port: redis.port }, prefix: env['REDIS_PREFIX'] };
    const queue = new Queue(QUEUES.maintenance, options);
    const events = new QueueEvents(QUEUES.maintenance, options);
    try {
      await events.waitUntilReady();
      const job = await queue.add('retention', { now: new Date(Date.now() + 2 * 86_400_000).toISOString() });
      const result = await job.waitUntilFinished(events, 120_000);
      console.log(`retention after the kill: ${JSON.stringify(result)}`);
    } finally {
      await events.close();
      await queue.close();
    }
    const afterSweep = storedFiles();
    expect(afterSweep.temporary).toEqual([]);
    expect(afterSweep.hashes).toEqual(await referencedFiles());
  }, 300_000);

  it('answers 507 when STORAGE_DIR is full, and leaves nothing half-written', async () => {
    const { id, drafter } = await draftWithFile();
    const rowsBefore = await count('SELECT COUNT(*) AS n FROM document_file WHERE document_id = ?', [id]);
    const filesBefore = storedFiles().hashes;
    // Fill the file system but for 256 kB.
    const { bavail, bsize } = statfsSync(storage);
    const filler = join(storage, 'filler');
    writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - 256 * 1024)));
    try {
      const reply = await upload(drafter, id, largePdf(2));
      expect(reply.status).toBe(507);
      expect(reply.body).toEqual({
        statusCode: 507,
        code: 'INSUFFICIENT_STORAGE',
        message: {
          vi: 'Máy chủ đã hết dung lượng lưu trữ tệp nên chưa lưu được. Thay đổi chưa được thực hiện; hãy báo quản trị.',
          en: 'The server has run out of file storage, so nothing was saved. The change was not made; tell the administrator.',
        },
      });
      expect(await count('SELECT COUNT(*) AS n FROM document_file WHERE document_id = ?', [id])).toBe(rowsBefore);
      expect(storedFiles().temporary).toEqual([]);
      expect(storedFiles().hashes.filter((h) => h !== 'filler')).toEqual(filesBefore);
    } finally {
      rmSync(filler, { force: true });
    }
    // With room again the same upload goes through.
    expect((await upload(drafter, id, largePdf(2))).status).toBe(201);
    expect(api.alive).toBe(true);
  }, 300_000);
});
