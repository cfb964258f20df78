import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { ServerProcess } from '@vanthu/server/testing';
import { ExchangePeerCreated, ExternalOrganisationDto } from '@vanthu/shared/contracts';

import { TestApp } from './harness';

const ROOT = resolve(__dirname, '../../..');

/** A folder of its own for a test's exchange packets. */
export function packetFolder(label: string): string {
  return mkdtempSync(join(tmpdir(), `vanthu-edxml-${label}-`));
}

/** The `*.xml` packets in a folder, oldest name first. */
export function packetsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.xml'))
    .sort();
}

export function readPacket(dir: string, name: string): Buffer {
  return readFileSync(join(dir, name));
}

/**
 * The real worker (`apps/worker/src/main.ts`, as `npm start` runs it) for a test installation:
 * its database, Redis prefix and file storage, and the exchange settings given.
 */
export function startWorker(t: TestApp, name: string, env: Record<string, string>): Promise<ServerProcess> {
  const c = t.config;
  return ServerProcess.spawn(name, process.execPath, [resolve(ROOT, 'tools/scripts/run-ts.js'), 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    ready: 'VănThư worker started',
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DB_HOST: c.db.host,
      DB_PORT: String(c.db.port),
      DB_USER: c.db.user,
      DB_PASSWORD: c.db.password,
      DB_NAME: c.db.name,
      REDIS_URL: c.redis.url,
      REDIS_PREFIX: c.redis.prefix,
      STORAGE_DIR: c.storageDir,
      OUTBOX_POLL_MS: '100',
      EXCHANGE_POLL_MS: '200',
      // The keys in this installation's database are sealed under its key-encryption key(s).
      SIGNING_KEK: c.signing.keks.map((k) => k.toString('base64')).join(','),
      ...(c.signing.devPki ? { DEV_PKI: 'true' } : {}),
      ...env,
    },
  });
}

/** An administrator adds an organisation to the external directory. */
export async function addExternal(t: TestApp, admin: string, identifierCode: string, name: string): Promise<ExternalOrganisationDto> {
  const { agent } = await t.logIn(admin);
  return (await agent.post('/api/admin/external-organisations').send({ identifierCode, name }).expect(201)).body;
}

/** An administrator makes a peer and gets its token. */
/** A peer allowed to post and pull packets; `organIds`: the organisations it receives for (none: every packet). */
export async function addPeer(t: TestApp, admin: string, name: string, organIds?: string[]): Promise<string> {
  const { agent } = await t.logIn(admin);
  return ((await agent.post('/api/admin/exchange/peers').send({ name, ...(organIds ? { organIds } : {}) }).expect(201)).body as ExchangePeerCreated).token;
}
