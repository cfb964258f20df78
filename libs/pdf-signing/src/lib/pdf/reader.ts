import { DamagedPdfError, EncryptedPdfError, NotAPdfError, PdfSigningError, UnsupportedPdfError } from '../errors';
import { decodeStream, UnsupportedFilterError } from './filters';
import { DEFAULT_INFLATE_LIMITS, InflateBudget, InflateLimitError, InflateLimits } from './inflate';
import { PdfDict, PdfRef, PdfStream, PdfValue } from './objects';
import { PdfParser, PdfSyntaxError } from './parser';

/** Where an object lives: free (0), at a byte offset (1), or inside an object stream (2). */
export interface XrefEntry {
  type: 0 | 1 | 2;
  /** Type 1: byte offset. Type 2: the object stream's number. */
  offset: number;
  /** Type 1: generation. Type 2: index in the object stream. */
  gen: number;
}

/** One cross-reference section with its trailer, newest first in {@link PdfReader.sections}. */
export interface XrefSection {
  kind: 'table' | 'stream';
  /** Offset of the `xref` keyword or of the cross-reference stream object. */
  offset: number;
  trailer: PdfDict;
  /** A hybrid-reference file's /XRefStm (PDF 32000 §7.5.8.4), read with its table. */
  hybridStream?: XrefSection;
  lookup(num: number): XrefEntry | undefined;
  /** Every object number this section lists (free ones too). */
  numbers(): number[];
}

const digitsAt = (buf: Buffer, at: number, length: number): number => {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const c = buf[i] - 0x30;
    if (c < 0 || c > 9) return NaN;
    value = value * 10 + c;
  }
  return value;
};

interface Subsection {
  first: number;
  count: number;
  /** Offset of the first entry and the entry size (20 by the standard, 19 from some writers), or a map when irregular. */
  at: number;
  size: number;
  irregular?: Map<number, XrefEntry>;
}

/** A classic `xref` table: entries are fixed-width, so one is found by arithmetic, not by reading them all. */
function readTable(buf: Buffer, offset: number): XrefSection {
  const parser = new PdfParser(buf, offset);
  if (!parser.matchKeyword('xref')) throw new PdfSyntaxError('Expected xref', offset);
  const subsections: Subsection[] = [];
  for (;;) {
    parser.skipWhitespace();
    if (parser.matchKeyword('trailer')) break;
    const first = parser.readInteger();
    const count = parser.readInteger();
    if (first === null || count === null) throw new PdfSyntaxError('Bad xref subsection header', parser.pos);
    parser.skipWhitespace();
    const at = parser.pos;
    const entryIsRegular = (start: number, size: number) =>
      buf[start + 10] === 0x20 && buf[start + 16] === 0x20 && (buf[start + 17] === 0x6e || buf[start + 17] === 0x66) && !Number.isNaN(digitsAt(buf, start, 10)) && (size === 19 || buf[start + 18] === 0x20 || buf[start + 18] === 0x0d || buf[start + 18] === 0x0a);
    const size = buf[at + 18] === 0x0a || (buf[at + 18] === 0x0d && buf[at + 19] !== 0x0a) ? 19 : 20;
    if (count === 0) {
      subsections.push({ first, count, at, size });
      continue;
    }
    if (entryIsRegular(at, size) && entryIsRegular(at + (count - 1) * size, size)) {
      subsections.push({ first, count, at, size });
      parser.pos = at + count * size;
      continue;
    }
    // Irregular spacing: read entry by entry.
    const irregular = new Map<number, XrefEntry>();
    for (let i = 0; i < count; i++) {
      const entryOffset = parser.readInteger();
      const gen = parser.readInteger();
      const kind = parser.readToken();
      if (entryOffset === null || gen === null || (kind !== 'n' && kind !== 'f')) throw new PdfSyntaxError('Bad xref entry', parser.pos);
      irregular.set(first + i, { type: kind === 'n' ? 1 : 0, offset: entryOffset, gen });
    }
    subsections.push({ first, count, at, size, irregular });
  }
  const trailer = parser.parseValue();
  if (!(trailer instanceof PdfDict)) throw new PdfSyntaxError('Trailer is not a dictionary', parser.pos);
  return {
    kind: 'table',
    offset,
    trailer,
    lookup(num) {
      for (let s = subsections.length - 1; s >= 0; s--) {
        const sub = subsections[s];
        if (num < sub.first || num >= sub.first + sub.count) continue;
        if (sub.irregular) return sub.irregular.get(num);
        const at = sub.at + (num - sub.first) * sub.size;
        const entryOffset = digitsAt(buf, at, 10);
        const gen = digitsAt(buf, at + 11, 5);
        if (Number.isNaN(entryOffset) || Number.isNaN(gen)) return undefined;
        return { type: buf[at + 17] === 0x6e ? 1 : 0, offset: entryOffset, gen };
      }
      return undefined;
    },
    numbers() {
      return subsections.flatMap((sub) => Array.from({ length: sub.count }, (_, i) => sub.first + i));
    },
  };
}

const intOf = (value: PdfValue | undefined, fallback: number): number => (typeof value === 'number' && Number.isInteger(value) ? value : fallback);

/** A cross-reference stream (PDF 32000 §7.5.8): decoded once, then entries are read by row arithmetic. */
function readStreamSection(reader: PdfReader, offset: number): XrefSection {
  const object = reader.parseObjectAt(offset);
  if (!(object.value instanceof PdfStream) || object.value.dict.name('Type') !== 'XRef') throw new PdfSyntaxError('Expected a cross-reference stream', offset);
  const { dict: trailer } = object.value;
  const data = decodeStream(object.value, undefined, reader.inflateBudget);
  const widths = trailer.get('W');
  if (!Array.isArray(widths) || widths.length < 3) throw new PdfSyntaxError('Cross-reference stream without /W', offset);
  const [w0, w1, w2] = widths.map((w) => intOf(w, 0));
  const rowSize = w0 + w1 + w2;
  const indexValue = trailer.get('Index');
  const index = Array.isArray(indexValue) ? indexValue.map((v) => intOf(v, 0)) : [0, intOf(trailer.get('Size'), 0)];
  const field = (at: number, width: number, fallback: number) => {
    if (width === 0) return fallback;
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 256 + data[at + i];
    return value;
  };
  return {
    kind: 'stream',
    offset,
    trailer,
    lookup(num) {
      let row = 0;
      for (let i = 0; i + 1 < index.length; i += 2) {
        const [first, count] = [index[i], index[i + 1]];
        if (num >= first && num < first + count) {
          const at = (row + num - first) * rowSize;
          if (at + rowSize > data.length) return undefined;
          const type = field(at, w0, 1);
          if (type !== 0 && type !== 1 && type !== 2) return undefined;
          return { type, offset: field(at + w0, w1, 0), gen: field(at + w0 + w1, w2, 0) };
        }
        row += count;
      }
      return undefined;
    },
    numbers() {
      // Only the rows the decoded data holds: /Index may claim billions of entries in a small file.
      const out: number[] = [];
      let rowsLeft = rowSize > 0 ? Math.floor(data.length / rowSize) : 0;
      for (let i = 0; i + 1 < index.length && rowsLeft > 0; i += 2) {
        const count = Math.min(index[i + 1], rowsLeft);
        for (let n = 0; n < count; n++) out.push(index[i] + n);
        rowsLeft -= count;
      }
      return out;
    },
  };
}

/** A page as a signature needs it: where it is, its dictionary and its visible geometry. */
export interface PageInfo {
  ref: PdfRef;
  dict: PdfDict;
  /** CropBox (or MediaBox) normalised to [x0, y0, x1, y1] in user space. */
  box: [number, number, number, number];
  /** 0, 90, 180 or 270. */
  rotate: number;
}

/**
 * A PDF opened lazily: the header, the cross-reference chain and the trailers are read at
 * once; objects only when asked for (and then cached), object streams decoded on first use.
 */
export class PdfReader {
  /** Cross-reference sections, newest first. */
  readonly sections: XrefSection[] = [];
  readonly headerVersion: string;
  /** Offset of the newest cross-reference section (where `startxref` points, corrected for stray whitespace). */
  readonly startxref: number;
  private readonly objects = new Map<string, PdfValue>();
  private readonly objectStreams = new Map<number, { data: Buffer; offsets: Map<number, number>; numbers: number[] }>();

  /** Every stream this reader inflates draws on one budget (see {@link InflateLimits}). */
  readonly inflateBudget: InflateBudget;

  private constructor(
    readonly buf: Buffer,
    limits: Readonly<InflateLimits>,
  ) {
    this.inflateBudget = new InflateBudget(limits);
    const head = buf.toString('latin1', 0, Math.min(buf.length, 1024));
    const header = /%PDF-(\d\.\d)/.exec(head);
    if (!header) throw new NotAPdfError();
    this.headerVersion = header[1];
    this.startxref = this.readChain();
    for (const section of this.sections) if (section.trailer.has('Encrypt')) throw new EncryptedPdfError();
  }

  /**
   * Opens a PDF; throws {@link NotAPdfError}, {@link DamagedPdfError}, {@link EncryptedPdfError},
   * or {@link UnsupportedPdfError} when a stream it must read expands beyond `limits`.
   */
  static open(buf: Buffer, limits: Readonly<InflateLimits> = DEFAULT_INFLATE_LIMITS): PdfReader {
    try {
      return new PdfReader(buf, limits);
    } catch (error) {
      throw asTypedError(error);
    }
  }

  /** The newest trailer (or cross-reference stream dictionary). */
  get trailer(): PdfDict {
    return this.sections[0].trailer;
  }

  /** One more than the highest object number any section knows. */
  get size(): number {
    return Math.max(...this.sections.map((s) => intOf(s.trailer.get('Size'), 0)), ...this.sections.map((s) => intOf(s.hybridStream?.trailer.get('Size'), 0)));
  }

  private readChain(): number {
    const { buf } = this;
    const at = buf.lastIndexOf('startxref', buf.length, 'latin1');
    if (at < 0) throw new DamagedPdfError({ vi: '(tệp bị cắt cụt: không có startxref)', en: '(the file is truncated: no startxref)' });
    const eof = buf.indexOf('%%EOF', at, 'latin1');
    if (eof < 0) throw new DamagedPdfError({ vi: '(tệp bị cắt cụt: không có %%EOF)', en: '(the file is truncated: no %%EOF)' });
    // A little junk after %%EOF is common and harmless; kilobytes of it mean a broken or spliced file.
    const trailing = buf.subarray(eof + 5);
    if (trailing.length > 4096 && /[^\s\0]/.test(trailing.toString('latin1', 0, Math.min(trailing.length, 65536)))) {
      throw new DamagedPdfError({ vi: '(có dữ liệu lạ sau dấu kết thúc tệp)', en: '(unexpected data after the end-of-file marker)' });
    }
    const parser = new PdfParser(buf, at + 'startxref'.length);
    const first = parser.readInteger();
    if (first === null || first >= buf.length) throw new DamagedPdfError({ vi: '(startxref không hợp lệ)', en: '(invalid startxref)' });
    const newest = this.locateSection(first);
    const seen = new Set<number>();
    for (let offset: number | undefined = newest; offset !== undefined; ) {
      if (seen.has(offset) || seen.size > 4096) break;
      seen.add(offset);
      const section = this.readSection(offset);
      this.sections.push(section);
      const prev = section.trailer.get('Prev');
      offset = typeof prev === 'number' && prev >= 0 && prev < buf.length ? this.locateSection(prev) : undefined;
    }
    return newest;
  }

  /** The real start of a section near an offset: writers (e.g. @signpdf) sometimes point at the line break before it. */
  private locateSection(offset: number): number {
    const { buf } = this;
    const parser = new PdfParser(buf, offset);
    parser.skipWhitespace();
    const looksRight = (at: number) => buf.toString('latin1', at, at + 4) === 'xref' || /^\d+\s+\d+\s+obj/.test(buf.toString('latin1', at, at + 32));
    if (looksRight(parser.pos)) return parser.pos;
    for (let delta = 1; delta <= 64; delta++) {
      if (offset - delta >= 0 && looksRight(offset - delta)) return offset - delta;
      if (offset + delta < buf.length && looksRight(offset + delta)) return offset + delta;
    }
    throw new DamagedPdfError({ vi: '(không tìm thấy bảng tham chiếu chéo tại vị trí đã ghi)', en: '(no cross-reference section where the file says)' });
  }

  private readSection(offset: number): XrefSection {
    if (this.buf.toString('latin1', offset, offset + 4) === 'xref') {
      const table = readTable(this.buf, offset);
      const hybrid = table.trailer.get('XRefStm');
      if (typeof hybrid === 'number' && hybrid > 0 && hybrid < this.buf.length) {
        try {
          table.hybridStream = readStreamSection(this, this.locateSection(hybrid));
        } catch {
          // A broken /XRefStm leaves a hybrid file readable by its table, as PDF 1.4 readers read it.
        }
      }
      return table;
    }
    return readStreamSection(this, offset);
  }

  /** Where an object is, as seen through a list of sections (by default all of them: the current revision). */
  lookup(num: number, view: XrefSection[] = this.sections): XrefEntry | undefined {
    for (const section of view) {
      const entry = section.lookup(num);
      if (entry && entry.type !== 0) return entry;
      const hybrid = section.hybridStream?.lookup(num);
      if (hybrid && hybrid.type !== 0) return hybrid;
      if (entry) return entry;
    }
    return undefined;
  }

  /** Parses the indirect object at a byte offset. */
  parseObjectAt(offset: number): { num: number; gen: number; value: PdfValue; end: number } {
    const parser = new PdfParser(this.buf, offset);
    return parser.parseIndirectObject((ref) => {
      const length = this.getObject(ref.num);
      return typeof length === 'number' ? length : undefined;
    });
  }

  /** An object by number, or null when it is free or absent (PDF 32000 §7.3.10: a missing object is null). */
  getObject(num: number, view: XrefSection[] = this.sections): PdfValue {
    const entry = this.lookup(num, view);
    if (!entry || entry.type === 0) return null;
    const key = `${entry.type}:${entry.offset}:${entry.gen}`;
    const cached = this.objects.get(key);
    if (cached !== undefined) return cached;
    const value = entry.type === 1 ? this.readAt(num, entry.offset) : this.readFromObjectStream(num, entry.offset, entry.gen, view);
    this.objects.set(key, value);
    return value;
  }

  private readAt(num: number, offset: number): PdfValue {
    const tryAt = (at: number) => {
      try {
        const object = this.parseObjectAt(at);
        return object.num === num ? object.value : undefined;
      } catch {
        return undefined;
      }
    };
    const direct = tryAt(offset);
    if (direct !== undefined) return direct;
    // Offsets a few bytes off are common in files edited by hand or by careless tools.
    const window = this.buf.toString('latin1', Math.max(0, offset - 256), Math.min(this.buf.length, offset + 256));
    const match = new RegExp(`(?:^|[^0-9])(${num}\\s+\\d+\\s+obj)`).exec(window);
    if (match) {
      const found = tryAt(Math.max(0, offset - 256) + match.index + match[0].indexOf(match[1]));
      if (found !== undefined) return found;
    }
    throw new DamagedPdfError({ vi: `(không đọc được đối tượng ${num})`, en: `(object ${num} cannot be read)` });
  }

  private readFromObjectStream(num: number, streamNum: number, index: number, view: XrefSection[]): PdfValue {
    // Keyed by where the stream is, not by its number: a later revision may reuse the number.
    const streamEntry = this.lookup(streamNum, view);
    if (!streamEntry || streamEntry.type !== 1) throw new DamagedPdfError({ vi: `(luồng đối tượng ${streamNum} không đọc được)`, en: `(object stream ${streamNum} cannot be read)` });
    let objectStream = this.objectStreams.get(streamEntry.offset);
    if (!objectStream) {
      const stream = this.getObject(streamNum, view);
      if (!(stream instanceof PdfStream)) throw new DamagedPdfError({ vi: `(luồng đối tượng ${streamNum} không đọc được)`, en: `(object stream ${streamNum} cannot be read)` });
      const data = decodeStream(stream, (v) => this.resolve(v), this.inflateBudget);
      const count = intOf(stream.dict.get('N'), 0);
      const first = intOf(stream.dict.get('First'), 0);
      const parser = new PdfParser(data, 0);
      const offsets = new Map<number, number>();
      const numbers: number[] = [];
      for (let i = 0; i < count; i++) {
        const objectNum = parser.readInteger();
        const objectOffset = parser.readInteger();
        if (objectNum === null || objectOffset === null) break;
        numbers.push(objectNum);
        if (!offsets.has(objectNum)) offsets.set(objectNum, first + objectOffset);
      }
      objectStream = { data, offsets, numbers };
      this.objectStreams.set(streamEntry.offset, objectStream);
    }
    // The index says where the object is; the header confirms it is the one asked for.
    const byIndex = objectStream.numbers[index] === num ? index : objectStream.numbers.indexOf(num);
    const at = byIndex >= 0 ? objectStream.offsets.get(num) : undefined;
    if (at === undefined) return null;
    return new PdfParser(objectStream.data, at).parseValue();
  }

  /** Follows a reference (through any chain of them) to its value. */
  resolve(value: PdfValue | undefined, view: XrefSection[] = this.sections): PdfValue | undefined {
    let current = value;
    for (let hops = 0; current instanceof PdfRef && hops < 32; hops++) current = this.getObject(current.num, view);
    return current;
  }

  /** A dictionary (or a stream's dictionary) behind a value, or undefined. */
  resolveDict(value: PdfValue | undefined, view: XrefSection[] = this.sections): PdfDict | undefined {
    const resolved = this.resolve(value, view);
    if (resolved instanceof PdfDict) return resolved;
    if (resolved instanceof PdfStream) return resolved.dict;
    return undefined;
  }

  /** The document catalog. */
  catalog(view: XrefSection[] = this.sections): PdfDict {
    const root = view[0]?.trailer.get('Root') ?? this.trailer.get('Root');
    const catalog = this.resolveDict(root, view);
    if (!catalog) throw new DamagedPdfError({ vi: '(không có danh mục tài liệu /Root)', en: '(no document catalog /Root)' });
    return catalog;
  }

  /** The number of pages the page tree declares. */
  pageCount(): number {
    const pages = this.resolveDict(this.catalog().get('Pages'));
    const count = this.resolve(pages?.get('Count'));
    if (typeof count !== 'number' || count < 0) throw new DamagedPdfError({ vi: '(cây trang không hợp lệ)', en: '(invalid page tree)' });
    return count;
  }

  /** Page `n` (from 1), found by descending the page tree by its /Count values: only the nodes on the way are read. */
  page(n: number): PageInfo {
    let node = this.resolveDict(this.catalog().get('Pages'));
    let remaining = n;
    const inherited = new Map<string, PdfValue | undefined>();
    for (let depth = 0; node && depth < 64; depth++) {
      for (const key of ['MediaBox', 'CropBox', 'Rotate']) if (node.has(key)) inherited.set(key, node.get(key));
      const kids = this.resolve(node.get('Kids'));
      if (!Array.isArray(kids)) break;
      let next: PdfDict | undefined;
      for (const kid of kids) {
        const kidDict = this.resolveDict(kid);
        if (!kidDict) continue;
        if (kidDict.name('Type') === 'Pages' || (kidDict.has('Kids') && kidDict.name('Type') !== 'Page')) {
          const count = this.resolve(kidDict.get('Count'));
          if (typeof count === 'number' && remaining > count) {
            remaining -= count;
            continue;
          }
          next = kidDict;
          break;
        }
        if (remaining === 1) {
          if (!(kid instanceof PdfRef)) throw new UnsupportedPdfError({ vi: 'trang không phải đối tượng gián tiếp.', en: 'a page is not an indirect object.' });
          return this.pageInfo(kid, kidDict, inherited);
        }
        remaining--;
      }
      node = next;
    }
    throw new DamagedPdfError({ vi: `(không tìm thấy trang ${n} trong cây trang)`, en: `(page ${n} not found in the page tree)` });
  }

  /** Every page, in order (used by inspection: reads the page tree, nothing below it). */
  pages(): PageInfo[] {
    const out: PageInfo[] = [];
    const visited = new Set<number>();
    const walk = (value: PdfValue | undefined, inherited: Map<string, PdfValue | undefined>, depth: number) => {
      if (depth > 64) return;
      if (value instanceof PdfRef) {
        if (visited.has(value.num)) return;
        visited.add(value.num);
      }
      const node = this.resolveDict(value);
      if (!node) return;
      const scope = new Map(inherited);
      for (const key of ['MediaBox', 'CropBox', 'Rotate']) if (node.has(key)) scope.set(key, node.get(key));
      const kids = this.resolve(node.get('Kids'));
      if (node.name('Type') !== 'Page' && Array.isArray(kids)) {
        for (const kid of kids) walk(kid, scope, depth + 1);
      } else if (value instanceof PdfRef) {
        out.push(this.pageInfo(value, node, scope));
      }
    };
    walk(this.catalog().get('Pages'), new Map(), 0);
    return out;
  }

  private pageInfo(ref: PdfRef, dict: PdfDict, inherited: Map<string, PdfValue | undefined>): PageInfo {
    const value = (key: string) => (dict.has(key) ? dict.get(key) : inherited.get(key));
    const rect = (v: PdfValue | undefined): [number, number, number, number] | undefined => {
      const array = this.resolve(v);
      if (!Array.isArray(array) || array.length !== 4) return undefined;
      const n = array.map((item) => this.resolve(item));
      if (!n.every((item): item is number => typeof item === 'number')) return undefined;
      return [Math.min(n[0], n[2]), Math.min(n[1], n[3]), Math.max(n[0], n[2]), Math.max(n[1], n[3])];
    };
    // Letter size is what readers assume when a page says nothing (PDF 32000 leaves it required; many files omit it).
    const media = rect(value('MediaBox')) ?? [0, 0, 612, 792];
    const crop = rect(value('CropBox'));
    const box: [number, number, number, number] = crop
      ? [Math.max(media[0], crop[0]), Math.max(media[1], crop[1]), Math.min(media[2], crop[2]), Math.min(media[3], crop[3])]
      : media;
    if (box[2] <= box[0] || box[3] <= box[1]) box.splice(0, 4, ...media);
    const rotateValue = this.resolve(value('Rotate'));
    const rotate = typeof rotateValue === 'number' ? (((Math.round(rotateValue / 90) * 90) % 360) + 360) % 360 : 0;
    return { ref, dict, box, rotate };
  }
}

/** Maps anything raised while reading into this library's typed errors. */
/** A stream that expands beyond the limits, as a user reads it. */
export function inflateLimitRefusal(error: InflateLimitError): UnsupportedPdfError {
  const size = error.limitBytes >= 1024 * 1024 ? `${Math.round(error.limitBytes / (1024 * 1024))} MB` : `${Math.round(error.limitBytes / 1024)} kB`;
  return error.reason === 'total'
    ? new UnsupportedPdfError({
        vi: `các luồng dữ liệu nén trong tệp giải nén ra tổng cộng hơn ${size} (tệp có thể là “bom nén”).`,
        en: `the compressed streams of the file expand to more than ${size} in all (possibly a compression bomb).`,
      })
    : new UnsupportedPdfError({
        vi: `một luồng dữ liệu nén trong tệp giải nén ra hơn ${size} hoặc nở quá lớn so với kích thước nén (tệp có thể là “bom nén”).`,
        en: `a compressed stream of the file expands to more than ${size}, or far beyond its compressed size (possibly a compression bomb).`,
      });
}

export function asTypedError(error: unknown): PdfSigningError {
  if (error instanceof PdfSigningError) return error;
  if (error instanceof InflateLimitError) return inflateLimitRefusal(error);
  if (error instanceof UnsupportedFilterError) return new UnsupportedPdfError({ vi: `bộ lọc không được hỗ trợ (${error.message}).`, en: `unsupported filter (${error.message}).` });
  if (error instanceof PdfSyntaxError || error instanceof RangeError || error instanceof Error) {
    return new DamagedPdfError({ vi: `(${error.message})`, en: `(${error.message})` }, { cause: error });
  }
  return new DamagedPdfError(undefined, { cause: error });
}
