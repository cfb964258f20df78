import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ApiClient, createTestDatabase, dropRedisPrefix, freePort, ServerProcess, TEST_DB, TEST_REDIS_URL, TestDatabase, uniqueRedisPrefix, waitFor } from '@vanthu/server/testing';
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

  it('starts with `npm start`: health, the web app and a demo login, then stops with its process group', async () => {
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
    expect(await page.text()).toContain('<vt-root');

    const api = new ApiClient(url);
    const session = await api.logIn('quangtan.vanthu', 'Demo@123');
    const me = await api.call<SessionResponse>('GET', '/api/auth/me', session);
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'quangtan.vanthu', organisation: { name: 'UBND xã Quảng Tân' } });

    // Stopped the way a service manager or a terminal does: a signal to the whole process group.
    const exit = await app.signal('SIGTERM', 60_000);
    app = null;
    expect(exit.signal === 'SIGTERM' || exit.code !== null).toBe(true);
    await waitFor(async () => !(await portIsOpen(port)), 20_000);
  });
});
