import { crc32, inflateRawSync } from 'node:zlib';

import { ErrorCode, LocalizedText } from '@vanthu/shared/contracts';

import { DomainError } from './domain-error';

/** How much an archive from outside (an edXML packet's attachments) may hold once unpacked. */
export interface UnzipLimits {
  maxEntries: number;
  /** Largest entry once inflated, in bytes. */
  maxEntryBytes: number;
  /** All entries together once inflated, in bytes. */
  maxTotalBytes: number;
  /** Largest expansion of one entry (inflated : compressed) once it passes `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_UNZIP_LIMITS: Readonly<UnzipLimits> = {
  maxEntries: 1000,
  maxEntryBytes: 64 * MiB,
  maxTotalBytes: 256 * MiB,
  maxRatio: 200,
  ratioFloorBytes: 4 * MiB,
};

/** One file of an archive: its path inside it (with `/`) and its bytes. */
export interface UnzippedEntry {
  name: string;
  data: Buffer;
}

/** Which rule an archive broke: a caller with its own words (the edXML exchange) words it itself. */
export type ArchiveRefusal =
  | 'malformed'
  | 'zip64'
  | 'too-many-entries'
  | 'encrypted'
  | 'bad-path'
  | 'duplicate'
  | 'method'
  | 'entry-too-large'
  | 'total-too-large'
  | 'ratio';

/** An archive that is malformed, or would unpack into more than the limits allow. */
export class ArchiveRefused extends DomainError {
  constructor(
    readonly rule: ArchiveRefusal,
    /** Why, as a clause ("it is malformed (…)"), in both languages. */
    readonly why: LocalizedText,
    /** The entry at fault, when one is. */
    readonly entry: string | null = null,
  ) {
    super(422, ErrorCode.ArchiveRefused, {
      vi: `Tệp nén không được nhận: ${why.vi}`,
      en: `The archive is refused: ${why.en}`,
    });
  }
}

const malformed = (vi: string, en: string, entry: string | null = null) => new ArchiveRefused('malformed', { vi: `tệp nén bị hỏng (${vi}).`, en: `it is malformed (${en}).` }, entry);
const mb = (bytes: number) => `${Math.round(bytes / MiB)} MB`;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Unpacks a ZIP archive in memory within limits: entry count, each entry's and the total
 * inflated size, and the expansion ratio. Inflation stops at the limit (never more is produced),
 * each entry's size and CRC-32 must match what the archive says, and paths that would leave a
 * folder (`..`, absolute, drive letters, backslashes), duplicates, encryption, ZIP64 and methods
 * other than stored and deflate are refused. Throws {@link ArchiveRefused}.
 */
export function unzipBounded(zip: Buffer, limits: Readonly<UnzipLimits> = DEFAULT_UNZIP_LIMITS): UnzippedEntry[] {
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 kB.
  let eocd = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw malformed('không tìm thấy danh mục tệp', 'no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  const centralSize = zip.readUInt32LE(eocd + 12);
  const centralOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || centralOffset === 0xffffffff) throw new ArchiveRefused('zip64', { vi: 'định dạng ZIP64 không được hỗ trợ.', en: 'ZIP64 archives are not supported.' });
  if (count > limits.maxEntries) {
    throw new ArchiveRefused('too-many-entries', { vi: `có ${count} tệp, nhiều hơn mức cho phép (${limits.maxEntries}).`, en: `it holds ${count} files, more than the ${limits.maxEntries} allowed.` });
  }
  if (centralOffset + centralSize > eocd) throw malformed('danh mục tệp nằm ngoài tệp', 'central directory out of bounds');

  const entries: UnzippedEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let at = centralOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw malformed('mục danh mục hỏng', 'bad central directory entry');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x1) throw new ArchiveRefused('encrypted', { vi: `tệp “${name}” được mã hóa.`, en: `“${name}” is encrypted.` }, name);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      throw new ArchiveRefused('zip64', { vi: 'định dạng ZIP64 không được hỗ trợ.', en: 'ZIP64 archives are not supported.' }, name);
    }
    if (!name || /(^|[\\/])\.\.([\\/]|$)/.test(name) || /^([\\/]|[A-Za-z]:)/.test(name) || name.includes('\\') || name.includes('\0')) {
      throw new ArchiveRefused('bad-path', { vi: `đường dẫn “${name}” không hợp lệ.`, en: `the path “${name}” is not allowed.` }, name);
    }
    if (names.has(name)) throw new ArchiveRefused('duplicate', { vi: `tệp “${name}” xuất hiện hai lần.`, en: `“${name}” appears twice.` }, name);
    names.add(name);
    if (name.endsWith('/')) continue;

    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL) throw malformed('phần đầu tệp hỏng', 'bad local header', name);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > zip.length) throw malformed('dữ liệu bị cắt cụt', 'truncated data', name);
    const compressed = zip.subarray(dataStart, dataStart + compressedSize);

    // What this entry may inflate to: its declared size, within the limits left.
    const bounds = { entry: limits.maxEntryBytes, total: limits.maxTotalBytes - total, ratio: Math.max(limits.ratioFloorBytes, compressedSize * limits.maxRatio) };
    const allowed = Math.min(bounds.entry, bounds.total, bounds.ratio);
    if (size > allowed) throw tooLarge(name, size, limits, bounds);
    let data: Buffer;
    if (method === 0) {
      data = compressed;
    } else if (method === 8) {
      try {
        // One byte more than declared: an entry that lies about its size is caught, not unpacked.
        data = inflateRawSync(compressed, { maxOutputLength: Math.max(1, Math.min(allowed, size + 1)) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
          // More than it declared: a lie about its size (a bomb hides this way), or past a limit.
          throw size + 1 <= allowed ? malformed(`“${name}” lớn hơn kích thước khai báo`, `“${name}” is larger than it declares`, name) : tooLarge(name, size + 1, limits, bounds);
        }
        throw malformed(`không giải nén được “${name}”`, `“${name}” does not inflate`, name);
      }
    } else {
      throw new ArchiveRefused('method', { vi: `tệp “${name}” dùng kiểu nén ${method} không được hỗ trợ.`, en: `“${name}” uses compression method ${method}, which is not supported.` }, name);
    }
    if (data.length !== size || crc32(data) !== crc) throw malformed(`“${name}” không khớp kích thước hoặc mã kiểm tra`, `“${name}” does not match its size or checksum`, name);
    total += data.length;
    entries.push({ name, data });
  }
  return entries;
}

/** Which bound an entry of `size` bytes breaks first: the archive's total, the expansion ratio (a bomb), or one entry's size. */
function tooLarge(name: string, size: number, limits: Readonly<UnzipLimits>, bounds: { entry: number; total: number; ratio: number }): ArchiveRefused {
  if (size > bounds.total && bounds.total <= bounds.entry && bounds.total <= bounds.ratio) {
    return new ArchiveRefused('total-too-large', { vi: `giải nén ra hơn ${mb(limits.maxTotalBytes)}.`, en: `it unpacks to more than ${mb(limits.maxTotalBytes)}.` }, name);
  }
  if (size > bounds.ratio && bounds.ratio < bounds.entry) {
    return new ArchiveRefused(
      'ratio',
      { vi: `tệp “${name}” nở ra quá nhiều so với kích thước nén (có thể là “bom nén”).`, en: `“${name}” unpacks to far more than its compressed size (possibly a compression bomb).` },
      name,
    );
  }
  return new ArchiveRefused('entry-too-large', { vi: `tệp “${name}” giải nén ra hơn ${mb(limits.maxEntryBytes)}.`, en: `“${name}” unpacks to more than ${mb(limits.maxEntryBytes)}.` }, name);
}
