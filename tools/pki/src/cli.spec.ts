import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { writeDevPki } from './cli';
import { importDevPki } from './lib/dev-pki';

describe('dev-pki command line', () => {
  it('writes a root, two PKCS#12 files under the PIN, the images and an exportable PKI to a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-pki-cli-'));
    try {
      expect(writeDevPki(dir, '9753').sort()).toEqual(['README.txt', 'crl.pem', 'issuing.pem', 'leader.p12', 'organisation.p12', 'pki.json', 'root.pem', 'seal.png', 'signature.png']);
      const chain = execFileSync('openssl', ['pkcs12', '-in', join(dir, 'leader.p12'), '-passin', 'pass:9753', '-nokeys'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(chain.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
      const pki = importDevPki(readFileSync(join(dir, 'pki.json'), 'utf8'));
      expect(pki.root.certificatePem).toBe(readFileSync(join(dir, 'root.pem'), 'utf8'));
      expect(readFileSync(join(dir, 'README.txt'), 'utf8')).toContain('9753');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
