import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, PdfValue } from './objects';

/** Raised by the parser on bytes that are not PDF syntax; the reader turns it into a typed error. */
export class PdfSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
  }
}

const WHITESPACE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITESPACE[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isRegular = (c: number) => !WHITESPACE[c] && !DELIMITER[c];

const MAX_DEPTH = 256;

/** An indirect object read from the file. */
export interface IndirectObject {
  num: number;
  gen: number;
  value: PdfValue;
  /** Offset just after `endobj` (or after the value when `endobj` is missing). */
  end: number;
}

/**
 * A PDF syntax reader over a buffer. It reads exactly what it is asked for (one object at an
 * offset), so the cost of opening a file is the cost of the few objects a signature touches.
 */
export class PdfParser {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
  ) {}

  skipWhitespace(): void {
    const { buf } = this;
    while (this.pos < buf.length) {
      const c = buf[this.pos];
      if (WHITESPACE[c]) this.pos++;
      else if (c === 0x25) {
        // A comment runs to the end of the line.
        while (this.pos < buf.length && buf[this.pos] !== 0x0a && buf[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** Reads a keyword or number-like token of regular characters without interpreting it. */
  readToken(): string {
    this.skipWhitespace();
    const start = this.pos;
    while (this.pos < this.buf.length && isRegular(this.buf[this.pos])) this.pos++;
    return this.buf.toString('latin1', start, this.pos);
  }

  /** Reads a non-negative integer token, or returns null (leaving the position) when there is none. */
  readInteger(): number | null {
    this.skipWhitespace();
    const start = this.pos;
    while (this.pos < this.buf.length && isDigit(this.buf[this.pos])) this.pos++;
    if (this.pos === start || (this.pos < this.buf.length && isRegular(this.buf[this.pos]))) {
      this.pos = start;
      return null;
    }
    return Number(this.buf.toString('latin1', start, this.pos));
  }

  /** Whether the next token is the keyword, consuming it when it is. */
  matchKeyword(keyword: string): boolean {
    this.skipWhitespace();
    const end = this.pos + keyword.length;
    if (end > this.buf.length || this.buf.toString('latin1', this.pos, end) !== keyword) return false;
    if (end < this.buf.length && isRegular(this.buf[end])) return false;
    this.pos = end;
    return true;
  }

  parseValue(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError('Objects nested too deeply', this.pos);
    this.skipWhitespace();
    const { buf } = this;
    if (this.pos >= buf.length) throw new PdfSyntaxError('Unexpected end of file', this.pos);
    const c = buf[this.pos];
    if (c === 0x2f) return this.parseName();
    if (c === 0x28) return this.parseLiteralString();
    if (c === 0x3c) {
      if (buf[this.pos + 1] === 0x3c) return this.parseDict(depth);
      return this.parseHexString();
    }
    if (c === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipWhitespace();
        if (this.pos >= buf.length) throw new PdfSyntaxError('Unterminated array', this.pos);
        if (buf[this.pos] === 0x5d) {
          this.pos++;
          return items;
        }
        items.push(this.parseValue(depth + 1));
      }
    }
    if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) return this.parseNumberOrRef();
    const token = this.readToken();
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    throw new PdfSyntaxError(`Unexpected token ${JSON.stringify(token.slice(0, 20) || String.fromCharCode(c))}`, this.pos);
  }

  private parseNumberOrRef(): number | PdfRef {
    const start = this.pos;
    const token = this.readToken();
    const value = Number(token);
    if (!Number.isFinite(value)) {
      // Some writers produce `--5` or `5-`; readers take the leading number, and so do we.
      const lenient = parseFloat(token.replace(/^[-+]+/, (m) => m[m.length - 1]));
      if (!Number.isFinite(lenient)) throw new PdfSyntaxError(`Bad number ${token}`, start);
      return lenient;
    }
    if (!/^\d+$/.test(token)) return value;
    // `n g R`: look ahead for a generation number and the R.
    const afterNumber = this.pos;
    const gen = this.readInteger();
    if (gen !== null && this.matchKeyword('R')) return new PdfRef(value, gen);
    this.pos = afterNumber;
    return value;
  }

  private parseName(): PdfName {
    const { buf } = this;
    this.pos++;
    const start = this.pos;
    while (this.pos < buf.length && isRegular(buf[this.pos])) this.pos++;
    let raw = buf.toString('latin1', start, this.pos);
    if (raw.includes('#')) raw = raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return PdfName.of(raw);
  }

  private parseLiteralString(): PdfString {
    const { buf } = this;
    const start = this.pos;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < buf.length) {
      const c = buf[this.pos++];
      if (c === 0x5c) {
        const e = buf[this.pos++];
        switch (e) {
          case 0x6e: out.push(0x0a); break;
          case 0x72: out.push(0x0d); break;
          case 0x74: out.push(0x09); break;
          case 0x62: out.push(0x08); break;
          case 0x66: out.push(0x0c); break;
          case 0x0d:
            if (buf[this.pos] === 0x0a) this.pos++;
            break;
          case 0x0a:
            break;
          default:
            if (e >= 0x30 && e <= 0x37) {
              let code = e - 0x30;
              for (let i = 0; i < 2 && buf[this.pos] >= 0x30 && buf[this.pos] <= 0x37; i++) code = code * 8 + (buf[this.pos++] - 0x30);
              out.push(code & 0xff);
            } else out.push(e);
        }
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) return new PdfString(Buffer.from(out));
        out.push(c);
      } else if (c === 0x0d) {
        // An unescaped end of line in a string reads as a single line feed.
        if (buf[this.pos] === 0x0a) this.pos++;
        out.push(0x0a);
      } else out.push(c);
    }
    throw new PdfSyntaxError('Unterminated string', start);
  }

  private parseHexString(): PdfString {
    const { buf } = this;
    const start = this.pos;
    const end = buf.indexOf(0x3e, this.pos + 1);
    if (end < 0) throw new PdfSyntaxError('Unterminated hex string', start);
    let hex = buf.toString('latin1', this.pos + 1, end).replace(/[\s\0]/g, '');
    if (!/^[0-9a-fA-F]*$/.test(hex)) throw new PdfSyntaxError('Bad hex string', start);
    if (hex.length % 2) hex += '0';
    this.pos = end + 1;
    return new PdfString(Buffer.from(hex, 'hex'), true);
  }

  private parseDict(depth: number): PdfDict {
    const { buf } = this;
    this.pos += 2;
    const result = new PdfDict();
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= buf.length) throw new PdfSyntaxError('Unterminated dictionary', this.pos);
      if (buf[this.pos] === 0x3e && buf[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return result;
      }
      if (buf[this.pos] !== 0x2f) throw new PdfSyntaxError('Dictionary key is not a name', this.pos);
      const key = this.parseName().name;
      this.skipWhitespace();
      // A key with no value before `>>` happens in the wild; read it as null.
      if (buf[this.pos] === 0x3e && buf[this.pos + 1] === 0x3e) {
        result.set(key, null);
        continue;
      }
      result.set(key, this.parseValue(depth + 1));
    }
  }

  /**
   * Reads `num gen obj … endobj` at an offset. A stream's length comes from /Length (resolved
   * through `resolveLength` when indirect); when that is wrong, from the `endstream` keyword.
   */
  parseIndirectObject(resolveLength: (ref: PdfRef) => number | undefined): IndirectObject {
    const start = this.pos;
    const num = this.readInteger();
    const gen = this.readInteger();
    if (num === null || gen === null || !this.matchKeyword('obj')) throw new PdfSyntaxError('Expected an indirect object', start);
    const value = this.parseValue();
    this.skipWhitespace();
    if (value instanceof PdfDict && this.matchKeyword('stream')) {
      return { num, gen, value: this.readStreamBody(value, resolveLength), end: this.afterEndobj() };
    }
    return { num, gen, value, end: this.afterEndobj() };
  }

  private afterEndobj(): number {
    const at = this.pos;
    if (this.matchKeyword('endobj')) return this.pos;
    this.pos = at;
    return at;
  }

  private readStreamBody(streamDict: PdfDict, resolveLength: (ref: PdfRef) => number | undefined): PdfStream {
    const { buf } = this;
    if (buf[this.pos] === 0x0d) this.pos++;
    if (buf[this.pos] === 0x0a) this.pos++;
    const dataStart = this.pos;
    const lengthValue = streamDict.get('Length');
    const declared = typeof lengthValue === 'number' ? lengthValue : lengthValue instanceof PdfRef ? resolveLength(lengthValue) : undefined;
    if (declared !== undefined && Number.isInteger(declared) && declared >= 0 && dataStart + declared <= buf.length) {
      this.pos = dataStart + declared;
      if (this.matchKeyword('endstream')) return new PdfStream(streamDict, buf.subarray(dataStart, dataStart + declared));
    }
    const endstream = buf.indexOf('endstream', dataStart, 'latin1');
    if (endstream < 0) throw new PdfSyntaxError('Stream without endstream', dataStart);
    let dataEnd = endstream;
    if (buf[dataEnd - 1] === 0x0a) dataEnd--;
    if (buf[dataEnd - 1] === 0x0d) dataEnd--;
    this.pos = endstream + 'endstream'.length;
    return new PdfStream(streamDict, buf.subarray(dataStart, Math.max(dataStart, dataEnd)));
  }
}
