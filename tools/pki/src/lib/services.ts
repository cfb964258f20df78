import { ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo, createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { DevPki, IssuedCredential } from './dev-pki';

/**
 * The network services of the development PKI, for tests and benchmarks on this machine only:
 * an HTTP server for CRLs, `openssl ocsp` as a real OCSP responder, and `openssl ts` as a
 * time-stamping authority. Everything listens on loopback ports chosen by the system; each
 * `stop()` ends what it started.
 */

const execFileAsync = promisify(execFile);

/** A TCP port that was free a moment ago (for a process that must be told its port, such as `openssl ocsp -port`). */
export async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A small HTTP server that answers GET requests for the paths it was given (CRLs, certificates). */
export interface FileServer {
  /** `http://127.0.0.1:PORT`. */
  baseUrl: string;
  /** Serves bytes at a path; a function is called on each request (a CRL made fresh). Returns the URL. */
  serve(path: string, body: Buffer | (() => Buffer), contentType?: string): string;
  /** Requests received per path. */
  requests(path: string): number;
  stop(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** Starts a {@link FileServer} on a free loopback port. */
export async function startFileServer(): Promise<FileServer> {
  const routes = new Map<string, { body: Buffer | (() => Buffer); contentType: string }>();
  const counts = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const route = routes.get(path);
    if (!route || request.method !== 'GET') {
      response.writeHead(404).end();
      return;
    }
    const body = typeof route.body === 'function' ? route.body() : route.body;
    response.writeHead(200, { 'Content-Type': route.contentType, 'Content-Length': body.length }).end(body);
  });
  const port = await listen(server);
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    serve(path, body, contentType = 'application/pkix-crl') {
      routes.set(path, { body, contentType });
      return `${baseUrl}${path}`;
    },
    requests: (path) => counts.get(path) ?? 0,
    stop: () => close(server),
  };
}

/** A running `openssl ocsp` responder. */
export interface OcspResponder {
  url: string;
  /**
   * Rewrites the index from the PKI (after a revocation or a new certificate) and restarts the
   * responder on the same port: OpenSSL 3.0's `openssl ocsp` reads its index once.
   */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Waits until `openssl ocsp` says it listens. Not by connecting to it: OpenSSL 3.0's responder
 * spins on a connection that closes without a request.
 */
async function waitUntilListening(child: ChildProcess, timeoutMs: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`openssl ocsp did not start: ${said}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      said += chunk.toString('latin1');
      if (/waiting for OCSP client connections/i.test(said)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`openssl ocsp exited with ${code}: ${said}`));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Runs `openssl ocsp -index … -port …` for the PKI's issuing CA, signing as a delegated
 * responder (issued here unless given). `port` is the one written into the certificates' AIA
 * ({@link freePort}); `openssl ocsp` listens on every interface of that port.
 */
export async function startOcspResponder(o: { pki: DevPki; dir: string; port: number; responder?: IssuedCredential; nextUpdateMinutes?: number }): Promise<OcspResponder> {
  const responder = o.responder ?? o.pki.issueOcspResponder();
  const file = (name: string) => join(o.dir, name);
  writeFileSync(file('ocsp-responder.pem'), responder.certificatePem);
  writeFileSync(file('ocsp-responder.key'), responder.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(file('ocsp-ca.pem'), o.pki.issuing.certificatePem);
  const args = [
    'ocsp',
    '-index', file('ocsp-index.txt'),
    '-port', String(o.port),
    '-rsigner', file('ocsp-responder.pem'),
    '-rkey', file('ocsp-responder.key'),
    '-CA', file('ocsp-ca.pem'),
    '-nmin', String(o.nextUpdateMinutes ?? 60),
    // Keep serving after a malformed request instead of exiting.
    '-ignore_err',
  ];
  let child: ChildProcess | undefined;
  const start = async () => {
    writeFileSync(file('ocsp-index.txt'), o.pki.ocspIndex());
    const started = spawn('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = started;
    try {
      await waitUntilListening(started, 10_000);
    } catch (error) {
      await stopProcess(started);
      throw error;
    }
  };
  const stop = async () => {
    if (child) await stopProcess(child);
  };
  await start();
  return {
    url: `http://127.0.0.1:${o.port}`,
    refresh: async () => {
      await stop();
      await start();
    },
    stop,
  };
}

/** A time-stamping authority: `openssl ts -reply` behind an HTTP handler. */
export interface TimestampAuthority {
  url: string;
  credential: IssuedCredential;
  requests(): number;
  stop(): Promise<void>;
}

/** Starts an RFC 3161 time-stamping authority whose certificate the PKI issues (timeStamping, critical). */
export async function startTimestampAuthority(o: { pki: DevPki; dir: string }): Promise<TimestampAuthority> {
  const tsa = o.pki.issueTimestampAuthority();
  const file = (name: string) => join(o.dir, name);
  writeFileSync(file('tsa.pem'), tsa.certificatePem);
  writeFileSync(file('tsa.key'), tsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(file('tsa-chain.pem'), o.pki.issuing.certificatePem);
  writeFileSync(file('tsa-serial'), '01\n');
  writeFileSync(
    file('tsa.cnf'),
    [
      '[ tsa ]',
      'default_tsa = tsa_config',
      '[ tsa_config ]',
      `dir = ${o.dir}`,
      'serial = $dir/tsa-serial',
      'crypto_device = builtin',
      'signer_cert = $dir/tsa.pem',
      'certs = $dir/tsa-chain.pem',
      'signer_key = $dir/tsa.key',
      'signer_digest = sha256',
      'default_policy = 1.3.6.1.4.1.99999.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  let count = 0;
  const server = createServer((request, response) => {
    void (async () => {
      const n = ++count;
      const query = await readBody(request);
      writeFileSync(file(`tsa-${n}.tsq`), query);
      try {
        await execFileAsync('openssl', ['ts', '-reply', '-config', file('tsa.cnf'), '-queryfile', file(`tsa-${n}.tsq`), '-out', file(`tsa-${n}.tsr`)]);
        response.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(readFileSync(file(`tsa-${n}.tsr`)));
      } catch {
        response.writeHead(500).end();
      }
    })();
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/tsa`, credential: tsa, requests: () => count, stop: () => close(server) };
}
