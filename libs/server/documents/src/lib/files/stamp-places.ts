import { Worker } from 'node:worker_threads';

import { Injectable, OnModuleDestroy } from '@nestjs/common';

/** Where a line of the first page sits: its baseline, font size and the box its text covers. */
export interface LinePlace {
  page: number;
  /** Left of the line's text and its width, in PDF points. */
  x: number;
  width: number;
  /** Baseline. */
  y: number;
  fontSize: number;
}

/** The lines the clerk's stamps fill on page 1: "Số: …/KH-UBND" and "…, ngày … tháng … năm …". */
export interface StampPlaces {
  numberLine: LinePlace | null;
  dateLine: LinePlace | null;
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
}

declare const __non_webpack_require__: NodeRequire | undefined;

/** The real `require.resolve` of Node, also inside the API's bundle. */
function resolvePackage(spec: string): string {
  return (typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require).resolve(spec);
}

// pdf.js is an ES module: a worker thread imports it natively (outside the bundler and the test
// runner's module system) and keeps its parsing off the API's event loop.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const loaded = import(pathToFileURL(workerData.pdfjs).href);
parentPort.on('message', async ({ id, bytes, pageNumber }) => {
  let document;
  try {
    const pdfjs = await loaded;
    document = await pdfjs.getDocument({ data: bytes, disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const page = await document.getPage(Math.min(pageNumber, document.numPages));
    const content = await page.getTextContent();
    const items = content.items.filter((i) => 'str' in i).map((i) => ({ str: i.str, transform: i.transform, width: i.width }));
    parentPort.postMessage({ id, items });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  } finally {
    if (document) await document.destroy().catch(() => undefined);
  }
});
`;

/** How long pdf.js may take over one page before its worker is stopped. */
export const PAGE_TEXT_TIMEOUT_MS = 10_000;
// pdf.js keeps a page's objects on the worker's heap: a file that needs more is not one to read.
const WORKER_HEAP_MB = 256;
// Pages read at once by the worker; the others wait their turn (their time has not started).
const WORKER_CONCURRENCY = 2;

/** pdf.js did not finish reading a page in time; its worker was stopped. */
export class PageTextTimeout extends Error {
  constructor(ms: number) {
    super(`pdf.js did not read the page within ${ms} ms`);
    this.name = 'PageTextTimeout';
  }
}

/**
 * Reads the text of a page with pdf.js in a worker thread; one worker per process, started on
 * first use. A read that takes longer than `timeoutMs`, or a worker that runs out of its heap,
 * stops the worker (pending reads fail) and the next read starts a new one.
 */
@Injectable()
export class PageText implements OnModuleDestroy {
  /** How long one page may take; tests shorten it. */
  timeoutMs = PAGE_TEXT_TIMEOUT_MS;
  private worker: Worker | null = null;
  private next = 0;
  private readonly pending = new Map<number, { resolve: (items: TextItem[]) => void; reject: (error: Error) => void }>();
  private readonly queue: Array<{ bytes: Uint8Array<ArrayBuffer>; pageNumber: number; resolve: (items: TextItem[]) => void; reject: (error: Error) => void }> = [];

  pageItems(pdf: Buffer, pageNumber: number): Promise<TextItem[]> {
    return new Promise<TextItem[]>((resolve, reject) => {
      this.queue.push({ bytes: new Uint8Array(pdf), pageNumber, resolve, reject });
      this.pump();
    });
  }

  /** Hands waiting reads to the worker, a few at a time: each one's time runs from when pdf.js gets it. */
  private pump(): void {
    while (this.pending.size < WORKER_CONCURRENCY) {
      const read = this.queue.shift();
      if (!read) return;
      const worker = this.start();
      const id = ++this.next;
      const timeoutMs = this.timeoutMs;
      const timer = setTimeout(() => {
        if (!this.pending.has(id)) return;
        // pdf.js cannot be interrupted from outside but its thread can: stop it, and with it this read.
        this.pending.delete(id);
        read.reject(new PageTextTimeout(timeoutMs));
        if (this.worker === worker) this.stop(worker);
        this.pump();
      }, timeoutMs);
      timer.unref();
      const settle = () => {
        clearTimeout(timer);
        // Let the next waiting read in once this one is done.
        setImmediate(() => this.pump());
      };
      this.pending.set(id, {
        resolve: (items) => {
          settle();
          read.resolve(items);
        },
        reject: (error) => {
          settle();
          read.reject(error);
        },
      });
      worker.postMessage({ id, bytes: read.bytes, pageNumber: read.pageNumber }, [read.bytes.buffer]);
    }
  }

  async onModuleDestroy(): Promise<void> {
    for (const read of this.queue.splice(0)) read.reject(new Error('The pdf.js worker stopped'));
    await this.worker?.terminate();
    this.worker = null;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pdfjs: resolvePackage('pdfjs-dist/legacy/build/pdf.mjs') },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    worker.unref();
    worker.on('message', (message: { id: number; items?: TextItem[]; error?: string }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.items) waiting.resolve(message.items);
      else waiting.reject(new Error(message.error ?? 'pdf.js failed'));
    });
    worker.on('error', (error) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(error);
    });
    worker.on('exit', () => {
      if (this.worker === worker) {
        this.worker = null;
        this.failAll(new Error('The pdf.js worker stopped'));
      }
    });
    this.worker = worker;
    return worker;
  }

  /** Stops a worker that no longer answers in time; reads still waiting on it fail. */
  private stop(worker: Worker): void {
    this.worker = null;
    this.failAll(new PageTextTimeout(this.timeoutMs));
    void worker.terminate();
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

const NUMBER_LINE = /^\s*s[ốo]\s*[:.]/iu;
const DATE_LINE = /ng[àa]y\b.*th[áa]ng\b.*n[ăa]m\b/iu;

/** Text items that share a baseline, left to right, joined into lines. */
interface Line {
  text: string;
  x: number;
  width: number;
  y: number;
  fontSize: number;
}

function lines(items: TextItem[]): Line[] {
  const rows: Array<{ y: number; items: TextItem[] }> = [];
  for (const item of items) {
    if (!item.str.trim()) continue;
    const y = item.transform[5];
    const row = rows.find((r) => Math.abs(r.y - y) < 1.5);
    if (row) row.items.push(item);
    else rows.push({ y, items: [item] });
  }
  const result: Line[] = [];
  for (const row of rows) {
    const sorted = row.items.sort((a, b) => a.transform[4] - b.transform[4]);
    // Items far apart on one baseline belong to different columns (number left, date right).
    let current: TextItem[] = [];
    const flush = () => {
      if (!current.length) return;
      const first = current[0];
      const last = current[current.length - 1];
      result.push({
        text: current.map((i) => i.str).join(' '),
        x: first.transform[4],
        width: last.transform[4] + last.width - first.transform[4],
        y: row.y,
        fontSize: Math.abs(first.transform[3]) || Math.abs(first.transform[0]) || 12,
      });
      current = [];
    };
    for (const item of sorted) {
      const previous = current[current.length - 1];
      if (previous && item.transform[4] - (previous.transform[4] + previous.width) > 40) flush();
      current.push(item);
    }
    flush();
  }
  return result;
}

/**
 * Finds, in the upper part of page 1, the number line under the issuing organisation's name and
 * the place-and-date line under the national motto (Decree 30/2020, Appendix I layout), so that
 * issuing fills them where the drafter left them blank. Null where a line is not there.
 */
export async function findStampPlaces(text: PageText, pdf: Buffer): Promise<StampPlaces> {
  let items: TextItem[];
  try {
    items = await text.pageItems(pdf, 1);
  } catch {
    // A page pdf.js cannot read has no lines we could fill; issuing falls back to the margin stamp.
    return { numberLine: null, dateLine: null };
  }
  const found = lines(items);
  const top = Math.max(...found.map((l) => l.y), 0);
  // Both lines sit in the header block: within the top ~200 pt of the text.
  const header = found.filter((l) => l.y > top - 200);
  const pick = (pattern: RegExp) => {
    const line = header.find((l) => pattern.test(l.text));
    return line ? { page: 1, x: line.x, width: line.width, y: line.y, fontSize: line.fontSize } : null;
  };
  return { numberLine: pick(NUMBER_LINE), dateLine: pick(DATE_LINE) };
}

/** A rectangle on a page, in points from its bottom-left corner. */
export interface PlaceRect {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

const SIGNING_PREFIX = /^(tm|kt|tl|tuq|q)\.\s/iu;
const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The signing place of the last page, as Decree 30 lays it out: under the signing line ("TM. ỦY
 * BAN NHÂN DÂN / CHỦ TỊCH", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", or the position in capitals) and
 * above the signer's printed name. Null when the page shows neither.
 */
export async function findSigningPlace(
  text: PageText,
  pdf: Buffer,
  pageNumber: number,
  hints: { signingLine: string | null; position: string; name: string },
): Promise<PlaceRect | null> {
  let items: TextItem[];
  try {
    items = await text.pageItems(pdf, pageNumber);
  } catch {
    return null;
  }
  const found = lines(items);
  const wanted = [...(hints.signingLine ?? '').split('\n'), hints.position].map(fold).filter(Boolean);
  // The lowest line that reads like the signing line: the closing block is at the end of the page's text.
  const signing = found
    .filter((l) => SIGNING_PREFIX.test(l.text.trim()) || wanted.includes(fold(l.text)))
    .sort((a, b) => a.y - b.y)[0];
  if (!signing) return null;
  const centre = signing.x + signing.width / 2;
  const nameLine = found.find((l) => fold(l.text) === fold(hints.name) && l.y < signing.y && signing.y - l.y < 160);
  // Between the signing line and the printed name, or the usual 4–5 blank lines below the signing line.
  const top = signing.y - signing.fontSize * 0.4;
  const bottom = nameLine ? nameLine.y + nameLine.fontSize * 1.1 : top - 72;
  const height = Math.max(40, top - bottom);
  const width = Math.min(200, Math.max(140, signing.width + 20));
  return { page: pageNumber, x: centre - width / 2, y: top - height, width, height };
}
