import { resolve } from 'node:path';

import { loadConfig } from '@vanthu/server/core';
import { dataSourceOptions, QUEUES } from '@vanthu/server/data-access';
import { createTestDatabase, dropRedisPrefix, freePort, ServerProcess, testEnv, TestDatabase, TEST_REDIS_URL, waitFor } from '@vanthu/server/testing';
import { Queue, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';

import { JOB, ScanDeadlinesJobData } from '../src/lib/queue/notification-jobs';

const ROOT = resolve(__dirname, '../../../..');
const RUN_TS = resolve(ROOT, 'tools/scripts/run-ts.js');

/** The real API or worker (`apps/*\/src/main.ts`, as `npm start` runs them), straight from source. */
function startFromSource(name: string, entry: string, env: Record<string, string>, ready: string): Promise<ServerProcess> {
  return ServerProcess.spawn(name, process.execPath, [RUN_TS, entry], { cwd: ROOT, env, ready });
}

/** A test file's world: its own database, Redis prefix and environment, shared by its API and workers. */
export class TestWorld {
  private dataSource: DataSource | null = null;
  private readonly processes: ServerProcess[] = [];

  private constructor(
    readonly database: TestDatabase,
    readonly env: Record<string, string>,
  ) {}

  static async create(label: string, extra: Record<string, string> = {}): Promise<TestWorld> {
    const database = await createTestDatabase(label);
    // The API's port is chosen up front: the worker writes e-mail links with the same PUBLIC_URL.
    const port = await freePort();
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      ...testEnv(database.name, { LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '100', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...extra }),
    };
    return new TestWorld(database, env);
  }

  get prefix(): string {
    return this.env['REDIS_PREFIX'];
  }

  /** The configuration the children read, with optional changes (e.g. Redis through a proxy). */
  config(overrides: Record<string, string> = {}) {
    return loadConfig({ ...this.env, ...overrides });
  }

  async startWorker(overrides: Record<string, string> = {}): Promise<ServerProcess> {
    const worker = await startFromSource('worker', 'apps/worker/src/main.ts', { ...this.env, ...overrides }, 'VănThư worker started');
    this.processes.push(worker);
    return worker;
  }

  /** The API with the demo district seeded; returns its base URL. */
  async startApi(overrides: Record<string, string> = {}): Promise<{ api: ServerProcess; url: string }> {
    const env: Record<string, string> = { ...this.env, SEED_DEMO: 'true', ...overrides };
    const api = await startFromSource('api', 'apps/api/src/main.ts', env, 'VănThư API listening on');
    this.processes.push(api);
    return { api, url: `http://127.0.0.1:${env['PORT']}` };
  }

  /** A connection of the test's own, to arrange data and look at outcomes (after a child migrated the schema). */
  async db(): Promise<DataSource> {
    if (!this.dataSource) {
      this.dataSource = new DataSource(dataSourceOptions(this.config(), { migrationsRun: false }));
      await this.dataSource.initialize();
    }
    return this.dataSource;
  }

  async close(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.signal('SIGTERM').catch(() => undefined)));
    await this.dataSource?.destroy();
    await this.database.drop();
    await dropRedisPrefix(this.prefix);
  }
}

/** The test's own view of a world's queues, straight from Redis. */
export class QueueWatch {
  private readonly queues: Queue[];
  private readonly reminders: Queue<ScanDeadlinesJobData>;
  private events: QueueEvents | null = null;

  constructor(
    private readonly prefix: string,
    private readonly db: DataSource,
  ) {
    const options = { connection: { ...redisAddress() }, prefix };
    this.queues = [QUEUES.notifyEvents, QUEUES.notifyInApp, QUEUES.notifyEmail].map((name) => new Queue(name, options));
    this.reminders = new Queue<ScanDeadlinesJobData>(QUEUES.reminders, options);
  }

  queue(name: string): Queue {
    const queue = this.queues.find((q) => q.name === name);
    if (!queue) throw new Error(`No queue ${name}`);
    return queue;
  }

  /** Waits until no outbox event waits and no delivery job is waiting, running or due for a retry. */
  async idle(timeoutMs = 90_000): Promise<void> {
    await waitFor(
      async () => {
        const [outbox] = await this.db.query('SELECT COUNT(*) AS n FROM outbox_event WHERE published_at IS NULL');
        if (Number(outbox.n) > 0) return false;
        for (const queue of this.queues) {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          if (Object.values(counts).some((n) => n > 0)) return false;
        }
        return true;
      },
      timeoutMs,
      100,
    );
  }

  /** Runs the deadline scan as of `now` in the worker, and returns what it raised. */
  async scanDeadlines(now: Date): Promise<{ near: number; passed: number }> {
    if (!this.events) {
      this.events = new QueueEvents(QUEUES.reminders, { connection: { ...redisAddress() }, prefix: this.prefix });
      await this.events.waitUntilReady();
    }
    const job = await this.reminders.add(JOB.scanDeadlines, { now: now.toISOString() });
    // The same job also reminds of unopened copies and of files due at the archive (their own tests).
    const { near, passed } = (await job.waitUntilFinished(this.events, 60_000)) as { near: number; passed: number };
    return { near, passed };
  }

  async close(): Promise<void> {
    await this.events?.close();
    await Promise.all([...this.queues, this.reminders].map((q) => q.close()));
  }
}

function redisAddress(): { host: string; port: number } {
  const url = new URL(TEST_REDIS_URL);
  return { host: url.hostname, port: Number(url.port || 6379) };
}

