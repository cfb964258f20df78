import { createHash, randomBytes } from 'node:crypto';

import { dict, name, PdfDict, PdfRef, PdfString, PdfValue, writeValue } from './objects';
import { PdfReader } from './reader';

interface PendingObject {
  num: number;
  gen: number;
  /** The object's body (between `obj` and `endobj`). */
  parts: (string | Buffer)[];
}

/** The bytes of an incremental update and where each object's body starts in them. */
export interface BuiltUpdate {
  bytes: Buffer;
  /** Object number → offset of its body (just after `n g obj\n`) inside `bytes`. */
  bodyOffsets: Map<number, number>;
}

/**
 * One incremental update (PDF 32000 §7.5.6): new and changed objects appended after the
 * original bytes, then a cross-reference section of the same kind as the file's newest one
 * (a table after a table, a stream after a stream) whose /Prev is the previous section.
 */
export class IncrementalUpdate {
  private nextNumber: number;
  private readonly pending: PendingObject[] = [];

  constructor(private readonly reader: PdfReader) {
    this.nextNumber = reader.size;
  }

  /** A fresh object number. */
  allocate(): PdfRef {
    return new PdfRef(this.nextNumber++, 0);
  }

  /** Writes (or rewrites) an object whose value is not a stream. */
  setValue(ref: PdfRef, value: PdfValue): void {
    this.setRaw(ref, [writeValue(value)]);
  }

  /** Writes a stream object; /Length is set from the data. */
  setStream(ref: PdfRef, streamDict: PdfDict, data: Buffer): void {
    const withLength = streamDict.clone().set('Length', data.length);
    this.setRaw(ref, [writeValue(withLength), '\nstream\n', data, '\nendstream']);
  }

  /** Writes an object from already-serialised parts. */
  setRaw(ref: PdfRef, parts: (string | Buffer)[]): void {
    const existing = this.pending.findIndex((o) => o.num === ref.num);
    if (existing >= 0) this.pending.splice(existing, 1);
    this.pending.push({ num: ref.num, gen: ref.gen, parts });
  }

  /** Whether an object is already part of this update. */
  has(num: number): boolean {
    return this.pending.some((o) => o.num === num);
  }

  build(): BuiltUpdate {
    const { reader } = this;
    const base = reader.buf.length;
    const chunks: Buffer[] = [];
    let length = 0;
    const push = (part: string | Buffer) => {
      const bytes = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
      chunks.push(bytes);
      length += bytes.length;
    };
    // The update starts on a fresh line, whatever the original ended with.
    const last = base > 0 ? reader.buf[base - 1] : 0x0a;
    if (last !== 0x0a && last !== 0x0d) push('\n');

    const offsets = new Map<number, number>();
    const bodyOffsets = new Map<number, number>();
    for (const object of this.pending) {
      offsets.set(object.num, base + length);
      push(`${object.num} ${object.gen} obj\n`);
      bodyOffsets.set(object.num, length);
      for (const part of object.parts) push(part);
      push('\nendobj\n');
    }

    const trailer = this.trailerDict();
    const xrefOffset = base + length;
    if (reader.sections[0].kind === 'stream') {
      const xrefRef = this.allocate();
      offsets.set(xrefRef.num, xrefOffset);
      trailer.set('Size', Math.max(reader.size, this.nextNumber));
      push(this.xrefStream(xrefRef, trailer, offsets, xrefOffset));
    } else {
      trailer.set('Size', Math.max(reader.size, this.nextNumber));
      push(this.xrefTable(trailer, offsets));
    }
    push(`startxref\n${xrefOffset}\n%%EOF\n`);
    return { bytes: Buffer.concat(chunks, length), bodyOffsets };
  }

  private trailerDict(): PdfDict {
    const previous = this.reader.trailer;
    const id = previous.get('ID');
    // The first identifier stays (it names the document); the second changes with each revision.
    const firstId = Array.isArray(id) && id[0] instanceof PdfString ? id[0] : undefined;
    const newId = new PdfString(createHash('md5').update(randomBytes(16)).digest(), true);
    return dict({
      Size: 0,
      Root: previous.get('Root'),
      Info: previous.get('Info'),
      ID: firstId ? [firstId, newId] : undefined,
      Prev: this.reader.startxref,
    });
  }

  private runs(numbers: number[]): [number, number][] {
    const sorted = [...numbers].sort((a, b) => a - b);
    const runs: [number, number][] = [];
    for (const num of sorted) {
      const run = runs[runs.length - 1];
      if (run && run[0] + run[1] === num) run[1]++;
      else runs.push([num, 1]);
    }
    return runs;
  }

  private xrefTable(trailer: PdfDict, offsets: Map<number, number>): string {
    let out = 'xref\n0 1\n0000000000 65535 f \n';
    for (const [first, count] of this.runs([...offsets.keys()])) {
      out += `${first} ${count}\n`;
      for (let num = first; num < first + count; num++) {
        const gen = this.pending.find((o) => o.num === num)?.gen ?? 0;
        out += `${String(offsets.get(num)).padStart(10, '0')} ${String(gen).padStart(5, '0')} n \n`;
      }
    }
    return `${out}trailer\n${writeValue(trailer)}\n`;
  }

  private xrefStream(ref: PdfRef, trailer: PdfDict, offsets: Map<number, number>, xrefOffset: number): Buffer {
    const offsetWidth = xrefOffset > 0xffffffff ? 6 : 4;
    const runs = this.runs([...offsets.keys()]);
    const rows: Buffer[] = [];
    for (const [first, count] of runs) {
      for (let num = first; num < first + count; num++) {
        const row = Buffer.alloc(1 + offsetWidth + 2);
        row[0] = 1;
        row.writeUIntBE(offsets.get(num) ?? 0, 1, offsetWidth);
        row.writeUInt16BE(this.pending.find((o) => o.num === num)?.gen ?? 0, 1 + offsetWidth);
        rows.push(row);
      }
    }
    const data = Buffer.concat(rows);
    const streamDict = trailer
      .set('Type', name('XRef'))
      .set('W', [1, offsetWidth, 2])
      .set('Index', runs.flat())
      .set('Length', data.length);
    return Buffer.concat([Buffer.from(`${ref.num} 0 obj\n${writeValue(streamDict)}\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
  }
}
