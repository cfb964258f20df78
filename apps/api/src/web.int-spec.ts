import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startTestApp, TestApp } from '../test/harness';

describe('the API serves the built web app at /', () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-web-'));

  beforeAll(async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="vi"><title>VănThư</title></html>');
    writeFileSync(join(dir, 'main-RH26SFYZ.js'), 'console.log(1)');
    t = await startTestApp('web', { seed: false, env: { WEB_DIST_DIR: dir } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes, never cached', async () => {
    for (const path of ['/', '/van-ban-den/12', '/login']) {
      const response = await t.anonymous().get(path).expect(200);
      expect(response.text).toContain('<title>VănThư</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('caches content-hashed assets for a year', async () => {
    const response = await t.anonymous().get('/main-RH26SFYZ.js').expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps unknown /api paths as JSON errors, not the app', async () => {
    const response = await t.anonymous().get('/api/khong-co').expect(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });
});
