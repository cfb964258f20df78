import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The repository root, whatever directory Playwright was started from. */
export const WORKSPACE_ROOT = resolve(__dirname, '..', '..');
export const API_MAIN = resolve(WORKSPACE_ROOT, 'dist/apps/api/main.js');
export const WORKER_MAIN = resolve(WORKSPACE_ROOT, 'dist/apps/worker/main.js');
export const WORKER_LOG = resolve(WORKSPACE_ROOT, 'tmp/e2e-worker.log');
export const WEB_DIST = resolve(WORKSPACE_ROOT, 'dist/apps/web/browser');
export const API_LOG = resolve(WORKSPACE_ROOT, 'tmp/e2e-api.log');
const STATE_FILE = resolve(WORKSPACE_ROOT, 'tmp/e2e-state.json');

/** Environment variable through which the tests learn the app's URL. */
export const BASE_URL_ENV = 'E2E_BASE_URL';

/**
 * Environment variable through which the tests learn where the stand-in VGCA Sign Service must
 * listen (the API hands `ws://127.0.0.1:<port>` to the browser as SIGNING_PLUGIN_URL).
 */
export const PLUGIN_PORT_ENV = 'E2E_PLUGIN_PORT';

/** What global setup started, so that global teardown can stop it even in another process. */
export interface HarnessState {
  apiPid: number | null;
  /** The notification worker (outbox relay, in-app and e-mail delivery), when it was built. */
  workerPid?: number | null;
  database: string;
  redisPrefix: string;
  baseUrl: string;
}

export const DB = { host: '127.0.0.1', port: 3306, user: 'root', password: '' } as const;
export const REDIS_URL = 'redis://127.0.0.1:6379';

export function saveState(state: HarnessState): void {
  mkdirSync(dirname(STATE_FILE), { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

export function loadState(): HarnessState | null {
  return existsSync(STATE_FILE) ? (JSON.parse(readFileSync(STATE_FILE, 'utf8')) as HarnessState) : null;
}

export function clearState(): void {
  rmSync(STATE_FILE, { force: true });
}
