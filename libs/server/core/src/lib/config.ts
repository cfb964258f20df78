import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Everything the API and the worker read from the environment, parsed and checked once. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Public base URL, used in e-mail links. */
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  db: { host: string; port: number; user: string; password: string; name: string; poolSize: number };
  redis: { url: string; prefix: string };
  session: { ttlHours: number; cookieSecure: boolean };
  login: LoginConfig;
  /** Requests per user and minute of the expensive kinds (see {@link RateLimitName}). */
  rateLimits: Record<RateLimitName, number>;
  retention: RetentionConfig;
  /** Folder holding the built web app, served at / when set. */
  webDistDir: string | null;
  /** Seed the demo district on start when the database holds no organisation yet. */
  seedDemo: boolean;
  /** Trust X-Forwarded-* from this many proxies (0: none). */
  trustProxy: number;
  /** Files are stored once by SHA-256 under this folder. */
  storageDir: string;
  /** Largest accepted upload, in bytes. */
  uploadMaxBytes: number;
  notifications: NotificationsConfig;
  exchange: ExchangeConfig;
  signing: SigningConfig;
}

/** Exchange with other e-office systems (edXML packets through one gateway). */
export interface ExchangeConfig {
  /**
   * Where packets we send go: a folder (the inbox of another system or of a transfer agent), an
   * HTTP endpoint, held for a peer to pull (`/api/exchange/pull`), or nowhere (kept pending).
   */
  gateway: 'none' | 'folder' | 'http' | 'pull';
  /** Folder adapter: packets to take (`*.xml`); `processing/`, `done/` and `rejected/` are made beside them. */
  inboxDir: string;
  /** Folder adapter: where packets we send are written (each written aside, then renamed). */
  outboxDir: string;
  /** Whether the worker reads the inbox folder (even when sending goes over HTTP). */
  readInbox: boolean;
  /** HTTP adapter: the peer's packet endpoint (another VănThư's `/api/exchange/packets`, the LGSP). */
  httpUrl: string | null;
  /** HTTP adapter: the bearer token the peer gave us. */
  httpToken: string | null;
  /** HTTP adapter, pull client: where the worker fetches packets waiting for us (another VănThư's `/api/exchange/pull`). */
  pullUrl: string | null;
  /** The bearer token for the pull URL. */
  pullToken: string | null;
  /** How often the worker looks for packets to take, export and send. */
  pollMs: number;
  /** Attempts per received packet before its job is dead (its file stays in processing/ and is tried again later). */
  maxAttempts: number;
}

/**
 * Log-in throttling, kept in Redis so that it holds across API processes. Wrong passwords for one
 * account from one address, from one address for any accounts, and for one account from anywhere
 * are counted apart; past each threshold the next try is heard only after a wait that starts at
 * `delaySeconds` and doubles with each further failure, up to `lockMinutes`. Addresses the
 * account logged in from lately are not held back by the account-wide count, so a stranger cannot
 * keep its owner out.
 */
export interface LoginConfig {
  /** Wrong passwords in a row for one account from one address before that address waits. */
  maxFailures: number;
  /** Wrong passwords from one address (any accounts) before the address waits. */
  addressMaxFailures: number;
  /** Wrong passwords for one account from all addresses before unknown addresses wait. */
  accountMaxFailures: number;
  /** The first wait; each further failure doubles it. */
  delaySeconds: number;
  /** The longest wait, and how long failures are remembered after the last one. */
  lockMinutes: number;
  /** How long an address stays known to an account after a successful log-in from it. */
  knownAddressDays: number;
}

/** Kinds of expensive request limited per user and minute. */
export type RateLimitName = 'search' | 'sign' | 'upload' | 'report';

/** What the worker's retention job removes, and when. */
export interface RetentionConfig {
  /** Relayed outbox events older than this are deleted. */
  outboxDays: number;
  /** Completed and failed queue jobs older than this are removed from Redis. */
  jobDays: number;
  /** Stored files no record refers to, older than this, are deleted (a killed upload's bytes). */
  orphanFileHours: number;
  /** How often the retention job runs. */
  everyHours: number;
}

/** Server-held signing keys: PIN limits, the key-encryption keys, the development CA. */
export interface SigningConfig {
  /** Wrong PINs in a row before a key (a leader's signature or a seal) refuses every PIN. */
  pinMaxFailures: number;
  /** How long that lock lasts (an administrator can lift it). */
  pinLockMinutes: number;
  /**
   * Key-encryption keys (32 bytes each) sealing every private key the server stores; the first
   * seals, the others only open what they sealed before a rotation. Empty: no server-held key can
   * be stored or used.
   */
  keks: Buffer[];
  /** Where the keys came from, for messages (`SIGNING_KEK`, the file's path, or null). */
  kekSource: string | null;
  /** The development CA (a demo or test installation): issues keys on request; never in production. */
  devPki: boolean;
  /**
   * When a signature's revocation status cannot be learnt (CRL/OCSP server unreachable): `soft`
   * accepts it with a warning in the verification, `hard` refuses it.
   */
  revocationMode: 'soft' | 'hard';
  /** Timeout of one CRL or OCSP request. */
  revocationTimeoutMs: number;
  /** How long a fetched CRL or OCSP answer is reused (a failure: a tenth of it, at least 5 s). */
  revocationCacheSeconds: number;
  /**
   * RFC 3161 time-stamping authority for the seal at issue (PAdES B-T); with it, the seal is made
   * B-LT (a DSS with the chains and CRL/OCSP data) whenever the revocation data can be had. Null: B-B.
   */
  tsaUrl: string | null;
  /** How long a VGCA Sign Service upload ticket (the plugin's single-use file and upload URLs) stays valid. */
  pluginTicketMinutes: number;
  /**
   * Where the browser looks for the VGCA Sign Service (the local plugin on the leader's computer).
   * `ws:` only for tests with a stand-in plugin; the real one listens on `wss://127.0.0.1:8987`.
   */
  pluginUrl: string;
}

/** Delivery of notifications (outbox relay, queues, e-mail, live stream) and deadline reminders. */
export interface NotificationsConfig {
  /** SMTP server for e-mail notifications (`smtp://` or `smtps://`); null turns the e-mail channel off. */
  smtpUrl: string | null;
  /** Sender of notification e-mails, e.g. `"VănThư" <no-reply@ubnd.gov.vn>`. */
  mailFrom: string;
  /** How often each worker looks for outbox events to relay to the queue. */
  outboxPollMs: number;
  /** A deadline this many working days ahead (or fewer) gets a "deadline near" reminder. */
  reminderWindowWorkingDays: number;
  /** How often the reminder scan runs. */
  reminderEveryMinutes: number;
  /** Attempts per delivery job before it is dead-lettered. */
  maxAttempts: number;
  /** First retry delay; each further retry waits twice as long. */
  backoffMs: number;
  /** A job held by a worker that stops answering is handed to another worker after this long. */
  queueLockMs: number;
  /** Interval of the keep-alive events on the live notification stream. */
  sseHeartbeatSeconds: number;
  /** How often a worker looks for relayed events whose queued jobs Redis lost. */
  reconcileEverySeconds: number;
  /** Events relayed less than this long ago are left to the queues (their jobs may still be waiting). */
  reconcileAfterSeconds: number;
}

/** Thrown at start-up when the environment is incomplete or malformed; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback?: string): string {
    const value = this.env[name];
    if (value === undefined || value === '') {
      if (fallback === undefined) {
        this.problems.push(`${name} is required`);
        return '';
      }
      return fallback;
    }
    return value;
  }

  /** A value that may legitimately be empty, such as a database password. */
  optionalString(name: string, fallback: string): string {
    return this.env[name] ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^-?\d+$/.test(raw.trim())) {
      this.problems.push(`${name} must be an integer, got "${raw}"`);
      return fallback;
    }
    const value = Number(raw);
    if (value < min || value > max) {
      this.problems.push(`${name} must be between ${min} and ${max}, got ${value}`);
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = raw.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(value)) return true;
    if (['false', '0', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return raw as T;
  }

  /** A URL that may be left unset (null); it may carry a password, so messages never repeat it. */
  optionalUrl(name: string, protocols: string[]): string | null {
    const raw = this.env[name]?.trim();
    if (!raw) return null;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) this.problems.push(`${name} must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
    } catch {
      this.problems.push(`${name} must be a URL`);
    }
    return raw;
  }

  url(name: string, fallback: string, protocols: string[]): string {
    const raw = this.string(name, fallback);
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name} must use ${protocols.join(' or ')}, got "${raw}"`);
      }
    } catch {
      this.problems.push(`${name} must be a URL, got "${raw}"`);
    }
    return raw;
  }
}

const KEK_BYTES = 32;

/**
 * The key-encryption keys: base64 values of 32 bytes, separated by commas, spaces or new lines,
 * from SIGNING_KEK or from the file SIGNING_KEK_FILE names (never both). The values never
 * appear in a message.
 */
function readKeks(env: Env, problems: string[]): { keks: Buffer[]; kekSource: string | null } {
  const inline = env['SIGNING_KEK']?.trim();
  const file = env['SIGNING_KEK_FILE']?.trim();
  if (inline && file) {
    problems.push('Set SIGNING_KEK or SIGNING_KEK_FILE, not both');
    return { keks: [], kekSource: null };
  }
  let text = inline ?? '';
  let source = inline ? 'SIGNING_KEK' : null;
  if (file) {
    source = resolve(file);
    try {
      text = readFileSync(source, 'utf8');
    } catch (error) {
      problems.push(`SIGNING_KEK_FILE ${source} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return { keks: [], kekSource: source };
    }
  }
  const values = text.split(/[\s,]+/).filter(Boolean);
  if (source && !values.length) problems.push(`${source === 'SIGNING_KEK' ? 'SIGNING_KEK' : `SIGNING_KEK_FILE ${source}`} holds no key`);
  const keks: Buffer[] = [];
  values.forEach((value, index) => {
    const key = /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : Buffer.alloc(0);
    if (key.length !== KEK_BYTES) {
      problems.push(`${source === 'SIGNING_KEK' ? 'SIGNING_KEK' : 'SIGNING_KEK_FILE'}: key ${index + 1} must be ${KEK_BYTES} random bytes in base64 (openssl rand -base64 32)`);
    } else {
      keks.push(key);
    }
  });
  return { keks, kekSource: source };
}

/** Reads and validates the configuration; throws {@link ConfigError} listing every problem. */
export function loadConfig(env: Env = process.env): AppConfig {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const port = r.integer('PORT', 3000, 1, 65535);
  const webDist = r.optionalString('WEB_DIST_DIR', '');
  const publicUrl = r.url('PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']);
  const seedDemo = r.boolean('SEED_DEMO', false);
  const config: AppConfig = {
    nodeEnv,
    host: r.string('HOST', '0.0.0.0'),
    port,
    publicUrl,
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    db: {
      host: r.string('DB_HOST', '127.0.0.1'),
      port: r.integer('DB_PORT', 3306, 1, 65535),
      user: r.string('DB_USER', 'root'),
      password: r.optionalString('DB_PASSWORD', ''),
      name: r.string('DB_NAME', 'vanthu'),
      poolSize: r.integer('DB_POOL_SIZE', 20, 1, 500),
    },
    redis: {
      url: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
      prefix: r.string('REDIS_PREFIX', 'vanthu'),
    },
    session: {
      ttlHours: r.integer('SESSION_TTL_HOURS', 12, 1, 24 * 30),
      // Behind HTTPS (the public address says so) cookies are always Secure (checked below).
      cookieSecure: r.boolean('COOKIE_SECURE', publicUrl.startsWith('https:')),
    },
    login: {
      maxFailures: r.integer('LOGIN_MAX_FAILURES', 5, 1, 100),
      addressMaxFailures: r.integer('LOGIN_ADDRESS_MAX_FAILURES', 50, 1, 10_000),
      accountMaxFailures: r.integer('LOGIN_ACCOUNT_MAX_FAILURES', 20, 1, 10_000),
      delaySeconds: r.integer('LOGIN_DELAY_SECONDS', 30, 1, 3600),
      lockMinutes: r.integer('LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
      knownAddressDays: r.integer('LOGIN_KNOWN_ADDRESS_DAYS', 30, 1, 365),
    },
    rateLimits: {
      search: r.integer('RATE_LIMIT_SEARCH_PER_MINUTE', 60, 1, 100_000),
      sign: r.integer('RATE_LIMIT_SIGN_PER_MINUTE', 20, 1, 100_000),
      upload: r.integer('RATE_LIMIT_UPLOAD_PER_MINUTE', 30, 1, 100_000),
      report: r.integer('RATE_LIMIT_REPORT_PER_MINUTE', 20, 1, 100_000),
    },
    retention: {
      outboxDays: r.integer('RETENTION_OUTBOX_DAYS', 30, 1, 3650),
      jobDays: r.integer('RETENTION_JOB_DAYS', 14, 1, 3650),
      orphanFileHours: r.integer('RETENTION_ORPHAN_FILE_HOURS', 24, 1, 24 * 365),
      everyHours: r.integer('RETENTION_EVERY_HOURS', 6, 1, 24 * 7),
    },
    webDistDir: webDist ? resolve(webDist) : null,
    seedDemo,
    trustProxy: r.integer('TRUST_PROXY', 0, 0, 10),
    storageDir: resolve(r.string('STORAGE_DIR', '.data/files')),
    uploadMaxBytes: r.integer('UPLOAD_MAX_MB', 50, 1, 2048) * 1024 * 1024,
    notifications: {
      smtpUrl: r.optionalUrl('SMTP_URL', ['smtp:', 'smtps:']),
      mailFrom: r.string('MAIL_FROM', '"VănThư" <no-reply@localhost>'),
      outboxPollMs: r.integer('OUTBOX_POLL_MS', 200, 10, 60_000),
      reminderWindowWorkingDays: r.integer('REMINDER_WINDOW_WORKING_DAYS', 2, 0, 30),
      reminderEveryMinutes: r.integer('REMINDER_EVERY_MINUTES', 30, 1, 24 * 60),
      maxAttempts: r.integer('NOTIFY_MAX_ATTEMPTS', 8, 1, 50),
      backoffMs: r.integer('NOTIFY_BACKOFF_MS', 15_000, 10, 3_600_000),
      queueLockMs: r.integer('QUEUE_LOCK_MS', 30_000, 1000, 600_000),
      sseHeartbeatSeconds: r.integer('SSE_HEARTBEAT_SECONDS', 25, 1, 300),
      reconcileEverySeconds: r.integer('NOTIFY_RECONCILE_EVERY_SECONDS', 60, 1, 24 * 3600),
      reconcileAfterSeconds: r.integer('NOTIFY_RECONCILE_AFTER_SECONDS', 300, 1, 7 * 24 * 3600),
    },
    exchange: {
      gateway: r.oneOf('EXCHANGE_GATEWAY', ['none', 'folder', 'http', 'pull'] as const, 'none'),
      inboxDir: resolve(r.string('EXCHANGE_INBOX_DIR', '.data/exchange/inbox')),
      outboxDir: resolve(r.string('EXCHANGE_OUTBOX_DIR', '.data/exchange/outbox')),
      readInbox: r.boolean('EXCHANGE_READ_INBOX', true),
      httpUrl: r.optionalUrl('EXCHANGE_HTTP_URL', ['http:', 'https:']),
      httpToken: r.optionalString('EXCHANGE_HTTP_TOKEN', '') || null,
      pullUrl: r.optionalUrl('EXCHANGE_PULL_URL', ['http:', 'https:']),
      pullToken: r.optionalString('EXCHANGE_PULL_TOKEN', '') || null,
      pollMs: r.integer('EXCHANGE_POLL_MS', 2000, 50, 600_000),
      maxAttempts: r.integer('EXCHANGE_MAX_ATTEMPTS', 8, 1, 50),
    },
    signing: {
      pinMaxFailures: r.integer('SIGNING_PIN_MAX_FAILURES', 5, 1, 100),
      pinLockMinutes: r.integer('SIGNING_PIN_LOCK_MINUTES', 15, 1, 24 * 60),
      ...readKeks(env, r.problems),
      devPki: r.boolean('DEV_PKI', seedDemo),
      revocationMode: r.oneOf('SIGNING_REVOCATION_MODE', ['soft', 'hard'] as const, 'soft'),
      revocationTimeoutMs: r.integer('SIGNING_REVOCATION_TIMEOUT_MS', 5000, 100, 60_000),
      revocationCacheSeconds: r.integer('SIGNING_REVOCATION_CACHE_SECONDS', 600, 0, 86_400),
      tsaUrl: r.optionalUrl('SIGNING_TSA_URL', ['http:', 'https:']),
      pluginTicketMinutes: r.integer('SIGNING_PLUGIN_TICKET_MINUTES', 5, 1, 60),
      pluginUrl: r.url('SIGNING_PLUGIN_URL', 'wss://127.0.0.1:8987', ['wss:', 'ws:']),
    },
  };
  if (config.exchange.gateway === 'http' && !config.exchange.httpUrl) r.problems.push('EXCHANGE_HTTP_URL is required when EXCHANGE_GATEWAY is http');
  if (config.signing.devPki && !config.signing.keks.length) {
    r.problems.push('DEV_PKI (on with SEED_DEMO) stores the CA\'s and the demo keys, sealed with a key-encryption key: set SIGNING_KEK or SIGNING_KEK_FILE (docs/deploy.md, "Signing keys"; npm start makes one under .data/)');
  }
  if (!/<[^<>@\s]+@[^<>@\s]+>$|^[^<>@\s]+@[^<>@\s]+$/.test(config.notifications.mailFrom.trim())) {
    r.problems.push(`MAIL_FROM must be an address, optionally with a name ("VănThư" <no-reply@example.org>), got "${config.notifications.mailFrom}"`);
  }
  if (!/^[a-zA-Z0-9_]+$/.test(config.db.name)) {
    r.problems.push(`DB_NAME may hold only letters, digits and _, got "${config.db.name}"`);
  }
  if (publicUrl.startsWith('https:') && !config.session.cookieSecure) {
    r.problems.push(
      `COOKIE_SECURE=false cannot be used with an https PUBLIC_URL (${publicUrl}): behind HTTPS the session cookie is always Secure. Remove COOKIE_SECURE, or set PUBLIC_URL to the http:// address people actually use`,
    );
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

/** Injection token for {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');
