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
  login: { maxFailures: number; lockMinutes: number };
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

/** Reads and validates the configuration; throws {@link ConfigError} listing every problem. */
export function loadConfig(env: Env = process.env): AppConfig {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const port = r.integer('PORT', 3000, 1, 65535);
  const webDist = r.optionalString('WEB_DIST_DIR', '');
  const config: AppConfig = {
    nodeEnv,
    host: r.string('HOST', '0.0.0.0'),
    port,
    publicUrl: r.url('PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']),
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
      cookieSecure: r.boolean('COOKIE_SECURE', false),
    },
    login: {
      maxFailures: r.integer('LOGIN_MAX_FAILURES', 5, 1, 100),
      lockMinutes: r.integer('LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    },
    webDistDir: webDist ? resolve(webDist) : null,
    seedDemo: r.boolean('SEED_DEMO', false),
    trustProxy: r.integer('TRUST_PROXY', 0, 0, 10),
    storageDir: resolve(r.string('STORAGE_DIR', '.data/files')),
    uploadMaxBytes: r.integer('UPLOAD_MAX_MB', 50, 1, 2048) * 1024 * 1024,
  };
  if (!/^[a-zA-Z0-9_]+$/.test(config.db.name)) {
    r.problems.push(`DB_NAME may hold only letters, digits and _, got "${config.db.name}"`);
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

/** Injection token for {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');
