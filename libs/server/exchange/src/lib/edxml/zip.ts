import { crc32, deflateRawSync } from 'node:zlib';

import { ArchiveRefused, UnzippedEntry, unzipBounded as unzipWithinLimits } from '@vanthu/server/core';

import { refuse } from './errors';
import { PacketLimits } from './model';

/**
 * The little of ZIP (PKWARE APPNOTE 6.3) an edXML attachment needs: writing one or a few deflated
 * files, and reading them back within the packet's limits.
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
/** General-purpose flag bit 11: names are UTF-8 (Vietnamese file names). */
const UTF8_NAMES = 0x0800;

export interface ZipEntry {
  name: string;
  bytes: Buffer;
}

/** Whether bytes begin like a zip archive (a local file header, or an empty archive). */
export function looksLikeZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && (bytes.readUInt32LE(0) === LOCAL_HEADER || bytes.readUInt32LE(0) === END_OF_CENTRAL);
}

/** A zip of the files, each deflated, names in UTF-8. */
export function zipFiles(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = deflateRawSync(entry.bytes);
    const crc = crc32(entry.bytes);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 10); // time and date: 1980-01-01, as the content alone identifies a file
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.bytes.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    // Made by Unix (3): readers such as Info-ZIP's then take the name as it is (UTF-8, bit 11)
    // instead of converting it from the DOS code page, which garbles Vietnamese file names.
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(entry.bytes.length, 24);
    central.writeUInt16LE(name.length, 28);
    // A regular file, rw-r--r--, as a Unix-made entry says in its external attributes.
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A file name without folders or control characters (a zip entry may say `../../etc/x`). */
export function safeFileName(name: string, fallback: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/\p{Cc}/gu, '').trim().normalize('NFC');
  return (base || fallback).slice(-255);
}

/**
 * The files of a zip, each at most `limits.maxFileBytes` unzipped and at most `limits.maxRatio`
 * times its compressed size, together at most `budget` bytes; folders are skipped. The reading is
 * server-core's bounded unzip (one reader for every archive from outside); its refusals are
 * worded here as the packet's.
 */
export function unzipBounded(zip: Buffer, archiveName: string, limits: PacketLimits, budget: { remaining: number }): ZipEntry[] {
  let entries: UnzippedEntry[];
  try {
    // No floor under the ratio: an edXML attachment is a document, never kilobytes of one repeated byte.
    entries = unzipWithinLimits(zip, { maxEntries: limits.maxFiles, maxEntryBytes: limits.maxFileBytes, maxTotalBytes: budget.remaining, maxRatio: limits.maxRatio, ratioFloorBytes: 0 });
  } catch (error) {
    if (!(error instanceof ArchiveRefused)) throw error;
    const file = safeFileName(error.entry ?? '', archiveName);
    switch (error.rule) {
      case 'ratio':
        throw refuse.bomb(file);
      case 'entry-too-large':
        throw refuse.tooLarge({ vi: `Tệp "${file}" sau khi giải nén`, en: `The unzipped file "${file}"` }, limits.maxFileBytes);
      case 'total-too-large':
        throw refuse.tooLarge({ vi: 'Tổng dung lượng các tệp sau khi giải nén', en: 'The packet’s unzipped files together' }, limits.maxTotalBytes);
      case 'too-many-entries':
        throw refuse.tooManyFiles(limits.maxFiles);
      default:
        throw refuse.badAttachment(archiveName, { vi: error.why.vi.replace(/\.$/, ''), en: error.why.en.replace(/\.$/, '') });
    }
  }
  const files = entries.filter((e) => !e.name.endsWith('/')).map((e) => ({ name: safeFileName(e.name, archiveName), bytes: e.data }));
  budget.remaining -= files.reduce((sum, f) => sum + f.bytes.length, 0);
  return files;
}
