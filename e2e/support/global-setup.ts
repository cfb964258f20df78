import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  API_LOG,
  API_MAIN,
  BASE_URL_ENV,
  PLUGIN_PORT_ENV,
  DB,
  HarnessState,
  loadState,
  REDIS_URL,
  saveState,
  WEB_DIST,
  WORKER_LOG,
  WORKER_MAIN,
  WORKSPACE_ROOT,
} from './harness';
import { createDatabase, freePort, tearDown } from './infrastructure';

// Migrations and the demo seed (argon2/scrypt hashes for ~50 users) run before the API
// listens; on a loaded 2-core machine that can take a while.
const START_TIMEOUT_MS = 180_000;

// E2E_FROM_SOURCE=1 runs the API and the worker from their TypeScript sources (tools/scripts/run-ts.js)
// instead of dist/: for trying the web app while a server build is broken or not yet rebuilt.
const FROM_SOURCE = process.env['E2E_FROM_SOURCE'] === '1';
const RUN_TS = resolve(WORKSPACE_ROOT, 'tools/scripts/run-ts.js');
const API_ARGS = FROM_SOURCE ? [RUN_TS, resolve(WORKSPACE_ROOT, 'apps/api/src/main.ts')] : [API_MAIN];
const WORKER_ARGS = FROM_SOURCE ? [RUN_TS, resolve(WORKSPACE_ROOT, 'apps/worker/src/main.ts')] : [WORKER_MAIN];

async function waitForHealth(baseUrl: string, apiExited: () => string | null): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const exit = apiExited();
    if (exit) throw new Error(`the API exited before it was healthy (${exit})`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(500);
  }
  throw new Error(`GET /api/health was not 200 within ${START_TIMEOUT_MS / 1000} s (last: ${last})`);
}

function logTail(): string {
  if (!existsSync(API_LOG)) return '';
  return readFileSync(API_LOG, 'utf8').split('\n').slice(-40).join('\n');
}

/**
 * Starts the built API on a fresh database with the demo data, serving the built web app,
 * and publishes its URL in E2E_BASE_URL for the tests (workers inherit the environment).
 */
export default async function globalSetup(): Promise<void> {
  for (const [what, path] of [
    ...(FROM_SOURCE ? [] : [['the API (npx nx build api)', API_MAIN]]),
    ['the web app (npx nx build web)', `${WEB_DIST}/index.html`],
  ]) {
    if (!existsSync(path)) throw new Error(`[e2e] ${path} is missing: build ${what} before running e2e`);
  }

  // A run killed before its teardown leaves its API and database behind: clear them first.
  const leftover = loadState();
  if (leftover) await tearDown(leftover);

  const suffix = randomBytes(4).toString('hex');
  const port = await freePort();
  // Where the stand-in VGCA Sign Service listens when a test starts it: plain ws:// (tests only).
  const pluginPort = await freePort();
  const state: HarnessState = {
    apiPid: null,
    database: `vanthu_e2e_${suffix}`,
    redisPrefix: `e2e-${suffix}`,
    baseUrl: `http://127.0.0.1:${port}`,
  };

  await createDatabase(state.database);
  saveState(state);

  mkdirSync(dirname(API_LOG), { recursive: true });
  const log = openSync(API_LOG, 'w');
  // The API and the worker share one configuration: same database, Redis prefix and queues.
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DB_HOST: DB.host,
    DB_PORT: String(DB.port),
    DB_USER: DB.user,
    DB_PASSWORD: DB.password,
    DB_NAME: state.database,
    REDIS_URL,
    REDIS_PREFIX: state.redisPrefix,
    WEB_DIST_DIR: WEB_DIST,
    SEED_DEMO: 'true',
    // The demo's keys are sealed under a key-encryption key of this run's own.
    SIGNING_KEK: randomBytes(32).toString('base64'),
    NODE_ENV: 'production',
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'warn',
    SIGNING_PLUGIN_URL: `ws://127.0.0.1:${pluginPort}`,
  };
  const api = spawn(process.execPath, API_ARGS, { cwd: WORKSPACE_ROOT, stdio: ['ignore', log, log], env: environment });
  closeSync(log);
  let exit: string | null = null;
  api.on('exit', (code, signal) => (exit = `code ${code}, signal ${signal}`));
  // The runner must not wait for the API to exit on its own: teardown stops it.
  api.unref();
  state.apiPid = api.pid ?? null;
  saveState(state);

  try {
    await waitForHealth(state.baseUrl, () => exit);
  } catch (error) {
    await tearDown(state);
    throw new Error(`[e2e] ${(error as Error).message}\n--- ${API_LOG} ---\n${logTail()}`);
  }

  // The worker relays the outbox to the queues and delivers notifications (in the app, live
  // over SSE, and by e-mail when SMTP is configured). Started once the API has migrated the
  // database; without it, dispatches work but nobody is notified.
  if (FROM_SOURCE || existsSync(WORKER_MAIN)) {
    const workerLog = openSync(WORKER_LOG, 'w');
    const worker = spawn(process.execPath, WORKER_ARGS, { cwd: WORKSPACE_ROOT, stdio: ['ignore', workerLog, workerLog], env: environment });
    closeSync(workerLog);
    worker.unref();
    state.workerPid = worker.pid ?? null;
    saveState(state);
  } else {
    console.warn(`[e2e] ${WORKER_MAIN} is missing (npx nx build worker): no notifications in this run`);
  }

  process.env[BASE_URL_ENV] = state.baseUrl;
  process.env[PLUGIN_PORT_ENV] = String(pluginPort);
  console.log(`[e2e] API and web app at ${state.baseUrl} (database ${state.database})`);
}
