import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { ApiClient, createTestDatabase, dropRedisPrefix, freePort, httpRequest, ServerProcess, TEST_DB, TEST_REDIS_URL, TestDatabase, uniqueRedisPrefix, waitFor } from '@vanthu/server/testing';
import { SessionResponse } from '@vanthu/shared/contracts';

import { portIsOpen, WORKSPACE_ROOT } from './support/workspace';

/**
 * What a stranger does first: clone the repository and run `npm start`. The clone is of HEAD (what
 * is committed), in a folder with no node_modules, no .data and nothing beside it, and the
 * environment says NODE_ENV=production, as on a server: the start script must still install the
 * builders, create its folders, build, migrate, seed and serve.
 */
describe('a fresh clone', () => {
  let folder: string;
  let database: TestDatabase;
  let redisPrefix: string;
  let app: ServerProcess | null = null;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'vanthu-fresh-clone-'));
    // npm start creates the database itself; the test only chooses a name of its own and drops it after.
    database = await createTestDatabase('freshclone');
    await database.drop();
    redisPrefix = uniqueRedisPrefix('freshclone');
  });

  afterAll(async () => {
    await app?.signal('SIGTERM').catch(() => undefined);
    await database.drop();
    await dropRedisPrefix(redisPrefix);
    rmSync(folder, { recursive: true, force: true });
  });

  it('starts with `npm start`: health, the web app (compressed) and a demo login, JSON compressed, then stops with its process group', async () => {
    const clone = join(folder, 'vanthu');
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', WORKSPACE_ROOT, clone], { stdio: 'pipe' });
    // VT_CLONE_REF=<commit> tries an earlier commit instead of HEAD (how this test was seen to fail before the fix).
    const ref = process.env['VT_CLONE_REF'];
    if (ref) execFileSync('git', ['checkout', '--quiet', ref], { cwd: clone, stdio: 'pipe' });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
      HOME: process.env['HOME'] ?? '/root',
      NODE_ENV: 'production',
      CI: 'true',
      PORT: String(port),
      DB_HOST: TEST_DB.host,
      DB_PORT: String(TEST_DB.port),
      DB_USER: TEST_DB.user,
      DB_PASSWORD: TEST_DB.password,
      DB_NAME: database.name,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redisPrefix,
    };
    app = await ServerProcess.spawn('npm start', 'npm', ['start'], { cwd: clone, env, ready: 'VănThư is running at', timeoutMs: 12 * 60_000, group: true });

    const health = await waitFor(async () => {
      const response = await fetch(`${url}/api/health`);
      return response.status === 200 ? ((await response.json()) as { status: string }) : null;
    }, 60_000);
    expect(health.status).toBe('ok');

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<vt-root');

    // The app's first script, as the build precompressed it: brotli to whom asks for it, else gzip.
    const script = /src="(main-[0-9A-Z]{8}\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const identity = await httpRequest(`${url}/${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(identity.status).toBe(200);
    expect(identity.headers['content-encoding']).toBeUndefined();
    const brotli = await httpRequest(`${url}/${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.body).equals(identity.body)).toBe(true);
    const gzipped = await httpRequest(`${url}/${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).equals(identity.body)).toBe(true);
    expect(brotli.body.length).toBeLessThan(identity.body.length / 2);

    const api = new ApiClient(url);
    const session = await api.logIn('quangtan.vanthu', 'Demo@123');
    const me = await api.call<SessionResponse>('GET', '/api/auth/me', session);
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'quangtan.vanthu', organisation: { name: 'UBND xã Quảng Tân' } });

    // A JSON answer above compression's 1 KB threshold (the organisation directory) travels compressed too.
    const directory = await httpRequest(`${url}/api/organisations`, { headers: { cookie: session.cookie, 'accept-encoding': 'gzip, br' } });
    expect(directory.status).toBe(200);
    expect(directory.headers['content-type']).toMatch(/^application\/json/);
    expect(['br', 'gzip']).toContain(directory.headers['content-encoding']);
    const json = (directory.headers['content-encoding'] === 'br' ? brotliDecompressSync(directory.body) : gunzipSync(directory.body)).toString('utf8');
    expect(json.length).toBeGreaterThan(1024);
    expect(JSON.parse(json)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'UBND xã Quảng Tân' })]));

    // Stopped the way a service manager or a terminal does: a signal to the whole process group.
    const exit = await app.signal('SIGTERM', 60_000);
    app = null;
    expect(exit.signal === 'SIGTERM' || exit.code !== null).toBe(true);
    await waitFor(async () => !(await portIsOpen(port)), 20_000);
  });
});
