import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { LocalFileStorage } from './file-storage';

describe('LocalFileStorage', () => {
  const root = mkdtempSync(join(tmpdir(), 'vanthu-files-'));
  const storage = new LocalFileStorage(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stores bytes once under their SHA-256 and reads them back', async () => {
    const bytes = Buffer.from('%PDF-1.7 Kế hoạch');
    const expected = createHash('sha256').update(bytes).digest('hex');
    const [a, b] = await Promise.all([storage.put(bytes), storage.put(Buffer.from(bytes))]);
    expect(a).toBe(expected);
    expect(b).toBe(expected);
    expect((await storage.get(expected)).equals(bytes)).toBe(true);
    expect(readdirSync(join(root, expected.slice(0, 2), expected.slice(2, 4)))).toEqual([expected]);
  });

  it('refuses paths that are not a hash, so no caller can walk the file system', async () => {
    await expect(storage.get('../../etc/passwd')).rejects.toThrow('Not a SHA-256');
    expect(await storage.exists('0'.repeat(64))).toBe(false);
  });

  it('removes a stored file', async () => {
    const sha = await storage.put(Buffer.from('temporary'));
    await storage.remove(sha);
    expect(await storage.exists(sha)).toBe(false);
  });

  it('answers a full disk with a 507 error and leaves no half-written file behind', async () => {
    jest.resetModules();
    jest.doMock('node:fs/promises', () => {
      const real = jest.requireActual('node:fs/promises');
      return {
        ...real,
        // The disk fills up in the middle of the write: ten bytes land, then ENOSPC.
        writeFile: async (path: string, bytes: Buffer, options: object) => {
          await real.writeFile(path, bytes.subarray(0, 10), options);
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
      };
    });
    try {
      const { LocalFileStorage: OnAFullDisk } = await import('./file-storage');
      const full = mkdtempSync(join(tmpdir(), 'vanthu-full-'));
      try {
        const bytes = Buffer.from('%PDF-1.7 a file that does not fit');
        await expect(new OnAFullDisk(full).put(bytes)).rejects.toMatchObject({ status: 507, code: 'INSUFFICIENT_STORAGE' });
        const sha = createHash('sha256').update(bytes).digest('hex');
        expect(readdirSync(join(full, sha.slice(0, 2), sha.slice(2, 4)))).toEqual([]);
      } finally {
        rmSync(full, { recursive: true, force: true });
      }
    } finally {
      jest.dontMock('node:fs/promises');
      jest.resetModules();
    }
  });

  it('sweeps old files no record refers to and leftovers of interrupted writes, nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vanthu-sweep-'));
    try {
      const store = new LocalFileStorage(dir);
      const kept = await store.put(Buffer.from('referenced'));
      const orphan = await store.put(Buffer.from('orphan'));
      const fresh = await store.put(Buffer.from('orphan, but just written'));
      const leftover = `${store.pathOf(orphan)}.0123456789ab.tmp`;
      writeFileSync(leftover, 'half');
      const day = new Date(Date.now() - 24 * 3600_000);
      for (const path of [store.pathOf(kept), store.pathOf(orphan), leftover]) utimesSync(path, day, day);
      const asked: string[] = [];
      const result = await store.sweep(async (hashes) => {
        asked.push(...hashes);
        return new Set(hashes.filter((h) => h === kept));
      }, new Date(Date.now() - 3600_000));
      expect(result).toEqual({ removed: 2 });
      expect(asked.sort()).toEqual([kept, orphan].sort());
      expect(await store.exists(kept)).toBe(true);
      expect(await store.exists(orphan)).toBe(false);
      expect(await store.exists(fresh)).toBe(true);
      expect(existsSync(leftover)).toBe(false);
      // Bytes stored again are used again: put() makes them young, and the sweep leaves them.
      utimesSync(store.pathOf(kept), day, day);
      await store.put(Buffer.from('referenced'));
      expect((await store.sweep(async () => new Set(), new Date(Date.now() - 3600_000))).removed).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
