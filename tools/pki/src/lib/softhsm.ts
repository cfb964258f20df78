import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { IssuedCredential } from './dev-pki';

/** Where Debian's softhsm2 package puts its PKCS#11 module. */
const SOFTHSM_MODULES = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so'];

/** The SoftHSM2 PKCS#11 module on this machine, or null when the softhsm2 package is not installed. */
export function softHsmModule(): string | null {
  return SOFTHSM_MODULES.find((path) => existsSync(path)) ?? null;
}

/** A key with its certificate to put on a token. */
export interface TokenKey {
  /** CKA_LABEL of the private key and of its certificate. */
  label: string;
  /** CKA_ID, hex (it ties the key to its certificate). */
  id: string;
  credential: IssuedCredential;
}

/** A SoftHSM2 token in a folder of its own. */
export interface SoftHsmToken {
  module: string;
  tokenLabel: string;
  pin: string;
  /** SOFTHSM2_CONF: the token's configuration, which every process that loads the module must see. */
  conf: string;
  /** `process.env` with SOFTHSM2_CONF set, for child processes. */
  env: NodeJS.ProcessEnv;
}

/**
 * Creates a SoftHSM2 token under `dir` (nothing global is touched: its own SOFTHSM2_CONF and
 * token folder), with `softhsm2-util` and OpenSC's `pkcs11-tool`, as an administrator would
 * prepare a USB token: each private key imported with its certificate (same CKA_ID and label),
 * and the issuing CA's certificate beside them, so that the token holds the chain.
 */
export function createSoftHsmToken(o: { dir: string; tokenLabel: string; pin: string; soPin?: string; keys: TokenKey[] }): SoftHsmToken {
  const module = softHsmModule();
  if (!module) throw new Error('SoftHSM2 is not installed (apt-get install softhsm2 opensc)');
  const tokens = join(o.dir, 'tokens');
  mkdirSync(tokens, { recursive: true });
  const conf = join(o.dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const run = (command: string, args: string[]) => execFileSync(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });

  run('softhsm2-util', ['--init-token', '--free', '--label', o.tokenLabel, '--pin', o.pin, '--so-pin', o.soPin ?? '87654321']);
  const pkcs11Tool = (args: string[]) => run('pkcs11-tool', ['--module', module, '--token-label', o.tokenLabel, '--login', '--pin', o.pin, ...args]);
  const caIds = new Map<string, string>();
  for (const key of o.keys) {
    const keyFile = join(o.dir, `${key.id}.key.pem`);
    writeFileSync(keyFile, key.credential.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    try {
      run('softhsm2-util', ['--import', keyFile, '--token', o.tokenLabel, '--label', key.label, '--id', key.id, '--pin', o.pin]);
    } finally {
      rmSync(keyFile, { force: true });
    }
    const certFile = join(o.dir, `${key.id}.cert.der`);
    writeFileSync(certFile, key.credential.certificate.raw);
    pkcs11Tool(['--write-object', certFile, '--type', 'cert', '--id', key.id, '--label', key.label]);
    // The issuing CA once, under an id of its own.
    for (const pem of key.credential.chainPem.slice(1)) {
      if (caIds.has(pem)) continue;
      const id = `ca${String(caIds.size + 1).padStart(2, '0')}`;
      caIds.set(pem, id);
      const caFile = join(o.dir, `${id}.der`);
      writeFileSync(caFile, Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
      pkcs11Tool(['--write-object', caFile, '--type', 'cert', '--id', id, '--label', `CA ${caIds.size}`]);
    }
  }
  return { module, tokenLabel: o.tokenLabel, pin: o.pin, conf, env };
}
