/**
 * A stand-in for the VGCA Sign Service (the plugin on a leader's computer), for the browser tests:
 * a WebSocket server speaking the protocol of libs/web/documents/src/lib/signing/vgca-sign-service.ts.
 * On a request it fetches the file URL, signs with a SoftHSM2 token through PKCS#11 (the key never
 * leaves the token), with a visible appearance, posts the result to the upload URL (multipart
 * `file`), and answers `{ Status: 0 }`, or `{ Status: 1, Message }` when anything failed.
 *
 * Run on its own (stand-in-plugin.main.ts), it makes a CA and the chairman's certificate, puts
 * them on a fresh token under `--dir`, listens on `--port`, and prints one JSON line
 * `{ ready, rootPem, certificatePem }` for the test to trust and bind.
 *
 * It listens on plain ws://: the API points the browser at it with SIGNING_PLUGIN_URL (tests only;
 * the real plugin is wss://127.0.0.1:8987).
 */
import { join } from 'node:path';

import { createDevPki } from '@vanthu/dev-pki';
import { createSoftHsmToken } from '@vanthu/dev-pki/testing';
import { openPkcs11, signPdf } from '@vanthu/pdf-signing';
import { WebSocketServer } from 'ws';

export interface StandInPluginOptions {
  port: number;
  module: string;
  tokenLabel: string;
  keyLabel: string;
  pin: string;
  /** Certificates the token may lack (the issuing CA). */
  extraCertificates?: string[];
}

interface SignRequestMessage {
  FileName?: string;
  FileUploadHandler?: string;
  SessionId?: string;
  MetaData?: Array<{ Key: string; Value: string }>;
}

/** What the stand-in did, for the test's figures. */
export interface StandInLog {
  at: string;
  path: string;
  status: number;
  message: string;
  ms: number;
}

export async function startStandInPlugin(o: StandInPluginOptions): Promise<{ close(): Promise<void>; log: StandInLog[] }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: o.port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const log: StandInLog[] = [];
  server.on('connection', (socket, request) => {
    socket.on('message', (data) => {
      const started = Date.now();
      void signRequest(o, String(data)).then(
        (fileName) => ({ Status: 0, Message: '', FileName: fileName }),
        (error: unknown) => ({ Status: 1, Message: error instanceof Error ? error.message : String(error) }),
      ).then((answer) => {
        log.push({ at: new Date().toISOString(), path: request.url ?? '', status: answer.Status, message: answer.Message, ms: Date.now() - started });
        socket.send(JSON.stringify(answer));
      });
    });
  });
  return {
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

async function signRequest(o: StandInPluginOptions, text: string): Promise<string> {
  const request = JSON.parse(text) as SignRequestMessage;
  if (!request.FileName || !request.FileUploadHandler) throw new Error('FileName and FileUploadHandler are required');
  const meta = new Map((request.MetaData ?? []).map((m) => [m.Key, m.Value]));
  const fetched = await fetch(request.FileName);
  if (!fetched.ok) throw new Error(`GET ${request.FileName}: ${fetched.status}`);
  const pdf = Buffer.from(await fetched.arrayBuffer());
  const [x, y, width, height] = (meta.get('Rect') ?? '330,120,200,110').split(',').map(Number);
  const signer = await openPkcs11({ module: o.module, tokenLabel: o.tokenLabel, keyLabel: o.keyLabel, pin: o.pin, extraCertificates: o.extraCertificates });
  let signed: Buffer;
  try {
    signed = await signPdf(pdf, {
      signer,
      appearance: { kind: 'personal', page: Number(meta.get('Page') ?? 1), rect: { x, y, width, height }, name: meta.get('SignerName') ?? 'USB token' },
    });
  } finally {
    await signer.close();
  }
  const form = new FormData();
  form.append('file', new Blob([signed], { type: 'application/pdf' }), 'da-ky.pdf');
  const uploaded = await fetch(request.FileUploadHandler, { method: 'POST', body: form });
  if (!uploaded.ok) throw new Error(`POST ${request.FileUploadHandler}: ${uploaded.status} ${await uploaded.text()}`);
  return 'da-ky.pdf';
}

function argument(name: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : undefined;
  if (!value) throw new Error(`--${name} is required`);
  return value;
}

/** The command line: `node tools/scripts/run-ts.js e2e/support/stand-in-plugin.main.ts --dir D --port P`. */
export async function main(): Promise<void> {
  const dir = argument('dir');
  const pin = '246810';
  const pki = createDevPki({ commonName: 'CA thử nghiệm USB token' });
  const chairman = pki.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', pin: '1' });
  const token = createSoftHsmToken({ dir: join(dir, 'softhsm'), tokenLabel: 'VanThu Chu tich', pin, keys: [{ label: 'chairman', id: '01', credential: chairman }] });
  // The module reads SOFTHSM2_CONF when it is initialised: this token's folder, nothing global.
  process.env['SOFTHSM2_CONF'] = token.conf;
  const plugin = await startStandInPlugin({ port: Number(argument('port')), module: token.module, tokenLabel: token.tokenLabel, keyLabel: 'chairman', pin, extraCertificates: chairman.chainPem.slice(1) });
  process.stdout.write(`${JSON.stringify({ ready: true, rootPem: pki.root.certificatePem, certificatePem: chairman.certificatePem })}\n`);
  const stop = () => void plugin.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Each answer on stdout too, for the test's figures.
  setInterval(() => {
    while (plugin.log.length) process.stdout.write(`${JSON.stringify({ answered: plugin.log.shift() })}\n`);
  }, 100).unref();
}
