import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createConnection } from 'mysql2/promise';

/** Where tests find MariaDB: the development/CI server unless TEST_DB_* say otherwise. */
export const TEST_DB = {
  host: process.env['TEST_DB_HOST'] ?? '127.0.0.1',
  port: Number(process.env['TEST_DB_PORT'] ?? 3306),
  user: process.env['TEST_DB_USER'] ?? 'root',
  password: process.env['TEST_DB_PASSWORD'] ?? '',
};

export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  name: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of its own for one test file; `drop()` removes it. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `vt_${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const connection = await createConnection({ ...TEST_DB });
  try {
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
  return {
    name,
    async drop() {
      const c = await createConnection({ ...TEST_DB });
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}

/** A key prefix of its own for one test file, so BullMQ queues and keys never meet another file's. */
export function uniqueRedisPrefix(label: string): string {
  return `vt-test-${label}-${randomBytes(4).toString('hex')}`;
}

/** A file-storage folder of its own for one test file (remove it with `rmSync(dir, { recursive: true })`). */
export function testStorageDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `vanthu-${label.replace(/[^a-z0-9]/gi, '')}-files-`));
}

/** A fresh key-encryption key (SIGNING_KEK) for one test: every test file seals its keys under its own. */
export function testKek(): string {
  return randomBytes(32).toString('base64');
}

/**
 * Environment for `loadConfig` pointing at a test database, Redis and a file-storage folder of its
 * own, with a key-encryption key of its own and the development CA on (as a demo installation).
 */
export function testEnv(databaseName: string, extra: Record<string, string> = {}): Record<string, string> {
  const storage = testStorageDir(databaseName);
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DB_HOST: TEST_DB.host,
    DB_PORT: String(TEST_DB.port),
    DB_USER: TEST_DB.user,
    DB_PASSWORD: TEST_DB.password,
    DB_NAME: databaseName,
    DB_POOL_SIZE: '10',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: uniqueRedisPrefix('app'),
    STORAGE_DIR: storage,
    // Exchange folders inside the test's own storage folder (removed with it), never the repository's .data/.
    EXCHANGE_INBOX_DIR: join(storage, 'exchange-inbox'),
    EXCHANGE_OUTBOX_DIR: join(storage, 'exchange-outbox'),
    // Tests act faster than people: the per-user limits are tested on purpose, with low values.
    RATE_LIMIT_SEARCH_PER_MINUTE: '100000',
    RATE_LIMIT_SIGN_PER_MINUTE: '100000',
    RATE_LIMIT_UPLOAD_PER_MINUTE: '100000',
    RATE_LIMIT_REPORT_PER_MINUTE: '100000',
    SIGNING_KEK: testKek(),
    DEV_PKI: 'true',
    ...extra,
  };
}
