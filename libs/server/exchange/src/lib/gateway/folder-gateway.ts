import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { ExchangeGateway, OutgoingPacket, packetFileName } from './gateway';

/** The folders of the folder adapter: `inbox/` and, beside the packets, `processing/`, `done/`, `rejected/`. */
export class PacketFolders {
  constructor(readonly inbox: string) {}

  get processing(): string {
    return join(this.inbox, 'processing');
  }
  get done(): string {
    return join(this.inbox, 'done');
  }
  get rejected(): string {
    return join(this.inbox, 'rejected');
  }

  async ensure(): Promise<void> {
    for (const dir of [this.inbox, this.processing, this.done, this.rejected]) await mkdir(dir, { recursive: true });
  }

  /**
   * Takes the packets waiting in the inbox: each `*.xml` is renamed into `processing/` (atomic on
   * one file system), so that of several workers exactly one takes a file. Returns the names taken.
   * Senders must write a packet aside and rename it into the inbox, as {@link FolderGateway} does.
   */
  async claim(): Promise<string[]> {
    await this.ensure();
    const taken: string[] = [];
    for (const name of await readdir(this.inbox)) {
      if (!name.endsWith('.xml')) continue;
      try {
        await rename(join(this.inbox, name), join(this.processing, name));
        taken.push(name);
      } catch {
        // Another worker took it first.
      }
    }
    return taken;
  }

  /** Files in `processing/` older than `ageMs`: taken by a worker that stopped before finishing. */
  async stale(ageMs: number): Promise<string[]> {
    await this.ensure();
    const now = Date.now();
    const names: string[] = [];
    for (const name of await readdir(this.processing)) {
      if (!name.endsWith('.xml')) continue;
      const info = await stat(join(this.processing, name)).catch(() => null);
      if (info && now - info.mtimeMs >= ageMs) names.push(name);
    }
    return names;
  }

  read(name: string): Promise<Buffer | null> {
    return readFile(join(this.processing, name)).catch(() => null);
  }

  /** Acknowledged: only after the packet's transaction committed. */
  async markDone(name: string): Promise<void> {
    await rename(join(this.processing, name), join(this.done, name)).catch(() => undefined);
  }

  /** Refused: the packet and a reason file beside it, in both languages (each appears whole: written aside, then renamed). */
  async markRejected(name: string, reason: { code: string; vi: string; en: string }): Promise<void> {
    const temporary = join(this.rejected, `.${name}.${randomBytes(6).toString('hex')}.part`);
    await writeFile(temporary, `${reason.code}\nvi: ${reason.vi}\nen: ${reason.en}\n`, 'utf8');
    await rename(temporary, join(this.rejected, `${name}.reason.txt`));
    await rename(join(this.processing, name), join(this.rejected, name)).catch(() => undefined);
  }
}

/** Folder adapter, sending side: each packet written aside, then renamed into the outbox folder. */
export class FolderGateway extends ExchangeGateway {
  readonly name = 'folder';

  constructor(private readonly outbox: string) {
    super();
  }

  async send(packet: OutgoingPacket): Promise<void> {
    await mkdir(this.outbox, { recursive: true });
    const name = packetFileName(packet);
    // A name that does not end in .xml, so that a reader of the folder never takes half a file.
    const temporary = join(this.outbox, `.${name}.${randomBytes(6).toString('hex')}.part`);
    await writeFile(temporary, packet.bytes, { flag: 'wx' });
    await rename(temporary, join(this.outbox, name));
  }
}
