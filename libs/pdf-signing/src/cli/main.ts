import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { defaultSignatureRect } from '../lib/appearance/geometry';
import { DigestAlgorithm } from '../lib/cms/cms';
import { PdfSigningError } from '../lib/errors';
import { inspectPdf } from '../lib/inspect';
import { openPkcs11 } from '../lib/pkcs11';
import { signPdf } from '../lib/sign';
import { openPkcs12, Signer } from '../lib/signers';
import { httpRevocationFetcher } from '../lib/trust/revocation';
import { Appearance, LongTermValidationOptions, SignatureReport } from '../lib/types';
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
                         [--ltv [--trust ROOT.pem …] [--chain CA.pem …]]
  npm run -s pdf -- sign --in IN.pdf --out OUT.pdf --pkcs11-module LIB.so [--token-label T]
                         (--key-label K | --key-id HEX) --pin PIN [same options as above]
  npm run -s pdf -- verify --in FILE.pdf --trust ROOT.pem [--trust …] [--crl FILE.crl …]
                         [--online] [--revocation soft|hard] [--json]
  npm run -s pdf -- inspect --in FILE.pdf
  npm run -s pdf -- dev-pki --out DIR [--pin PIN]

  --visible: trang,x,y,rộng,cao tính bằng point từ góc dưới trái / page,x,y,width,height in points from the bottom-left.
  Không có --visible: chữ ký ẩn (có --image hoặc --name: đặt ở vị trí ký thường dùng của trang cuối).
  Without --visible the signature is invisible (with --image or --name: at the usual signing place of the last page).
  --ltv: PAdES B-LT (với --tsa / with --tsa): CRL/OCSP lấy qua HTTP, nhúng vào DSS / CRL/OCSP fetched over HTTP, embedded in a DSS.
         Không có --trust: chứng thư gốc tự ký cuối chuỗi / Without --trust: the self-signed root at the end of the chain.
  --online: kiểm tra thu hồi qua mạng / check revocation online; --revocation hard: không rõ tình trạng thu hồi là không hợp lệ / unknown revocation is invalid.`;

class UsageError extends Error {}

const FLAGS: Record<string, string[]> = {
  sign: ['in', 'out', 'p12', 'pin', 'visible', 'image', 'name', 'reason', 'location', 'tsa', 'digest', 'pkcs11-module', 'token-label', 'key-label', 'key-id', 'ltv', 'trust', 'chain'],
  verify: ['in', 'trust', 'crl', 'json', 'online', 'revocation'],
  inspect: ['in'],
  'dev-pki': ['out', 'pin'],
};
const BOOLEAN_FLAGS = new Set(['json', 'ltv', 'online']);

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

/** The signer the options name: a PKCS#12 file, or a key on a PKCS#11 token (closed by the caller). */
async function openSigner(options: Map<string, string[]>): Promise<{ signer: Signer; close: () => Promise<void> }> {
  const pin = required(options, 'pin');
  const module = options.get('pkcs11-module')?.[0];
  const extra = (options.get('chain') ?? []).map((path) => readInput(path, 'chứng thư').toString('latin1'));
  if (module) {
    if (options.has('p12')) throw new UsageError('--p12 và/and --pkcs11-module: chọn một / choose one');
    const keyLabel = options.get('key-label')?.[0];
    const keyId = options.get('key-id')?.[0];
    if (!keyLabel && !keyId) throw new UsageError('Thiếu tham số bắt buộc / Missing required option --key-label (hoặc/or --key-id)');
    const signer = await openPkcs11({ module, tokenLabel: options.get('token-label')?.[0], keyLabel, keyId, pin, extraCertificates: extra });
    return { signer, close: () => signer.close() };
  }
  const signer = openPkcs12(readInput(required(options, 'p12'), 'tệp .p12'), pin);
  if (extra.length) signer.certificateChain.push(...extra.map((pem) => new X509Certificate(pem)));
  return { signer, close: async () => undefined };
}

/** Trust for --ltv: the --trust files, else the self-signed certificate that ends the signer's chain. */
function ltvOptions(options: Map<string, string[]>, signer: Signer): LongTermValidationOptions {
  const trust = (options.get('trust') ?? []).map((path) => readInput(path, 'chứng thư gốc').toString('latin1'));
  const top = signer.certificateChain[signer.certificateChain.length - 1];
  const anchors = trust.length ? trust : top.checkIssued(top) ? [top] : [];
  if (!anchors.length) throw new UsageError('--ltv: chuỗi chứng thư không kết thúc bằng chứng thư gốc, hãy thêm --trust ROOT.pem / the chain does not end with a root: add --trust ROOT.pem');
  return { anchors, revocation: { fetch: httpRevocationFetcher({ timeoutMs: 10_000 }) }, mode: 'hard' };
}

async function sign(options: Map<string, string[]>, io: Output): Promise<number> {
  const input = readInput(required(options, 'in'), 'tệp PDF');
  const outPath = required(options, 'out');
  const digest = (options.get('digest')?.[0] ?? 'sha256') as DigestAlgorithm;
  if (!['sha256', 'sha384', 'sha512'].includes(digest)) throw new UsageError('--digest: sha256, sha384 hoặc/or sha512');
  if (!options.has('pkcs11-module') && !options.has('p12')) throw new UsageError('Thiếu tham số bắt buộc / Missing required option --p12 (hoặc/or --pkcs11-module)');
  required(options, 'pin');
  const { signer, close } = await openSigner(options);
  try {
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
    const ltv = options.has('ltv') ? ltvOptions(options, signer) : undefined;
    const signed = await signPdf(input, {
      signer,
      name,
      reason: options.get('reason')?.[0],
      location: options.get('location')?.[0],
      appearance,
      digestAlgorithm: digest,
      timestamp: tsa ? { url: tsa } : undefined,
      ltv,
    });
    writeAtomically(outPath, signed);
    const level = tsa ? (ltv ? 'PAdES B-LT' : 'PAdES B-T') : ltv ? 'PAdES B-B + DSS' : 'PAdES B-B';
    io.out(`Đã ký / Signed: ${outPath} (${signed.length} byte, ${appearance ? 'hiển thị / visible' : 'ẩn / invisible'}, ${level})`);
    if (ltv && !tsa) io.out('Lưu ý: B-LT cần dấu thời gian (--tsa). / Note: B-LT needs a time-stamp (--tsa).');
    return EXIT.ok;
  } finally {
    await close();
  }
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
    `  Thu hồi / Revocation: ${signature.revocation.status}${signature.revocation.source ? ` (${signature.revocation.source})` : ''} · Mục đích khóa / Key usage: ${yesNo(signature.keyUsageValid)} · Sau khi ký / After signing: ${signature.modifiedAfter}`,
    `  Mức / Level: ${signature.level ?? '—'} · Kiểm tra tại / Checked at: ${signature.validationTime} (${signature.validationTimeSource})`,
    ...signature.warnings.flatMap((w) => [`  ${w.vi}`, `  ${w.en}`]),
    `  ${signature.summary.vi}`,
    `  ${signature.summary.en}`,
  ];
}

async function verify(options: Map<string, string[]>, io: Output): Promise<number> {
  const input = readInput(required(options, 'in'), 'tệp PDF');
  const trust = options.get('trust');
  if (!trust?.length) throw new UsageError('Thiếu tham số bắt buộc / Missing required option --trust');
  const mode = options.get('revocation')?.[0] ?? 'soft';
  if (mode !== 'soft' && mode !== 'hard') throw new UsageError('--revocation: soft hoặc/or hard');
  const report = await verifyPdf(input, {
    trustedRoots: trust.map((path) => readInput(path, 'chứng thư gốc').toString('latin1')),
    crls: (options.get('crl') ?? []).map((path) => readInput(path, 'CRL')),
    fetch: options.has('online') ? httpRevocationFetcher({ timeoutMs: 10_000 }) : undefined,
    revocationMode: mode,
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
