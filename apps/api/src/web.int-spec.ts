import { execFileSync } from 'node:child_process';
import { Agent, get as httpGet } from 'node:http';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { httpRequest } from '@vanthu/server/testing';

import { startTestApp, TestApp } from '../test/harness';

const WEB_PUBLIC = resolve(__dirname, '../../web/public');

describe('the API serves the built web app at /', () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-web-'));

  beforeAll(async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="vi"><title>VănThư</title></html>');
    writeFileSync(join(dir, 'main-RH26SFYZ.js'), 'console.log(1)');
    // A chunk big enough to be worth compressing, precompressed by the build's own script.
    writeFileSync(join(dir, 'chunk-ABCDEFGH.js'), BIG_CHUNK);
    // The web app's own manifest and icons, as the build copies them from apps/web/public.
    for (const name of ['manifest.webmanifest', 'icon-192.png', 'icon-512.png']) copyFileSync(join(WEB_PUBLIC, name), join(dir, name));
    execFileSync(process.execPath, [resolve(__dirname, '../../../tools/scripts/precompress.js'), dir], { stdio: 'pipe' });
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

  it('serves the web app manifest (installable on a phone) as application/manifest+json, with its icons as PNG', async () => {
    for (const encoding of ['gzip, deflate, br', 'identity']) {
      const response = await httpRequest(`${t.url}/manifest.webmanifest`, { headers: { 'accept-encoding': encoding } });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/manifest\+json/);
    }
    const manifest = (await httpRequest(`${t.url}/manifest.webmanifest`, { headers: { 'accept-encoding': 'identity' } })).body.toString('utf8');
    const parsed = JSON.parse(manifest) as { short_name: string; lang: string; theme_color: string; start_url: string; display: string; icons: { src: string; sizes: string; type: string }[] };
    expect(parsed).toMatchObject({ short_name: 'VănThư', lang: 'vi', start_url: '/', display: 'standalone', theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i) });
    expect(parsed.icons.map((i) => i.sizes).sort()).toEqual(['192x192', '512x512']);
    for (const icon of parsed.icons) {
      const png = await httpRequest(`${t.url}/${icon.src}`, { headers: {} });
      expect(png.headers['content-type']).toBe('image/png');
      // PNG signature, then the IHDR chunk's width and height.
      expect(png.body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(`${png.body.readUInt32BE(16)}x${png.body.readUInt32BE(20)}`).toBe(icon.sizes);
    }
    // The page links it, with the same theme colour for the phone's address bar.
    const index = readFileSync(resolve(__dirname, '../../web/src/index.html'), 'utf8');
    expect(index).toContain('<link rel="manifest" href="manifest.webmanifest" />');
    expect(index).toContain(`<meta name="theme-color" content="${parsed.theme_color}" />`);
  });

  it('caches content-hashed assets for a year', async () => {
    const response = await t.anonymous().get('/main-RH26SFYZ.js').expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the precompressed brotli or gzip copy of a file to a browser that accepts it, the plain file otherwise', async () => {
    const br = await httpRequest(`${t.url}/chunk-ABCDEFGH.js`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(BIG_CHUNK.length / 5);
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(BIG_CHUNK);

    const gz = await httpRequest(`${t.url}/chunk-ABCDEFGH.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(BIG_CHUNK);

    const plain = await httpRequest(`${t.url}/chunk-ABCDEFGH.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(BIG_CHUNK);
  });

  it('compresses JSON answers for clients that accept it', async () => {
    const compressed = await httpRequest(`${t.url}/api/docs-json`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(compressed.status).toBe(200);
    expect(compressed.headers['content-encoding']).toBe('br');
    const json = JSON.parse(brotliDecompressSync(compressed.body).toString('utf8'));
    expect(json.info.title).toBe('VănThư API');
    const plain = await httpRequest(`${t.url}/api/docs-json`, { headers: {} });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(compressed.body.length).toBeLessThan(plain.body.length / 3);
  });

  it('keeps an idle connection open longer than nginx keeps its own (so nginx never sends on one Node is closing)', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; reused: boolean }>((resolveGet, reject) => {
        const request = httpGet(`${t.url}/api/health`, { agent }, (response) => {
          response.resume();
          response.on('end', () => resolveGet({ status: response.statusCode ?? 0, reused: request.reusedSocket }));
        });
        request.on('error', reject);
      });
    try {
      expect((await get()).reused).toBe(false);
      // Node's default closes an idle connection after 5 s.
      await new Promise((resolveWait) => setTimeout(resolveWait, 6_000));
      expect(await get()).toEqual({ status: expect.any(Number), reused: true });
    } finally {
      agent.destroy();
    }
  });

  it('keeps unknown /api paths as JSON errors, not the app', async () => {
    const response = await t.anonymous().get('/api/khong-co').expect(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });
});

const BIG_CHUNK = Array.from({ length: 2000 }, (_, i) => `export const văn_bản_${i} = { số: ${i}, ký_hiệu: "KH-UBND", trích_yếu: "Kế hoạch số ${i}" };`).join('\n');
