import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { defaultSignatureRect } from '../lib/appearance/geometry';
import { DigestAlgorithm } from '../lib/cms/cms';
import { PdfSigningError } from '../lib/errors';
import { inspectPdf } from '../lib/inspect';
import { signPdf } from '../lib/sign';
import { openPkcs12 } from '../lib/signers';
import { Appearance, SignatureReport } from '../lib/types';
import { verifyPdf } from '../lib/verify';

/** Where the command line writes: the process's streams, or a test's buffers. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: 0 done (verify: every signature valid and trusted), 1 not valid, 2 usage error, 3 refused input, 4 unexpected failure. */
export const EXIT = { ok: 0, invalid: 1, usage: 2, refused: 3, failure: 4 } as const;

const USAGE = `Cách dùng / Usage:
  npm run -s pdf -- sign --in IN.pdf --out OUT.pdf --p12 FILE.p12 --pin PIN
                         [--visible page,x,y,w,h] [--image PNG] [--name TEXT]
                         [--reason TEXT] [--location TEXT] [--tsa URL] [--digest sha256|sha384|sha512]
  npm run -s pdf -- verify --in FILE.pdf --trust ROOT.pem [--trust …] [--crl FILE.crl …] [--json]
  npm run -s pdf -- inspect --in FILE.pdf
  npm run -s pdf -- dev-pki --out DIR [--pin PIN]

  --visible: trang,x,y,rộng,cao tính bằng point từ góc dưới trái / page,x,y,width,height in points from the bottom-left.
  Không có --visible: chữ ký ẩn (có --image hoặc --name: đặt ở vị trí ký thường dùng của trang cuối).
  Without --visible the signature is invisible (with --image or --name: at the usual signing place of the last page).`;

class UsageError extends Error {}

const FLAGS: Record<string, string[]> = {
  sign: ['in', 'out', 'p12', 'pin', 'visible', 'image', 'name', 'reason', 'location', 'tsa', 'digest'],
  verify: ['in', 'trust', 'crl', 'json'],
  inspect: ['in'],
  'dev-pki': ['out', 'pin'],
};
const BOOLEAN_FLAGS = new Set(['json']);

function parse(command: string, argv: string[]): Map<string, string[]> {
  const allowed = FLAGS[command];
  const options = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const flag = /^--([a-z0-9-]+)$/.exec(argv[i])?.[1];
    if (!flag || !allowed.includes(flag)) throw new UsageError(`Tham số không hợp lệ / Unknown argument: ${argv[i]}`);
    if (BOOLEAN_FLAGS.has(flag)) {
      options.set(flag, ['true']);
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new UsageError(`Thiếu giá trị cho / Missing value for --${flag}`);
    options.set(flag, [...(options.get(flag) ?? []), value]);
  }
  return options;
}

function required(options: Map<string, string[]>, flag: string): string {
  const value = options.get(flag)?.[0];
  if (!value) throw new UsageError(`Thiếu tham số bắt buộc / Missing required option --${flag}`);
  return value;
}

function readInput(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new UsageError(`Không đọc được ${what} / Cannot read the ${what === 'tệp PDF' ? 'PDF' : 'file'}: ${path}`);
  }
}

/** Writes beside the target and renames: a reader never sees half a file. */
function writeAtomically(path: string, bytes: Buffer): void {
  const temporary = join(dirname(resolve(path)), `.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(temporary, bytes);
  try {
    renameSync(temporary, path);
  } catch (error) {
    unlinkSync(temporary);
    throw error;
  }
}

async function sign(options: Map<string, string[]>, io: Output): Promise<number> {
  const input = readInput(required(options, 'in'), 'tệp PDF');
  const outPath = required(options, 'out');
  const p12 = readInput(required(options, 'p12'), 'tệp .p12');
  const pin = required(options, 'pin');
  const digest = (options.get('digest')?.[0] ?? 'sha256') as DigestAlgorithm;
  if (!['sha256', 'sha384', 'sha512'].includes(digest)) throw new UsageError('--digest: sha256, sha384 hoặc/or sha512');
  const signer = openPkcs12(p12, pin);
  const commonName = /CN=([^\n]+)/.exec(signer.certificateChain[0].subject)?.[1] ?? 'Người ký';
  const name = options.get('name')?.[0] ?? commonName;
  const image = options.get('image')?.[0];

  let appearance: Appearance | undefined;
  const visible = options.get('visible')?.[0];
  if (visible) {
    const parts = visible.split(',').map(Number);
    if (parts.length !== 5 || !parts.every(Number.isFinite)) throw new UsageError('--visible: trang,x,y,rộng,cao / page,x,y,width,height');
    const [page, x, y, width, height] = parts;
    appearance = { kind: 'personal', page, rect: { x, y, width, height }, name, image: image ? readInput(image, 'ảnh') : undefined };
  } else if (image || options.has('name')) {
    const info = inspectPdf(input);
    const page = info.pageCount;
    appearance = { kind: 'personal', page, rect: defaultSignatureRect(info.pages[page - 1]), name, image: image ? readInput(image, 'ảnh') : undefined };
  }
  const tsa = options.get('tsa')?.[0];
  const signed = await signPdf(input, {
    signer,
    name,
    reason: options.get('reason')?.[0],
    location: options.get('location')?.[0],
    appearance,
    digestAlgorithm: digest,
    timestamp: tsa ? { url: tsa } : undefined,
  });
  writeAtomically(outPath, signed);
  io.out(`Đã ký / Signed: ${outPath} (${signed.length} byte, ${appearance ? 'hiển thị / visible' : 'ẩn / invisible'})`);
  return EXIT.ok;
}

function describe(signature: SignatureReport): string[] {
  const ok = signature.problems.length === 0;
  const yesNo = (value: boolean | null) => (value === null ? 'không rõ / unknown' : value ? 'có / yes' : 'không / no');
  return [
    `Chữ ký #${signature.index + 1} (${signature.fieldName}): ${ok ? 'HỢP LỆ / VALID' : 'KHÔNG HỢP LỆ / NOT VALID'}`,
    `  Người ký / Signer: ${signature.signer.display || '?'}`,
    `  Cấp bởi / Issuer: ${signature.issuer || '?'}`,
    `  Thời điểm ký / Signing time: ${signature.timestampTime ? `${signature.timestampTime} (dấu thời gian / time-stamp)` : (signature.signingTime ?? '?')}`,
    `  Toàn vẹn / Integrity: ${yesNo(signature.integrity)} · Chữ ký đúng / Signature verifies: ${yesNo(signature.cryptographicallyValid)} · Tin cậy / Trusted: ${yesNo(signature.trusted)}`,
    `  Thu hồi / Revoked: ${yesNo(signature.revoked)} · Sau khi ký / After signing: ${signature.modifiedAfter}`,
    `  ${signature.summary.vi}`,
    `  ${signature.summary.en}`,
  ];
}

async function verify(options: Map<string, string[]>, io: Output): Promise<number> {
  const input = readInput(required(options, 'in'), 'tệp PDF');
  const trust = options.get('trust');
  if (!trust?.length) throw new UsageError('Thiếu tham số bắt buộc / Missing required option --trust');
  const report = await verifyPdf(input, {
    trustedRoots: trust.map((path) => readInput(path, 'chứng thư gốc').toString('latin1')),
    crls: (options.get('crl') ?? []).map((path) => readInput(path, 'CRL')),
  });
  if (options.has('json')) {
    io.out(JSON.stringify(report, null, 2));
  } else {
    if (!report.signatures.length) io.out('Tài liệu không có chữ ký số. / The document has no digital signature.');
    for (const signature of report.signatures) for (const line of describe(signature)) io.out(line);
    io.out(
      report.valid
        ? 'Kết luận: mọi chữ ký đều hợp lệ và tin cậy. / Verdict: every signature is valid and trusted.'
        : 'Kết luận: tài liệu KHÔNG hợp lệ. / Verdict: the document is NOT valid.',
    );
  }
  return report.valid ? EXIT.ok : EXIT.invalid;
}

function inspect(options: Map<string, string[]>, io: Output): number {
  io.out(JSON.stringify(inspectPdf(readInput(required(options, 'in'), 'tệp PDF')), null, 2));
  return EXIT.ok;
}

/** The development PKI lives in tools/pki (this library must not depend on it): run its own command line when we are in the repository. */
function devPki(argv: string[], io: Output): number {
  parse('dev-pki', argv);
  let root = __dirname;
  while (!existsSync(join(root, 'tools/pki/src/cli.ts')) && dirname(root) !== root) root = dirname(root);
  const cli = join(root, 'tools/pki/src/cli.ts');
  if (!existsSync(cli)) {
    io.err('Lệnh dev-pki chỉ có trong kho mã VănThư. / dev-pki is only available in the VănThư repository.');
    return EXIT.usage;
  }
  const result = spawnSync(process.execPath, [join(root, 'tools/scripts/run-ts.js'), cli, ...argv], { encoding: 'utf8' });
  if (result.stdout) io.out(result.stdout.trimEnd());
  if (result.stderr) io.err(result.stderr.trimEnd());
  return result.status ?? EXIT.failure;
}

/** Runs one command; returns the exit code. */
export async function main(argv: string[], io: Output = { out: (l) => console.log(l), err: (l) => console.error(l) }): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'sign':
        return await sign(parse(command, rest), io);
      case 'verify':
        return await verify(parse(command, rest), io);
      case 'inspect':
        return inspect(parse(command, rest), io);
      case 'dev-pki':
        return devPki(rest, io);
      case undefined:
      case 'help':
      case '--help':
        io.out(USAGE);
        return command ? EXIT.ok : EXIT.usage;
      default:
        throw new UsageError(`Lệnh không hợp lệ / Unknown command: ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      io.err(USAGE);
      return EXIT.usage;
    }
    if (error instanceof PdfSigningError) {
      io.err(`Lỗi: ${error.text.vi}`);
      io.err(`Error: ${error.text.en}`);
      return EXIT.refused;
    }
    io.err(`Lỗi không mong đợi / Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failure;
  }
}

if (process.argv[1] === __filename) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
