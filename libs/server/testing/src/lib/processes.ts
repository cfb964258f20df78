import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

import { Redis } from 'ioredis';

import { TEST_REDIS_URL } from './test-database';

const running = new Set<ChildProcess>();
/** Children started as leaders of their own process group. */
const groupLeaders = new WeakSet<ChildProcess>();

// A test file that crashes must not leave an API, a worker or an `npm start` behind.
process.once('exit', () => {
  for (const child of running) killTree(child, 'SIGKILL');
});

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // A group leader's signal goes to its group: everything it started (npm → bash → node) stops with it.
    if (groupLeaders.has(child)) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone.
  }
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
  cwd: string;
  env: Record<string, string>;
  /** Text in the output that says the process is ready. */
  ready: string | RegExp;
  timeoutMs?: number;
  /** Start it as the leader of its own process group, so that `signal()` stops everything it started. */
  group?: boolean;
}

/**
 * A real server process (the API, a worker, `npm start`, nginx) in a child process of its own,
 * so that a test can wait for it, read what it printed, kill it with SIGKILL or stop it with SIGTERM.
 * VT_TEST_LOGS=1 shows the children's output while a test runs.
 */
export class ServerProcess {
  private log = '';
  readonly exited: Promise<Exit>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    running.add(child);
    const echo = process.env['VT_TEST_LOGS'] ? (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString('utf8')}`) : () => undefined;
    const keep = (chunk: Buffer) => {
      this.log += chunk.toString('utf8');
      // The tail is what a failure message needs; a long-running child must not grow without bound.
      if (this.log.length > 2_000_000) this.log = this.log.slice(-1_000_000);
      echo(chunk);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolveExit) =>
      child.once('exit', (code, signal) => {
        running.delete(child);
        resolveExit({ code, signal });
      }),
    );
  }

  static async spawn(name: string, command: string, args: string[], options: SpawnOptions): Promise<ServerProcess> {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: options.group ?? false });
    if (options.group) groupLeaders.add(child);
    const server = new ServerProcess(name, child);
    const timeoutMs = options.timeoutMs ?? 180_000;
    const started = Date.now();
    const isReady = () => (typeof options.ready === 'string' ? server.log.includes(options.ready) : options.ready.test(server.log));
    for (;;) {
      if (isReady()) return server;
      const exit = await within(server.exited, 50);
      if (exit) throw new Error(`${name} exited (${exit.code ?? exit.signal}) before it was ready:\n${server.tail()}`);
      if (Date.now() - started > timeoutMs) {
        killTree(child, 'SIGKILL');
        throw new Error(`${name} not ready within ${timeoutMs} ms:\n${server.tail()}`);
      }
    }
  }

  get output(): string {
    return this.log;
  }

  /** The last lines it printed, for failure messages. */
  tail(lines = 80): string {
    return this.log.split('\n').slice(-lines).join('\n');
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a signal (to the whole group when started with `group`) and waits for the process to end. */
  async signal(signal: NodeJS.Signals, timeoutMs = 40_000): Promise<Exit> {
    if (!this.alive) return this.exited;
    killTree(this.child, signal);
    const exit = await within(this.exited, timeoutMs);
    if (exit) return exit;
    killTree(this.child, 'SIGKILL');
    throw new Error(`${this.name} did not stop within ${timeoutMs} ms after ${signal}:\n${this.tail()}`);
  }
}

/** The promise's value, or null when it has not settled within `ms`. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolveLate) => (timer = setTimeout(() => resolveLate(null), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Removes every key of a test's Redis prefix. */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
