import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { IssuedCredential } from '@vanthu/dev-pki';
import { createSoftHsmToken, SoftHsmToken } from '@vanthu/dev-pki/testing';

import { corpus } from '../../test/fixtures';
import { RevocationEnvironment, startRevocationEnvironment } from '../../test/revocation';
import { nssDatabase, pdfsig, qpdfCheck, run } from '../../test/validators';
import { EXIT, main } from '../cli/main';
import { openPkcs11, Pkcs11Signer } from './pkcs11';
import { signPdf } from './sign';
import { verifyPdf } from './verify';

const WORKSPACE = resolve(__dirname, '../../../..');

/** From test/node-environment.js: sets a variable of the worker process, which native code reads. */
declare const setProcessEnv: (name: string, value: string | undefined) => void;
const PIN = '246810';

/** The real command line, as a user runs it: `npm run -s pdf -- …` in its own process. */
function npmPdf(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn('npm', ['run', '-s', 'pdf', '--', ...args], { cwd: WORKSPACE, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('close', (code) => done({ code, out, err }));
  });
}

describe('PKCS#11 signing on a SoftHSM2 token (pkcs11js)', () => {
  let env: RevocationEnvironment;
  let token: SoftHsmToken;
  let leader: IssuedCredential;
  let nss: string;
  const opened: Pkcs11Signer[] = [];

  beforeAll(async () => {
    env = await startRevocationEnvironment({ tsa: true });
    leader = await env.issueLeader();
    const ecLeader = env.pki.issuePersonal({ fullName: 'Lê Thị Elliptic', title: 'Phó Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', pin: '1', keyType: 'ec' });
    await env.responder.refresh();
    token = createSoftHsmToken({
      dir: join(env.dir, 'softhsm'),
      tokenLabel: 'VanThu Lanh dao',
      pin: PIN,
      keys: [
        { label: 'leader', id: '01', credential: leader },
        { label: 'leader-ec', id: '02', credential: ecLeader },
      ],
    });
    // The module reads SOFTHSM2_CONF when it is initialised: a private token folder, nothing global.
    setProcessEnv('SOFTHSM2_CONF', token.conf);
    nss = nssDatabase(join(env.dir, 'nss'), env.pki.root.certificatePem);
    writeFileSync(join(env.dir, 'root.pem'), env.pki.root.certificatePem);
  });
  afterAll(async () => {
    for (const signer of opened) await signer.close();
    setProcessEnv('SOFTHSM2_CONF', undefined);
    await env?.stop();
  });

  const open = async (options: Partial<Parameters<typeof openPkcs11>[0]> = {}) => {
    const signer = await openPkcs11({ module: token.module, tokenLabel: 'VanThu Lanh dao', keyLabel: 'leader', pin: PIN, ...options });
    opened.push(signer);
    return signer;
  };

  it('signs with the RSA key on the token: the chain comes from the token, pdfsig and our verifier find the signature valid', async () => {
    const signer = await open();
    expect(signer.certificateChain.map((c) => c.subject)).toEqual([leader.certificate.subject, env.pki.issuing.certificate.subject]);
    const signed = await signPdf(corpus('libreoffice-ke-hoach.pdf'), {
      signer,
      appearance: { kind: 'personal', page: 1, rect: { x: 330, y: 120, width: 200, height: 110 }, name: 'Nguyễn Văn Hùng' },
    });
    const file = join(env.dir, 'token.pdf');
    writeFileSync(file, signed);
    expect(qpdfCheck(file).clean).toBe(true);
    expect(pdfsig(file, nss)[0]).toMatchObject({ signatureValid: true, certificate: 'Certificate is Trusted.', commonName: 'Nguyễn Văn Hùng' });
    const report = await verifyPdf(signed, { trustedRoots: [env.pki.root.certificate] });
    expect(report.valid).toBe(true);
    expect(report.signatures[0]).toMatchObject({ level: 'B-B', serial: leader.serial });
  });

  it('signs with an ECDSA P-256 key on the token', async () => {
    const signer = await open({ keyLabel: 'leader-ec' });
    const signed = await signPdf(corpus('pdflib-object-streams.pdf'), { signer });
    expect((await verifyPdf(signed, { trustedRoots: [env.pki.root.certificate] })).valid).toBe(true);
    const file = join(env.dir, 'token-ec.pdf');
    writeFileSync(file, signed);
    expect(pdfsig(file, nss)[0].signatureValid).toBe(true);
  });

  it('keeps the private key on the token: sensitive and not extractable (OpenSC lists it so)', () => {
    const listing = run('pkcs11-tool', ['--module', token.module, '--token-label', 'VanThu Lanh dao', '--login', '--pin', PIN, '--list-objects', '--type', 'privkey'], { env: token.env });
    const keys = listing.stdout.split(/(?=Private Key Object)/).filter((block) => block.startsWith('Private Key Object'));
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key).toMatch(/Access:\s+sensitive/);
      expect(key).not.toMatch(/\bextractable\b/);
    }
  });

  it('refuses a wrong PIN with WRONG_PIN, an unknown token or key with TOKEN_FAILED', async () => {
    for (const signer of opened.splice(0)) await signer.close();
    // Logged out: the token itself judges the PIN.
    await expect(open({ pin: '000000' })).rejects.toMatchObject({ code: 'WRONG_PIN', text: { vi: 'Mã PIN không đúng.' } });
    // Logged in by another signer: the token would accept any PIN, the library does not.
    await open();
    await expect(open({ pin: '000000' })).rejects.toMatchObject({ code: 'WRONG_PIN' });
    await expect(open({ tokenLabel: 'Token khác' })).rejects.toMatchObject({ code: 'TOKEN_FAILED' });
    await expect(open({ keyLabel: 'khong-co' })).rejects.toMatchObject({ code: 'TOKEN_FAILED', text: { en: expect.stringContaining('no key "khong-co"') } });
    await expect(open({ module: '/nonexistent/libpkcs11.so' })).rejects.toMatchObject({ code: 'TOKEN_FAILED' });
    // After the refusals the token still signs.
    const signer = await open();
    expect((await signer.sign(Buffer.from('x'), 'sha256')).length).toBe(256);
  });

  it('signs several documents in one session, one signature at a time', async () => {
    const signer = await open();
    const inputs = ['pdflib-classic-xref.pdf', 'chromium-thong-bao.pdf', 'ghostscript-bao-cao.pdf'].map(corpus);
    const signed = await Promise.all(inputs.map((pdf) => signPdf(pdf, { signer })));
    for (const pdf of signed) expect((await verifyPdf(pdf, { trustedRoots: [env.pki.root.certificate] })).valid).toBe(true);
  });

  it('signs from the command line (npm run -s pdf -- sign --pkcs11-module … --ltv), B-LT, checked by pdfsig', async () => {
    const out = join(env.dir, 'cli-token.pdf');
    const result = await npmPdf(
      [
        'sign',
        '--in', join(WORKSPACE, 'libs/pdf-signing/test/corpus/libreoffice-ke-hoach.pdf'),
        '--out', out,
        '--pkcs11-module', token.module,
        '--token-label', 'VanThu Lanh dao',
        '--key-label', 'leader',
        '--pin', PIN,
        '--visible', '1,330,120,200,110',
        '--name', 'Nguyễn Văn Hùng',
        '--tsa', env.tsa!.url,
        '--ltv',
        '--trust', join(env.dir, 'root.pem'),
      ],
      token.env,
    );
    expect(result.err).toBe('');
    expect(result).toMatchObject({ code: EXIT.ok });
    expect(result.out).toContain('PAdES B-LT');
    expect(pdfsig(out, nss)[0]).toMatchObject({ signatureValid: true, totalDocumentSigned: false });
    const report = await verifyPdf(readFileSync(out), { trustedRoots: [env.pki.root.certificate], revocationMode: 'hard' });
    expect(report.signatures[0]).toMatchObject({ level: 'B-LT', signer: { commonName: 'Nguyễn Văn Hùng' } });
    const lines: string[] = [];
    const verified = await main(['verify', '--in', out, '--trust', join(env.dir, 'root.pem'), '--revocation', 'hard'], { out: (line) => lines.push(line), err: (line) => lines.push(line) });
    expect(verified).toBe(EXIT.ok);
    expect(lines.join('\n')).toMatch(/Thu hồi \/ Revocation: good \(embedded-ocsp\)[\s\S]*Mức \/ Level: B-LT · Kiểm tra tại \/ Checked at: .* \(timestamp\)/);
  });

  it('exits 3 with the typed WRONG_PIN message in both languages on a wrong PIN', async () => {
    const lines: string[] = [];
    const code = await main(
      ['sign', '--in', join(WORKSPACE, 'libs/pdf-signing/test/corpus/pdflib-classic-xref.pdf'), '--out', join(env.dir, 'never.pdf'), '--pkcs11-module', token.module, '--token-label', 'VanThu Lanh dao', '--key-label', 'leader', '--pin', '111111'],
      { out: (line) => lines.push(line), err: (line) => lines.push(line) },
    );
    expect(code).toBe(EXIT.refused);
    expect(lines).toEqual(['Lỗi: Mã PIN không đúng.', 'Error: The PIN is incorrect.']);
  });
});
