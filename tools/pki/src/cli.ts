import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { createDevPki, demoSealImage, demoSignatureImage, exportDevPki } from './index';

/**
 * Writes a development PKI to a folder, for trying the signing command line:
 *   node tools/scripts/run-ts.js tools/pki/src/cli.ts --out DIR [--pin PIN]
 * (`npm run -s pdf -- dev-pki --out DIR` runs this too). Development only: the CA keys are in
 * pki.json in the clear.
 */
export function writeDevPki(out: string, pin: string): string[] {
  mkdirSync(out, { recursive: true });
  const pki = createDevPki();
  const leader = pki.issuePersonal({
    fullName: 'Nguyễn Văn Hùng',
    title: 'Chủ tịch UBND huyện',
    organisation: 'UBND huyện Tuy Đức',
    province: 'Đắk Nông',
    locality: 'huyện Tuy Đức',
    uid: 'CCCD:067085001234',
    pin,
  });
  const organisation = pki.issueOrganisation({ name: 'Ủy ban nhân dân huyện Tuy Đức', province: 'Đắk Nông', uid: 'MST:6400123456', pin });
  const files: Record<string, Buffer | string> = {
    'root.pem': pki.root.certificatePem,
    'issuing.pem': pki.issuing.certificatePem,
    'pki.json': exportDevPki(pki),
    'leader.p12': leader.p12,
    'organisation.p12': organisation.p12,
    'crl.pem': pki.crl({ revokedSerials: [] }).pem,
    'signature.png': demoSignatureImage({ seed: 'Nguyễn Văn Hùng' }),
    'seal.png': demoSealImage({ organisation: 'Ủy ban nhân dân huyện Tuy Đức' }),
    'README.txt': [
      'VănThư development PKI — for trying the signing command line only.',
      '',
      `PIN of leader.p12 and organisation.p12: ${pin}`,
      'root.pem: the root to trust (npm run -s pdf -- verify --in FILE.pdf --trust root.pem)',
      'pki.json: both CA keys in the clear (importDevPki) — never use outside development.',
      '',
    ].join('\n'),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(out, name), content);
  return Object.keys(files);
}

function run(argv: string[]): number {
  let out: string | undefined;
  let pin = '123456';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = argv[++i];
    else if (argv[i] === '--pin') pin = argv[++i];
    else {
      console.error(`Tham số không hợp lệ / Unknown argument: ${argv[i]}`);
      out = undefined;
      break;
    }
  }
  if (!out || !pin) {
    console.error('Cách dùng / Usage: dev-pki --out DIR [--pin PIN]');
    return 2;
  }
  const dir = resolve(out);
  const written = writeDevPki(dir, pin);
  console.log(`Đã tạo PKI phát triển trong / Development PKI written to ${dir}:`);
  for (const name of written) console.log(`  ${name}`);
  console.log(`Mã PIN / PIN: ${pin}`);
  return 0;
}

if (process.argv[1] === __filename) process.exitCode = run(process.argv.slice(2));
