/**
 * Signing benchmark (`npm run bench:sign`): libs/pdf-signing beside @signpdf/signpdf with
 * @signpdf/placeholder-pdf-lib and with @signpdf/placeholder-plain, on generated 1/10/100 MB
 * PDFs and on the sample corpus. Each implementation and generated size runs in a child process
 * of its own, so that its peak memory (the kernel's maxRSS) is its own. Prints a table.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import signpdf from '@signpdf/signpdf';
import { createDevPki, demoSignatureImage } from '@vanthu/dev-pki';
import { defaultSignatureRect, inspectPdf, openPkcs12, signPdf } from '@vanthu/pdf-signing';
import { concatTransformationMatrix, drawObject, PDFDocument, PDFName, PDFRawStream, popGraphicsState, pushGraphicsState } from 'pdf-lib';

import { describeEnvironment, environment, loadNow } from './support/bench-kit';

const ROOT = resolve(__dirname, '../..');
const CORPUS = resolve(ROOT, 'libs/pdf-signing/test/corpus');
const WORK = join(tmpdir(), 'vanthu-sign-bench');
const PIN = '123456';

type Implementation = 'ours' | 'signpdf-pdflib' | 'signpdf-plain';
const IMPLEMENTATIONS: Implementation[] = ['ours', 'signpdf-pdflib', 'signpdf-plain'];

interface Measurement {
  file: string;
  size: number;
  times: number[];
  /** Growth of the peak resident set over the resident set before the file was read, for one signature (input, output and everything else). */
  peakRssGrowthKb: number;
  /** V8 heap + external memory (Buffers) right after that signature returned, its output still alive. */
  heapAndExternalKb: number;
  error?: string;
}

interface ChildResult {
  measurements: Measurement[];
  /** Whether peaks are per file (Linux clear_refs) or the process's own high-water mark. */
  perFilePeaks: boolean;
}

/** Linux resets the peak resident set (VmHWM) when "5" is written to clear_refs: a peak per file, not per process. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function statusKb(field: 'VmHWM' | 'VmRSS'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'latin1'));
    if (match) return Number(match[1]);
  } catch {
    // not Linux
  }
  return field === 'VmHWM' ? process.resourceUsage().maxRSS : Math.round(process.memoryUsage().rss / 1024);
}

/** A PDF of about `bytes` made of pages with large incompressible images (random samples), classic xref. */
async function generate(bytes: number, file: string): Promise<void> {
  const doc = await PDFDocument.create();
  const perPage = Math.min(bytes, 5_000_000);
  for (let made = 0; made < bytes; made += perPage) {
    const width = 1000;
    const height = Math.floor(perPage / (width * 3));
    const image = doc.context.register(
      PDFRawStream.of(doc.context.obj({ Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 }), randomBytes(width * height * 3)),
    );
    const page = doc.addPage([595, 842]);
    page.node.setXObject(PDFName.of('Im0'), image);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(500, 0, 0, 500 * (height / width), 48, 200), drawObject('Im0'), popGraphicsState());
  }
  writeFileSync(file, await doc.save({ useObjectStreams: false }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function iterationsFor(implementation: Implementation, size: number): number {
  const base = size > 50_000_000 ? 7 : size > 5_000_000 ? 15 : 41;
  return implementation === 'ours' ? base : Math.max(3, Math.ceil(base / 4));
}

/** Runs in a child: measures one implementation on the given files. */
async function child(implementation: Implementation, files: string[]): Promise<ChildResult> {
  const p12 = readFileSync(join(WORK, 'leader.p12'));
  const image = readFileSync(join(WORK, 'signature.png'));
  const ourSigner = openPkcs12(p12, PIN);
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

  const sign = async (pdf: Buffer): Promise<Buffer> => {
    if (implementation === 'ours') {
      const info = inspectPdf(pdf);
      const page = info.pageCount;
      return signPdf(pdf, {
        signer: ourSigner,
        reason: 'Ký duyệt văn bản',
        appearance: { kind: 'personal', page, rect: defaultSignatureRect(info.pages[page - 1]), image, name: 'Nguyễn Văn Hùng', signingLine: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' },
      });
    }
    // A P12Signer reads its PKCS#12 from a forge buffer that the first signature consumes: one per signature.
    const theirSigner = new P12Signer(p12, { passphrase: PIN });
    const fields = { reason: 'Ky duyet van ban', contactInfo: 'vanthu@example.vn', name: 'Nguyen Van Hung', location: 'Tuy Duc' };
    if (implementation === 'signpdf-pdflib') {
      const doc = await PDFDocument.load(pdf);
      pdflibAddPlaceholder({ pdfDoc: doc, ...fields, widgetRect: [330, 150, 530, 260] });
      return signpdf.sign(Buffer.from(await doc.save({ useObjectStreams: false })), theirSigner);
    }
    return signpdf.sign(plainAddPlaceholder({ pdfBuffer: pdf, ...fields, widgetRect: [330, 150, 530, 260] }), theirSigner);
  };

  // Module loading, fonts and the JIT warm up on a small corpus file first.
  for (let i = 0; i < 5; i++) await sign(readFileSync(join(CORPUS, 'pdflib-classic-xref.pdf'))).catch(() => undefined);
  let perFilePeaks = true;
  const measurements: Measurement[] = [];
  for (const file of files) {
    gc();
    const rssBefore = statusKb('VmRSS');
    perFilePeaks = resetPeak() && perFilePeaks;
    let pdf: Buffer | null = readFileSync(file);
    const measurement: Measurement = { file, size: pdf.length, times: [], peakRssGrowthKb: 0, heapAndExternalKb: 0 };
    try {
      // Memory first, from one signature alone: reading the file, signing it, the output alive.
      let first: Buffer | null = await sign(pdf);
      measurement.peakRssGrowthKb = statusKb('VmHWM') - rssBefore;
      const { heapUsed, external } = process.memoryUsage();
      measurement.heapAndExternalKb = Math.round((heapUsed + external) / 1024);
      first = null;
      void first;
      gc();
      // Then time: a few more signatures to warm up (page tree, caches, JIT), then the measured ones.
      const warmUp = pdf.length > 50_000_000 ? 1 : 3;
      const iterations = iterationsFor(implementation, pdf.length);
      for (let i = 0; i < warmUp + iterations; i++) {
        const started = process.hrtime.bigint();
        let signed: Buffer | null = await sign(pdf);
        const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
        if (i >= warmUp) measurement.times.push(elapsed);
        signed = null;
        void signed;
        gc();
      }
    } catch (error) {
      measurement.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
    pdf = null;
    measurements.push(measurement);
  }
  return { measurements, perFilePeaks };
}

function runChild(implementation: Implementation, files: string[]): ChildResult {
  const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', join(ROOT, 'tools/scripts/run-ts.js'), 'tools/bench/sign.bench.ts', '--child', implementation, ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) {
    const reason = (result.stderr || result.stdout).trim().split('\n').slice(-1)[0] ?? `exit ${result.status}`;
    return { measurements: files.map((file) => ({ file, size: 0, times: [], peakRssGrowthKb: 0, heapAndExternalKb: 0, error: reason })), perFilePeaks: false };
  }
  return JSON.parse(line.slice('RESULT '.length)) as ChildResult;
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(bytes < 1_048_576 ? 2 : 1)} MB`;
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));

async function parent(): Promise<void> {
  const env = await environment();
  mkdirSync(WORK, { recursive: true });
  const pki = createDevPki();
  const leader = pki.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', pin: PIN });
  writeFileSync(join(WORK, 'leader.p12'), leader.p12);
  writeFileSync(join(WORK, 'signature.png'), demoSignatureImage());

  const generated: string[] = [];
  for (const [label, bytes] of [
    ['1mb', 1_000_000],
    ['10mb', 10_000_000],
    ['100mb', 100_000_000],
  ] as const) {
    const file = join(WORK, `generated-${label}.pdf`);
    if (!existsSync(file)) await generate(bytes, file);
    generated.push(file);
  }
  const corpus = readdirSync(CORPUS)
    .filter((name) => name.endsWith('.pdf') && !['encrypted-aes256.pdf', 'truncated.pdf', 'not-a-pdf.pdf'].includes(name))
    .map((name) => join(CORPUS, name));

  const results = new Map<string, Map<Implementation, Measurement>>();
  let perFilePeaks = true;
  for (const implementation of IMPLEMENTATIONS) {
    for (const files of [...generated.map((file) => [file]), corpus]) {
      process.stderr.write(`${implementation}: ${files.length === 1 ? files[0] : 'corpus'}…\n`);
      const child = runChild(implementation, files);
      perFilePeaks &&= child.perFilePeaks;
      for (const m of child.measurements) results.set(m.file, (results.get(m.file) ?? new Map()).set(implementation, m));
    }
  }

  const header = ['file', 'size', 'ours ms', 'ours memory', 'signpdf+pdf-lib ms', 'memory', '× ours', 'signpdf+plain ms', 'memory', '× ours'];
  const rows: string[][] = [];
  for (const [file, row] of results) {
    const ours = row.get('ours');
    const size = Math.max(...[...row.values()].map((m) => m.size));
    const cells = (implementation: Implementation): string[] => {
      const m = row.get(implementation);
      if (!m || !m.times.length) return [`fails: ${m?.error ?? '?'}`.slice(0, 60), '', ''];
      const growth = Math.max(0, m.peakRssGrowthKb) * 1024;
      const memory = size >= 1_000_000 ? `+${(growth / 1_048_576).toFixed(0)} MB RSS (${(growth / size).toFixed(1)}×), heap+ext ${(m.heapAndExternalKb / 1024).toFixed(0)} MB` : `heap+ext ${(m.heapAndExternalKb / 1024).toFixed(0)} MB`;
      const ratio = implementation !== 'ours' && ours?.times.length ? `${(median(m.times) / median(ours.times)).toFixed(1)}×` : '';
      return [ms(median(m.times)), memory, ratio];
    };
    const [oursMs, oursMemory] = cells('ours');
    rows.push([file.split('/').pop() ?? file, mb(size), oursMs, oursMemory, ...cells('signpdf-pdflib'), ...cells('signpdf-plain')]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log('\nMedian milliseconds per signature after warm-up. Ours: visible appearance (signature image, Tinos text), RSA-2048, SHA-256;');
  console.log('@signpdf: its invisible widget (it draws no appearance), same PKCS#12. × ours: how many times slower.');
  console.log(
    `Memory, for one signature: growth of the peak resident set from before the file was read (${perFilePeaks ? 'reset per file' : 'process high-water mark'}; input and output included), as a multiple of the file size; heap+ext: V8 heap and Buffers right after it.`,
  );
  console.log(`${describeEnvironment(env, [['load average at the end', loadNow()], ['architecture', process.arch]])}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

if (process.argv[2] === '--child') {
  child(process.argv[3] as Implementation, process.argv.slice(4)).then((result) => console.log(`RESULT ${JSON.stringify(result)}`));
} else {
  parent().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
