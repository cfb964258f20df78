/**
 * Token and long-term-validation benchmark (`npm run bench:token`): the time of one PKCS#11
 * signature on a SoftHSM2 token, and of signing a generated 1 MB PDF at each PAdES level with a
 * PKCS#12 key and with the token — B-LT including the OCSP and CRL requests and the time-stamp,
 * all answered on loopback by the development PKI's services (`openssl ocsp`, `openssl ts`, a CRL
 * file server). Prints a table of medians and 95th percentiles, each with its ratio to a baseline
 * named in the row and measured in the same run: the key operation against the same key in this
 * process (PKCS#12), each 1 MB signing against PKCS#12 B-B. Everything it starts, it stops.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createDevPki } from '@vanthu/dev-pki';
import { createSoftHsmToken, freePort, startFileServer, startOcspResponder, startTimestampAuthority } from '@vanthu/dev-pki/testing';
import { httpRevocationFetcher, openPkcs11, openPkcs12, Signer, signPdf, verifyPdf } from '@vanthu/pdf-signing';
import { concatTransformationMatrix, drawObject, PDFDocument, PDFName, PDFRawStream, popGraphicsState, pushGraphicsState } from 'pdf-lib';

import { describeEnvironment, environment, loadNow } from './support/bench-kit';

/** A PDF of about `bytes` bytes: one page with an uncompressed image (as scanned documents are). */
async function generate(bytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const width = 1000;
  const height = Math.floor(bytes / (width * 3));
  const image = doc.context.register(
    PDFRawStream.of(doc.context.obj({ Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 }), randomBytes(width * height * 3)),
  );
  const page = doc.addPage([595, 842]);
  page.node.setXObject(PDFName.of('Im0'), image);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(500, 0, 0, 500 * (height / width), 48, 200), drawObject('Im0'), popGraphicsState());
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function summary(times: number[]): { median: number; p95: number; min: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)], min: sorted[0] };
}

async function measure(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  await work(); // warm-up: modules loaded, connections made, fonts cached
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

async function main(): Promise<void> {
  const env = await environment();
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-token-bench-'));
  const files = await startFileServer();
  const ocspPort = await freePort();
  const pki = createDevPki({ urls: { issuingCrl: `${files.baseUrl}/issuing.crl`, rootCrl: `${files.baseUrl}/root.crl`, ocsp: `http://127.0.0.1:${ocspPort}` } });
  files.serve('/issuing.crl', () => pki.crl().der);
  files.serve('/root.crl', () => pki.rootCrl().der);
  const leader = pki.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', pin: '123456' });
  const tsa = await startTimestampAuthority({ pki, dir });
  const responder = await startOcspResponder({ pki, dir, port: ocspPort });
  const token = createSoftHsmToken({ dir: join(dir, 'softhsm'), tokenLabel: 'Bench token', pin: '246810', keys: [{ label: 'leader', id: '01', credential: leader }] });
  process.env.SOFTHSM2_CONF = token.conf;
  const hsm = await openPkcs11({ module: token.module, tokenLabel: 'Bench token', keyLabel: 'leader', pin: '246810' });
  const p12 = openPkcs12(leader.p12, '123456');
  const pdf = await generate(1_048_576);
  const ltv = { anchors: [pki.root.certificate], revocation: { fetch: httpRevocationFetcher({ timeoutMs: 5000 }) }, mode: 'hard' as const };
  // [label, times, the label of the row it is compared with]
  const rows: [string, number[], string | null][] = [];
  const keyBaseline = 'PKCS#12 signature (same key in this process): the key operation alone';
  const signBaseline = 'sign 1 MB PDF, PKCS#12, B-B';
  try {
    const attributes = randomBytes(180);
    rows.push([keyBaseline, await measure(100, () => p12.sign(attributes, 'sha256')), null]);
    rows.push(['PKCS#11 signature (SoftHSM2, RSA-2048, SHA-256): the token operation alone', await measure(100, () => hsm.sign(attributes, 'sha256')), keyBaseline]);
    const signAt = (signer: Signer, level: 'B-B' | 'B-T' | 'B-LT') =>
      signPdf(pdf, { signer, timestamp: level === 'B-B' ? undefined : { url: tsa.url }, ltv: level === 'B-LT' ? ltv : undefined });
    for (const [label, signer] of [['PKCS#12', p12], ['PKCS#11', hsm]] as const) {
      for (const level of ['B-B', 'B-T', 'B-LT'] as const) {
        const name = `sign 1 MB PDF, ${label}, ${level}`;
        const detail = level === 'B-LT' ? ' (OCSP + CRL fetched, time-stamp, DSS update)' : level === 'B-T' ? ' (time-stamp)' : '';
        rows.push([name + detail, await measure(level === 'B-B' ? 30 : 15, () => signAt(signer, level)), name === signBaseline ? null : signBaseline]);
      }
    }
    const blt = await signAt(hsm, 'B-LT');
    rows.push(['verify the 1 MB B-LT PDF offline (DSS only), hard mode', await measure(15, () => verifyPdf(blt, { trustedRoots: [pki.root.certificate], revocationMode: 'hard' })), signBaseline]);
  } finally {
    await hsm.close();
    await responder.stop();
    await tsa.stop();
    await files.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(describeEnvironment(env, [['load average at the end', loadNow()]]));
  console.log(`1 MB PDF = ${pdf.length} bytes`);
  const medianOf = new Map(rows.map(([label, times]) => [label, summary(times).median]));
  console.log(`${'what'.padEnd(width)}  runs  median ms  p95 ms  min ms  × baseline`);
  for (const [label, times, baseline] of rows) {
    const { median, p95, min } = summary(times);
    const ratio = baseline ? `${(median / (medianOf.get(baseline) ?? NaN)).toFixed(1)}× ${baseline}` : 'baseline';
    console.log(`${label.padEnd(width)}  ${String(times.length).padStart(4)}  ${median.toFixed(1).padStart(9)}  ${p95.toFixed(1).padStart(6)}  ${min.toFixed(1).padStart(6)}  ${ratio}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
