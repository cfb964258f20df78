import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { InsufficientStorage } from '@vanthu/server/core';

/**
 * Content-addressed file storage: a file is stored once under its SHA-256 and never changed.
 * A new version of a document is a new file. An S3-compatible store implements the same calls
 * (key = the hash), so nothing above this interface knows where bytes live.
 */
export abstract class FileStorage {
  /**
   * Stores the bytes (if not already there) and returns their SHA-256, hex. Throws
   * {@link InsufficientStorage} when the store is full, leaving nothing behind.
   */
  abstract put(bytes: Buffer): Promise<string>;
  /** The bytes stored under a hash; throws when missing. */
  abstract get(sha256: string): Promise<Buffer>;
  abstract exists(sha256: string): Promise<boolean>;
  /** Removes a stored file (only for files no record refers to). */
  abstract remove(sha256: string): Promise<void>;
  /**
   * Deletes files last written before `olderThan` that `referenced` does not claim (the bytes of an
   * upload whose transaction never committed), and leftovers of interrupted writes.
   */
  abstract sweep(referenced: (sha256s: string[]) => Promise<Set<string>>, olderThan: Date): Promise<{ removed: number }>;
}

const HASH = /^[0-9a-f]{64}$/;
const TEMPORARY = /^[0-9a-f]{64}\.[0-9a-f]{12}\.tmp$/;
// A full disk (ENOSPC) or a user's quota (EDQUOT).
const FULL = new Set(['ENOSPC', 'EDQUOT']);

/** {@link FileStorage} on a local folder: `ab/cd/abcd…` (two levels keep folders small). */
export class LocalFileStorage extends FileStorage {
  constructor(private readonly root: string) {
    super();
  }

  pathOf(sha256: string): string {
    if (!HASH.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha256);
    if (await this.exists(sha256)) {
      // Used again: the sweep measures age from the last use, so these bytes are not taken for an orphan.
      const now = new Date();
      await utimes(path, now, now).catch(() => undefined);
      return sha256;
    }
    // Write aside, then rename: a reader never sees half a file, and concurrent writers of the
    // same content both end with the same complete file.
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      if (FULL.has((error as NodeJS.ErrnoException).code ?? '')) throw new InsufficientStorage();
      throw error;
    }
    return sha256;
  }

  async get(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await stat(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async remove(sha256: string): Promise<void> {
    await unlink(this.pathOf(sha256)).catch(() => undefined);
  }

  async sweep(referenced: (sha256s: string[]) => Promise<Set<string>>, olderThan: Date): Promise<{ removed: number }> {
    let removed = 0;
    const old: Array<{ sha256: string; path: string }> = [];
    const flush = async () => {
      const keep = await referenced(old.map((f) => f.sha256));
      for (const file of old) {
        if (keep.has(file.sha256)) continue;
        // Checked again just before: bytes used again meanwhile (put() touches them) stay.
        const current = await stat(file.path).catch(() => null);
        if (!current || current.mtime >= olderThan) continue;
        await unlink(file.path).catch(() => undefined);
        removed += 1;
      }
      old.length = 0;
    };
    for (const first of await subfolders(this.root)) {
      for (const second of await subfolders(join(this.root, first))) {
        const folder = join(this.root, first, second);
        for (const name of await readdir(folder).catch(() => [] as string[])) {
          const path = join(folder, name);
          const info = await stat(path).catch(() => null);
          if (!info?.isFile() || info.mtime >= olderThan) continue;
          if (TEMPORARY.test(name)) {
            await unlink(path).catch(() => undefined);
            removed += 1;
          } else if (HASH.test(name)) {
            old.push({ sha256: name, path });
            if (old.length >= 500) await flush();
          }
        }
      }
    }
    await flush();
    return { removed };
  }
}

async function subfolders(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name)).map((e) => e.name);
}

/**
 * Every column that holds the hash of a stored file. The retention job deletes stored files that
 * none of these names (after a grace period): a table that keeps files must be listed here.
 */
export const STORED_FILE_REFERENCES: ReadonlyArray<{ table: string; column: string }> = [
  { table: 'document_file', column: 'sha256' },
  { table: 'signing_preparation', column: 'prepared_sha256' },
  // edXML packets received and sent (libs/server/exchange) are kept as they crossed the border.
  { table: 'exchange_packet', column: 'sha256' },
  // Files attached to comments and results (libs/server/records).
  { table: 'document_comment_file', column: 'sha256' },
];
