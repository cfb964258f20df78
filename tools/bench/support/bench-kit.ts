import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

import { createConnection } from 'mysql2/promise';

/** Shared by the benchmarks: a scratch database, the real API/worker as child processes, an HTTP client with a session. */

export const ROOT = resolve(__dirname, '../../..');
export const DB = {
  host: process.env['DB_HOST'] ?? '127.0.0.1',
  port: Number(process.env['DB_PORT'] ?? 3306),
  user: process.env['DB_USER'] ?? 'root',
  password: process.env['DB_PASSWORD'] ?? '',
};
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Scratch {
  database: string;
  storageDir: string;
  redisPrefix: string;
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A database, file folder and Redis prefix of the benchmark's own, removed afterwards. */
export async function scratch(label: string, port: number): Promise<Scratch> {
  const suffix = randomBytes(4).toString('hex');
  const database = `vt_bench_${label}_${suffix}`;
  const connection = await createConnection(DB);
  await connection.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await connection.end();
  const storageDir = mkdtempSync(join(tmpdir(), `vanthu-bench-${label}-`));
  const redisPrefix = `vt-bench-${label}-${suffix}`;
  return {
    database,
    storageDir,
    redisPrefix,
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DB_HOST: DB.host,
      DB_PORT: String(DB.port),
      DB_USER: DB.user,
      DB_PASSWORD: DB.password,
      DB_NAME: database,
      DB_POOL_SIZE: process.env['DB_POOL_SIZE'] ?? '40',
      REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      STORAGE_DIR: storageDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      // A benchmark is one user asking thousands of times a minute: the per-user limits would
      // measure themselves, not the server.
      RATE_LIMIT_SEARCH_PER_MINUTE: '100000',
      RATE_LIMIT_SIGN_PER_MINUTE: '100000',
      RATE_LIMIT_UPLOAD_PER_MINUTE: '100000',
      RATE_LIMIT_REPORT_PER_MINUTE: '100000',
      SIGNING_KEK: randomBytes(32).toString('base64'),
    },
    async drop() {
      const c = await createConnection(DB);
      await c.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await c.end();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

/** Runs one of our TypeScript entry points (apps/api/src/main.ts, apps/worker/src/main.ts) in its own process. */
export function startProcess(entry: string, env: Record<string, string>, label: string): ChildProcess {
  // BENCH_PROFILE=<dir> writes a V8 CPU profile of each started process there (open it in Chrome's DevTools).
  const profile = process.env['BENCH_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_PROFILE']}`] : [];
  const child = spawn(process.execPath, [...profile, join(ROOT, 'tools/scripts/run-ts.js'), entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const echo = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (/error|warn/i.test(line)) process.stderr.write(`[${label}] ${line}\n`);
  };
  child.stdout?.on('data', echo);
  child.stderr?.on('data', echo);
  return child;
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 300_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A logged-in user talking to the API: session cookie plus CSRF header, JSON in and out. */
export class Client {
  private constructor(
    private readonly base: string,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  static async logIn(base: string, username: string, password = 'Demo@123'): Promise<Client> {
    const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (response.status !== 200) throw new Error(`log-in of ${username}: ${response.status} ${await response.text()}`);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const body = (await response.json()) as { csrfToken: string };
    return new Client(base, cookie, body.csrfToken);
  }

  async request<T>(method: string, path: string, body?: unknown, expected = [200, 201]): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { cookie: this.cookie, 'x-xsrf-token': this.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!expected.includes(response.status)) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

/** Runs `clients` loops of `call` for `durationMs`, returning every latency in milliseconds, sorted. */
export async function load(clients: number, durationMs: number, call: (client: number, i: number) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  const end = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; Date.now() < end; i++) {
        const started = performance.now();
        await call(c, i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * What the figures were measured on. Benchmarks on this kind of machine share two cores with the
 * database and often with other people's work, and MariaDB's buffer pool decides whether a large
 * register is read from memory or from disk: every table of figures is printed beside this.
 */
export interface Environment {
  cpu: string;
  cores: number;
  loadAverage: [number, number, number];
  mariadb: string;
  bufferPoolBytes: number;
  node: string;
  memoryBytes: number;
}

export async function environment(): Promise<Environment> {
  let mariadb = 'unreachable';
  let bufferPoolBytes = NaN;
  try {
    const connection = await createConnection(DB);
    const [[row]] = (await connection.query('SELECT VERSION() AS version, @@innodb_buffer_pool_size AS pool')) as unknown as [[{ version: string; pool: string | number }]];
    await connection.end();
    mariadb = row.version;
    bufferPoolBytes = Number(row.pool);
  } catch {
    // Printed as unreachable: the benchmark itself will say why.
  }
  const loadAverage = loadavg() as [number, number, number];
  return { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: availableParallelism(), loadAverage, mariadb, bufferPoolBytes, node: process.version, memoryBytes: totalmem() };
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** The environment as printed beside the figures; `extra` adds lines (data size, load at the end…). */
export function describeEnvironment(env: Environment, extra: Array<[string, string]> = []): string {
  const lines: Array<[string, string]> = [
    ['CPU', `${env.cpu}, ${env.cores} cores, ${mib(env.memoryBytes)} memory`],
    ['load average at start (1/5/15 min)', env.loadAverage.map((l) => l.toFixed(2)).join(' / ')],
    ['MariaDB', `${env.mariadb}, innodb_buffer_pool_size ${Number.isNaN(env.bufferPoolBytes) ? 'unknown' : mib(env.bufferPoolBytes)}`],
    ['Node', env.node],
    ...extra,
  ];
  const width = Math.max(...lines.map(([label]) => label.length));
  return ['Environment', ...lines.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n');
}

export const loadNow = () => loadavg().map((l) => l.toFixed(2)).join(' / ');

export interface OpenLoopResult {
  /** The rate asked for, requests per second. */
  rate: number;
  /** Latency of every request from the moment it was due to be sent, sorted (ms). */
  latencies: number[];
  /** Requests completed per second, from the first due time to the last answer. */
  achieved: number;
  /** Requests answered with an error status, failed, or still unanswered when the drain ended. */
  failed: number;
  /** How late the sender itself was, worst case (ms): a busy load generator shows here. */
  worstSendLag: number;
}

/**
 * Open loop: request i is due at start + i / rate, whether or not earlier ones were answered, and
 * its latency runs from that due time (not from when it was actually sent), so a server that falls
 * behind is charged for the queue it builds — no coordinated omission. After the window, answers
 * are awaited up to `drainMs`; those still missing count as failed, with their age as latency.
 */
export async function openLoop(rate: number, durationMs: number, call: (i: number) => Promise<boolean>, drainMs = 10_000): Promise<OpenLoopResult> {
  const total = Math.round((rate * durationMs) / 1000);
  const latencies: number[] = [];
  let failed = 0;
  let done = 0;
  let lastAnswer = 0;
  let worstSendLag = 0;
  const pending = new Map<number, number>();
  const start = performance.now() + 5;
  let next = 0;
  await new Promise<void>((resolveAll) => {
    const finish = (i: number, ok: boolean) => {
      const due = pending.get(i);
      if (due === undefined) return; // already counted when the drain gave up
      pending.delete(i);
      const now = performance.now();
      latencies.push(now - due);
      lastAnswer = now;
      if (!ok) failed++;
      if (++done === total) resolveAll();
    };
    const tick = () => {
      const now = performance.now();
      while (next < total && start + (next * 1000) / rate <= now) {
        const i = next++;
        const due = start + (i * 1000) / rate;
        worstSendLag = Math.max(worstSendLag, now - due);
        pending.set(i, due);
        call(i).then(
          (ok) => finish(i, ok),
          () => finish(i, false),
        );
      }
      if (next < total) setTimeout(tick, Math.max(0, start + (next * 1000) / rate - performance.now() - 0.5));
      else
        setTimeout(() => {
          // Whatever is still unanswered: failed, its latency so far a lower bound.
          const now2 = performance.now();
          for (const [, due] of pending) {
            latencies.push(now2 - due);
            failed++;
          }
          done += pending.size;
          pending.clear();
          resolveAll();
        }, drainMs).unref();
    };
    tick();
  });
  latencies.sort((a, b) => a - b);
  const elapsed = Math.max(lastAnswer, start + durationMs) - start;
  return { rate, latencies, achieved: ((latencies.length - failed) * 1000) / elapsed, failed, worstSendLag };
}
