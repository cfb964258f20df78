import { test as base } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { BASE_URL_ENV } from './harness';

export { expect } from '@playwright/test';

/** Where tests leave screenshots for people to look at (ignored by git). */
export const SCREENSHOT_DIR = resolve(__dirname, '..', 'screenshots');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

/** Playwright's `test`, pointed at the app that global setup started. */
export const test = base.extend({
  // Playwright needs the destructuring pattern even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    const baseUrl = process.env[BASE_URL_ENV];
    if (!baseUrl) throw new Error(`${BASE_URL_ENV} is not set: run through playwright.config.ts so that global setup starts the API`);
    await use(baseUrl);
  },
});

/** A demo login: every demo account has this password (tools' seed, README). */
export const DEMO_PASSWORD = 'Demo@123';

/** Options for a full-page screenshot saved as e2e/screenshots/<name>.png, taken with transitions finished. */
export function screenshotOf(name: string): { path: string; fullPage: true; animations: 'disabled' } {
  return { path: resolve(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' };
}
