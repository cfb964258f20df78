/**
 * The PDF object model as this library reads and writes it: small and exact enough to rewrite
 * a catalog, a page or an AcroForm in an incremental update without changing what it says.
 */

/** A name (`/Type`), decoded from `#xx` escapes; the text is the bytes read as Latin-1. */
export class PdfName {
  private static readonly interned = new Map<string, PdfName>();

  private constructor(readonly name: string) {}

  static of(name: string): PdfName {
    let interned = PdfName.interned.get(name);
    if (!interned) {
      interned = new PdfName(name);
      PdfName.interned.set(name, interned);
    }
    return interned;
  }
}

/** An indirect reference `n g R`. */
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

/** A string as its bytes, remembering whether it was written in hex. */
export class PdfString {
  constructor(
    readonly bytes: Buffer,
    readonly hex = false,
  ) {}

  /** A text string (PDF 32000 §7.9.2.2): PDFDocEncoding when it fits, UTF-16BE with a BOM otherwise (Vietnamese). */
  static text(value: string): PdfString {
    if (/^[\x20-\x7e]*$/.test(value)) return new PdfString(Buffer.from(value, 'latin1'));
    const bytes = Buffer.alloc(2 + value.length * 2);
    bytes[0] = 0xfe;
    bytes[1] = 0xff;
    for (let i = 0; i < value.length; i++) bytes.writeUInt16BE(value.charCodeAt(i), 2 + i * 2);
    return new PdfString(bytes, true);
  }

  /** The text a text string holds (UTF-16BE with a BOM, UTF-8 with a BOM, or PDFDocEncoding read as Latin-1). */
  decodeText(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      let out = '';
      for (let i = 2; i + 1 < b.length; i += 2) out += String.fromCharCode(b.readUInt16BE(i));
      return out;
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
    return b.toString('latin1');
  }
}

/** A dictionary; keys are names without the slash. */
export class PdfDict {
  readonly map: Map<string, PdfValue>;

  constructor(entries?: Iterable<[string, PdfValue]>) {
    this.map = new Map(entries);
  }

  get(key: string): PdfValue | undefined {
    return this.map.get(key);
  }

  set(key: string, value: PdfValue): this {
    this.map.set(key, value);
    return this;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  /** A shallow copy (to change keys of an object being rewritten without touching the cached one). */
  clone(): PdfDict {
    return new PdfDict(this.map);
  }

  /** The name of a key's value, if it is a name. */
  name(key: string): string | undefined {
    const value = this.map.get(key);
    return value instanceof PdfName ? value.name : undefined;
  }
}

/** A stream: its dictionary and its raw (still encoded) bytes, a view into the file. */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly data: Buffer,
  ) {}
}

/** Any PDF value. */
export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict | PdfStream;

/** Whether two values say the same thing (streams: same dictionary and same bytes). */
export function sameValue(a: PdfValue | undefined, b: PdfValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a === 'number' || typeof b === 'number') return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.num === b.num && a.gen === b.gen;
  if (a instanceof PdfString) return b instanceof PdfString && a.bytes.equals(b.bytes);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (a instanceof PdfDict) {
    if (!(b instanceof PdfDict) || a.map.size !== b.map.size) return false;
    for (const [key, value] of a.map) if (!sameValue(value, b.map.get(key))) return false;
    return true;
  }
  if (a instanceof PdfStream) return b instanceof PdfStream && sameValue(a.dict, b.dict) && a.data.equals(b.data);
  return false;
}

// Characters a name must escape: delimiters, whitespace, `#`, and anything outside printable ASCII.
const NAME_PLAIN = /^[!-~]$/;
const NAME_SPECIAL = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%', '#']);

function writeName(name: string): string {
  let out = '/';
  for (const ch of name) {
    const code = ch.charCodeAt(0);
    out += NAME_PLAIN.test(ch) && !NAME_SPECIAL.has(ch) ? ch : `#${code.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/**
 * A number as PDF writes it. JavaScript's shortest round-trip form keeps a rewritten object
 * exactly equal to the original (a MediaBox of 595.303937007874 must not become 595.303937);
 * only exponents, which PDF has not, are written out in fixed notation.
 */
export function writeNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const shortest = String(value);
  if (!/e/i.test(shortest)) return shortest;
  const fixed = value.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

function writeLiteral(bytes: Buffer): string {
  let out = '(';
  for (const byte of bytes) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `${out})`;
}

/**
 * Serialises a value (not a stream) to PDF syntax. The result is pure ASCII: strings with
 * other bytes are escaped, so it can be written as Latin-1.
 */
export function writeValue(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return writeNumber(value);
  if (value instanceof PdfName) return writeName(value.name);
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (value instanceof PdfString) return value.hex ? `<${value.bytes.toString('hex')}>` : writeLiteral(value.bytes);
  if (Array.isArray(value)) return `[${value.map(writeValue).join(' ')}]`;
  if (value instanceof PdfDict) {
    const parts: string[] = [];
    for (const [key, item] of value.map) parts.push(`${writeName(key)} ${writeValue(item)}`);
    return `<<${parts.join(' ')}>>`;
  }
  throw new Error('A stream cannot be written inline');
}

/** Shorthands for building values. */
export const name = (text: string): PdfName => PdfName.of(text);
/** A dictionary from an object literal; undefined entries are left out. */
export const dict = (entries: Record<string, PdfValue | undefined>): PdfDict =>
  new PdfDict(Object.entries(entries).filter((entry): entry is [string, PdfValue] => entry[1] !== undefined));
