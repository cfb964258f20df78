import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
});
