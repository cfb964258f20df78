import { deflateRawSync, inflateRawSync } from 'node:zlib';

import { LocalizedText } from '@vanthu/shared/contracts';

import { refuse } from './errors';
import { PacketLimits } from './model';

/**
 * The little of ZIP (PKWARE APPNOTE 6.3) an edXML attachment needs: one or a few files, stored or
 * deflated. Reading is bounded: every entry is inflated with a cap on its output (node:zlib's
 * `maxOutputLength`), its ratio to the compressed size is checked and the packet's total is
 * counted, so a zip bomb is refused after at most the limit of work, never unpacked.
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
/** General-purpose flag bit 11: names are UTF-8 (Vietnamese file names). */
const UTF8_NAMES = 0x0800;
const ENCRYPTED = 0x0001;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

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
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(entry.bytes.length, 24);
    central.writeUInt16LE(name.length, 28);
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

const DAMAGED: LocalizedText = { vi: 'tệp nén bị hỏng', en: 'the zip file is damaged' };

/** A file name without folders or control characters (a zip entry may say `../../etc/x`). */
export function safeFileName(name: string, fallback: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/\p{Cc}/gu, '').trim().normalize('NFC');
  return (base || fallback).slice(-255);
}

/**
 * The files of a zip, each at most `limits.maxFileBytes` unzipped and at most `limits.maxRatio`
 * times its compressed size, together at most `budget` bytes; folders are skipped. Refuses
 * encrypted entries, methods other than stored and deflate, and entries whose CRC does not match.
 */
export function unzipBounded(zip: Buffer, archiveName: string, limits: PacketLimits, budget: { remaining: number }): ZipEntry[] {
  const bad = (why: LocalizedText = DAMAGED) => refuse.badAttachment(archiveName, why);
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL) {
      end = i;
      break;
    }
  }
  if (end < 0) throw bad();
  const count = zip.readUInt16LE(end + 10);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (count > limits.maxFiles) throw refuse.tooManyFiles(limits.maxFiles);
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_HEADER) throw bad();
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const declaredSize = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    if (at + 46 + nameLength > zip.length) throw bad();
    const rawName = zip.subarray(at + 46, at + 46 + nameLength);
    const name = flags & UTF8_NAMES ? rawName.toString('utf8') : rawName.toString('latin1');
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (flags & ENCRYPTED) throw bad({ vi: 'tệp nén có mật khẩu', en: 'the zip is password-protected' });
    if (method !== 0 && method !== 8) throw bad({ vi: `kiểu nén ${method} không được hỗ trợ`, en: `compression method ${method} is not supported` });
    // ZIP64 (sizes of 0xFFFFFFFF) would mean files beyond 4 GB: far past any limit.
    if (declaredSize > limits.maxFileBytes || declaredSize === 0xffffffff) throw refuse.tooLarge({ vi: `Tệp "${safeFileName(name, archiveName)}" sau khi giải nén`, en: `The unzipped file "${safeFileName(name, archiveName)}"` }, limits.maxFileBytes);
    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_HEADER) throw bad();
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > zip.length) throw bad();
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    const cap = Math.min(limits.maxFileBytes, budget.remaining, Math.max(compressedSize, 1) * limits.maxRatio);
    let bytes: Buffer;
    if (method === 0) {
      bytes = Buffer.from(data);
    } else {
      try {
        bytes = inflateRawSync(data, { maxOutputLength: cap + 1 });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw tooMuch(name, archiveName, limits, budget, compressedSize);
        throw bad();
      }
    }
    if (bytes.length > cap) throw tooMuch(name, archiveName, limits, budget, compressedSize);
    if (crc32(bytes) !== crc) throw bad({ vi: 'mã kiểm tra CRC không khớp', en: 'its CRC does not match' });
    budget.remaining -= bytes.length;
    entries.push({ name: safeFileName(name, archiveName), bytes });
    if (entries.length > limits.maxFiles) throw refuse.tooManyFiles(limits.maxFiles);
  }
  return entries;
}

/** Which limit an entry that inflated past its cap broke: the ratio (a bomb), the file, or the packet's total. */
function tooMuch(name: string, archiveName: string, limits: PacketLimits, budget: { remaining: number }, compressedSize: number) {
  const ratioCap = Math.max(compressedSize, 1) * limits.maxRatio;
  if (ratioCap <= limits.maxFileBytes && ratioCap <= budget.remaining) return refuse.bomb(safeFileName(name, archiveName));
  if (limits.maxFileBytes <= budget.remaining) {
    return refuse.tooLarge({ vi: `Tệp "${safeFileName(name, archiveName)}" sau khi giải nén`, en: `The unzipped file "${safeFileName(name, archiveName)}"` }, limits.maxFileBytes);
  }
  return refuse.tooLarge({ vi: 'Tổng dung lượng các tệp sau khi giải nén', en: 'The packet’s unzipped files together' }, limits.maxTotalBytes);
}
