import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { freePort, ServerProcess } from '@vanthu/server/testing';
import { createConnection } from 'mysql2/promise';

/**
 * A MariaDB server of the test's own (its data folder, its port), so that a test may kill and
 * restart it without touching the shared server other tests run on at the same time. Started as
 * tools/scripts/lib.sh starts a private instance.
 */
export class PrivateMariaDb {
  process: ServerProcess | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(parent: string): Promise<PrivateMariaDb> {
    const dir = join(parent, 'mariadb');
    mkdirSync(dir, { recursive: true });
    execFileSync(
      'mariadb-install-db',
      ['--no-defaults', '--user=root', `--datadir=${join(dir, 'data')}`, '--auth-root-authentication-method=normal', '--skip-test-db'],
      { stdio: 'pipe' },
    );
    const server = new PrivateMariaDb(dir, await freePort());
    await server.start();
    // root over TCP with an empty password, as on the shared server.
    execFileSync('mariadb', ['--no-defaults', `--socket=${join(dir, 'mariadb.sock')}`, '-uroot', '-e', "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;"], { stdio: 'pipe' });
    return server;
  }

  /** Starts it (again, after a kill: InnoDB recovers from its redo log first). */
  async start(): Promise<void> {
    this.process = await ServerProcess.spawn(
      'mariadb',
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        '--user=root',
        `--datadir=${join(this.dir, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mariadb.sock')}`,
        `--pid-file=${join(this.dir, 'mariadb.pid')}`,
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        '--max-connections=200',
        '--innodb-buffer-pool-size=128M',
        // Durable commits, as in production: what was acknowledged survives kill -9.
        '--innodb-flush-log-at-trx-commit=1',
      ],
      { cwd: this.dir, env: { PATH: process.env['PATH'] ?? '/usr/sbin:/usr/bin:/bin' }, ready: /ready for connections/, timeoutMs: 120_000 },
    );
  }

  async kill(): Promise<void> {
    await this.process?.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.process?.signal('SIGTERM', 60_000).catch(() => this.process?.signal('SIGKILL'));
  }

  async createDatabase(name: string): Promise<void> {
    const connection = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root', password: '' });
    try {
      await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await connection.end();
    }
  }
}

/** A Redis server of the test's own, with an append-only file as docs/deploy.md sets it up. */
export class PrivateRedis {
  process: ServerProcess | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(parent: string): Promise<PrivateRedis> {
    const dir = join(parent, 'redis');
    mkdirSync(dir, { recursive: true });
    const server = new PrivateRedis(dir, await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = await ServerProcess.spawn(
      'redis',
      '/usr/bin/redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--maxmemory-policy', 'noeviction'],
      { cwd: this.dir, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' }, ready: /Ready to accept connections/ },
    );
  }

  /**
   * A restart as an administrator does it (SIGTERM: Redis writes its append-only file and exits),
   * down for `downMs`; `whileDown` runs once the server has exited, before it starts again.
   */
  async restart(downMs: number, whileDown?: () => Promise<void>): Promise<void> {
    await this.process?.signal('SIGTERM');
    await Promise.all([whileDown?.(), new Promise((resolve) => setTimeout(resolve, downMs))]);
    await this.start();
  }

  async stop(): Promise<void> {
    await this.process?.signal('SIGTERM').catch(() => this.process?.signal('SIGKILL'));
  }
}
