import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { dataSourceOptions } from '@vanthu/server/data-access';
import { loadConfig } from '@vanthu/server/core';
import {
  createTestDatabase,
  dropRedisPrefix,
  freePort,
  ServerProcess,
  TEST_DB,
  TEST_REDIS_URL,
  TestDatabase,
  testKek,
  uniqueRedisPrefix,
  waitFor,
} from '@vanthu/server/testing';
import { DataSource } from 'typeorm';

import { portIsOpen, WORKSPACE_ROOT } from './workspace';

const DEPLOY = join(WORKSPACE_ROOT, 'deploy');
/** The variables docs/deploy.md renders the nginx template with (envsubst's list). */
const TEMPLATE_VARIABLES = [
  'VANTHU_SERVER_NAME',
  'VANTHU_HTTP_PORT',
  'VANTHU_HTTPS_PORT',
  'VANTHU_TLS_CERT',
  'VANTHU_TLS_KEY',
  'VANTHU_WEB_ROOT',
  'VANTHU_NGINX_DIR',
  'VANTHU_API_SERVERS',
  'VANTHU_BODY_MAX_MB',
  'VANTHU_SIGNING_PLUGIN_ORIGIN',
];

/** KEY=VALUE lines of an environment file as systemd reads it (comments and blank lines skipped). */
export function readEnvironmentFile(path: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) env[match[1]] = match[2].trim().replace(/^"(.*)"$/, '$1');
  }
  return env;
}

/** envsubst with a list of names: only those `${NAME}` are replaced, nginx's own `$variables` stay. */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (whole, name: string) => {
    if (!TEMPLATE_VARIABLES.includes(name)) return whole;
    const value = values[name];
    if (value === undefined) throw new Error(`No value for ${name}`);
    return value;
  });
}

/**
 * The production topology of docs/deploy.md on one machine: API processes and workers started from
 * the built apps (dist/) with the documented environment file, behind nginx rendered from the
 * documented template (TLS with a certificate made for the test), on a database, a Redis prefix
 * and a file store of the cluster's own.
 */
export class Cluster {
  readonly apis = new Map<number, ServerProcess>();
  readonly workers = new Map<number, ServerProcess>();
  nginx: ServerProcess | null = null;
  private dataSource: Promise<DataSource> | null = null;

  private constructor(
    readonly dir: string,
    readonly database: TestDatabase,
    readonly env: Record<string, string>,
    readonly apiPorts: number[],
    readonly httpsPort: number,
    readonly httpPort: number,
  ) {}

  static async create(label: string, apiCount: number, extra: Record<string, string> = {}): Promise<Cluster> {
    const dir = mkdtempSync(join(tmpdir(), `vanthu-${label}-`));
    const database = await createTestDatabase(label);
    const apiPorts: number[] = [];
    for (let i = 0; i < apiCount; i++) apiPorts.push(await freePort());
    const httpsPort = await freePort();
    const httpPort = await freePort();
    const documented = readEnvironmentFile(join(DEPLOY, 'vanthu.env.example'));
    const kekFile = join(dir, 'signing.kek');
    writeFileSync(kekFile, `${testKek()}\n`, { mode: 0o600 });
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: process.env['HOME'] ?? '/root',
      ...documented,
      PUBLIC_URL: `https://127.0.0.1:${httpsPort}`,
      DB_HOST: TEST_DB.host,
      DB_PORT: String(TEST_DB.port),
      DB_USER: TEST_DB.user,
      DB_PASSWORD: TEST_DB.password,
      DB_NAME: database.name,
      DB_POOL_SIZE: '10',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: uniqueRedisPrefix(label),
      STORAGE_DIR: join(dir, 'files'),
      // The environment file's key-encryption key file, made as docs/deploy.md says (readable by the service only).
      SIGNING_KEK_FILE: kekFile,
      // The demo district and its development CA (the documented production file turns both off).
      SEED_DEMO: 'true',
      DEV_PKI: 'true',
      LOG_LEVEL: 'warn',
      SMTP_URL: '',
      ...extra,
    };
    if (!env['SMTP_URL']) delete env['SMTP_URL'];
    return new Cluster(dir, database, env, apiPorts, httpsPort, httpPort);
  }

  /** The address people use: nginx over TLS. */
  get url(): string {
    return `https://127.0.0.1:${this.httpsPort}`;
  }

  /** API process `index` directly, bypassing nginx. */
  apiUrl(index: number): string {
    return `http://127.0.0.1:${this.apiPorts[index]}`;
  }

  get certificate(): Buffer {
    return readFileSync(join(this.dir, 'tls.crt'));
  }

  /** One API process, as the systemd unit runs it (PORT from the instance name). */
  async startApi(index: number): Promise<ServerProcess> {
    const api = await ServerProcess.spawn(`api-${index}`, process.execPath, [join(WORKSPACE_ROOT, 'dist/apps/api/main.js')], {
      cwd: WORKSPACE_ROOT,
      env: { ...this.env, PORT: String(this.apiPorts[index]) },
      ready: 'VănThư API listening on',
    });
    this.apis.set(index, api);
    return api;
  }

  async startWorker(index: number): Promise<ServerProcess> {
    const worker = await ServerProcess.spawn(`worker-${index}`, process.execPath, [join(WORKSPACE_ROOT, 'dist/apps/worker/main.js')], {
      cwd: WORKSPACE_ROOT,
      env: this.env,
      ready: 'VănThư worker started',
    });
    this.workers.set(index, worker);
    return worker;
  }

  /** nginx with the documented site configuration, round-robin over every API port, no stickiness. */
  async startNginx(): Promise<void> {
    const nginxDir = join(this.dir, 'nginx');
    mkdirSync(join(nginxDir, 'temp'), { recursive: true });
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', join(this.dir, 'tls.key'), '-out', join(this.dir, 'tls.crt'),
    ], { stdio: 'pipe' });
    // The CSP's connect-src names the plugin's origin from SIGNING_PLUGIN_URL, as the API's does.
    const plugin = new URL(this.env['SIGNING_PLUGIN_URL'] ?? 'wss://127.0.0.1:8987');
    writeFileSync(
      join(nginxDir, 'vanthu-security-headers.conf'),
      renderTemplate(readFileSync(join(DEPLOY, 'nginx/vanthu-security-headers.conf.template'), 'utf8'), { VANTHU_SIGNING_PLUGIN_ORIGIN: `${plugin.protocol}//${plugin.host}` }),
    );
    const uploadMaxMb = Number(this.env['UPLOAD_MAX_MB'] ?? 50);
    const site = renderTemplate(readFileSync(join(DEPLOY, 'nginx/vanthu.conf.template'), 'utf8'), {
      VANTHU_SERVER_NAME: '127.0.0.1',
      VANTHU_HTTP_PORT: `127.0.0.1:${this.httpPort}`,
      VANTHU_HTTPS_PORT: `127.0.0.1:${this.httpsPort}`,
      VANTHU_TLS_CERT: join(this.dir, 'tls.crt'),
      VANTHU_TLS_KEY: join(this.dir, 'tls.key'),
      VANTHU_WEB_ROOT: join(WORKSPACE_ROOT, 'dist/apps/web/browser'),
      VANTHU_NGINX_DIR: nginxDir,
      VANTHU_API_SERVERS: this.apiPorts.map((port) => `server 127.0.0.1:${port};`).join(' '),
      VANTHU_BODY_MAX_MB: String(uploadMaxMb + 1),
    });
    writeFileSync(join(nginxDir, 'vanthu.conf'), site);
    // What Debian's /etc/nginx/nginx.conf provides around a site, in a folder of the test's own;
    // the access log names the API process that answered each request.
    writeFileSync(
      join(nginxDir, 'nginx.conf'),
      [
        'load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;',
        'daemon off;',
        // Started as root, nginx's workers would run as nobody and could not read a checkout under
        // a private folder (/root, a mktemp -d): they run as the user who runs the test.
        ...(process.getuid?.() === 0 ? ['user root;'] : []),
        'worker_processes 2;',
        `pid ${join(nginxDir, 'nginx.pid')};`,
        `error_log ${join(nginxDir, 'error.log')} warn;`,
        'events { worker_connections 1024; }',
        'http {',
        '  include /etc/nginx/mime.types;',
        '  default_type application/octet-stream;',
        '  sendfile on;',
        "  log_format cluster '$request_method $uri $status $upstream_addr';",
        `  access_log ${join(nginxDir, 'access.log')} cluster;`,
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${join(nginxDir, 'temp', name)};`),
        `  include ${join(nginxDir, 'vanthu.conf')};`,
        '}',
        '',
      ].join('\n'),
    );
    this.nginx = await ServerProcess.spawn('nginx', '/usr/sbin/nginx', ['-p', nginxDir, '-e', join(nginxDir, 'error.log'), '-c', join(nginxDir, 'nginx.conf')], {
      cwd: nginxDir,
      env: { PATH: this.env['PATH'] },
      ready: '',
    });
    const nginx = this.nginx;
    await waitFor(async () => {
      if (!nginx.alive) throw new Error(`nginx stopped:\n${nginx.tail()}`);
      return portIsOpen(this.httpsPort);
    }, 20_000);
  }

  /** `METHOD path` → upstream address of every request nginx passed on so far. */
  upstreamsSeen(): Array<{ method: string; path: string; status: number; upstream: string }> {
    const log = readFileSync(join(this.dir, 'nginx', 'access.log'), 'utf8');
    return log
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [method, path, status, upstream] = line.split(' ');
        return { method, path, status: Number(status), upstream };
      });
  }

  /** A connection of the test's own, to look at outcomes. */
  db(): Promise<DataSource> {
    this.dataSource ??= new DataSource(dataSourceOptions(loadConfig(this.env), { migrationsRun: false })).initialize();
    return this.dataSource;
  }

  async close(): Promise<void> {
    const all = [...this.apis.values(), ...this.workers.values(), ...(this.nginx ? [this.nginx] : [])];
    await Promise.all(all.map((p) => p.signal('SIGTERM').catch(() => p.signal('SIGKILL').catch(() => undefined))));
    await (await this.dataSource)?.destroy();
    await this.database.drop();
    await dropRedisPrefix(this.env['REDIS_PREFIX']);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
