import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Content-addressed file storage: a file is stored once under its SHA-256 and never changed.
 * A new version of a document is a new file. An S3-compatible store implements the same four
 * calls (key = the hash), so nothing above this interface knows where bytes live.
 */
export abstract class FileStorage {
  /** Stores the bytes (if not already there) and returns their SHA-256, hex. */
  abstract put(bytes: Buffer): Promise<string>;
  /** The bytes stored under a hash; throws when missing. */
  abstract get(sha256: string): Promise<Buffer>;
  abstract exists(sha256: string): Promise<boolean>;
  /** Removes a stored file (only for files no record refers to). */
  abstract remove(sha256: string): Promise<void>;
}

const HASH = /^[0-9a-f]{64}$/;

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
    if (await this.exists(sha256)) return sha256;
    await mkdir(dirname(path), { recursive: true });
    // Write aside, then rename: a reader never sees half a file, and concurrent writers of the
    // same content both end with the same complete file.
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, path);
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
}
