import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { createDevPki } from '@vanthu/dev-pki';

import { CORPUS_DIR, tempDir } from '../../test/fixtures';
import { run } from '../../test/validators';
import { EXIT, main, Output } from './main';

const WORKSPACE = resolve(__dirname, '../../../..');

/** Runs the command line in this process, collecting what it prints. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Output = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the pdf command line', () => {
  let dir: ReturnType<typeof tempDir>;
  const path = (file: string) => join(dir.path, file);
  const input = join(CORPUS_DIR, 'libreoffice-ke-hoach.pdf');

  beforeAll(async () => {
    dir = tempDir('pdf-signing-cli');
    // The development PKI comes from tools/pki's own command line, run as a process.
    const pki = await cli('dev-pki', '--out', path('pki'), '--pin', '2468');
    expect(pki.code).toBe(EXIT.ok);
  });
  afterAll(() => dir.cleanup());

  it('writes a development PKI to try signing with: a root, two PKCS#12 files, images', () => {
    for (const file of ['root.pem', 'leader.p12', 'organisation.p12', 'signature.png', 'seal.png', 'crl.pem']) expect(existsSync(path(`pki/${file}`))).toBe(true);
    expect(readFileSync(path('pki/README.txt'), 'utf8')).toContain('2468');
  });

  it('signs visibly with a PKCS#12 and a PIN, then verifies with exit code 0 and a verdict in both languages', async () => {
    const signed = await cli('sign', '--in', input, '--out', path('signed.pdf'), '--p12', path('pki/leader.p12'), '--pin', '2468', '--visible', '2,330,150,200,110', '--image', path('pki/signature.png'));
    expect(signed).toMatchObject({ code: EXIT.ok, err: '' });
    expect(signed.out).toContain('hiển thị / visible');
    const verified = await cli('verify', '--in', path('signed.pdf'), '--trust', path('pki/root.pem'));
    expect(verified.code).toBe(EXIT.ok);
    expect(verified.out).toContain('Chữ ký #1 (Signature1): HỢP LỆ / VALID');
    expect(verified.out).toContain('Người ký / Signer: Nguyễn Văn Hùng, Chủ tịch UBND huyện, UBND huyện Tuy Đức');
    expect(verified.out).toContain('Kết luận: mọi chữ ký đều hợp lệ và tin cậy. / Verdict: every signature is valid and trusted.');
  });

  it('exits 1 when a signature is not trusted, and prints the report as JSON on request', async () => {
    await cli('sign', '--in', input, '--out', path('invisible.pdf'), '--p12', path('pki/organisation.p12'), '--pin', '2468');
    writeFileSync(path('other-root.pem'), createDevPki({ commonName: 'Another Root CA', keyType: 'ec' }).root.certificatePem);
    const verified = await cli('verify', '--in', path('invisible.pdf'), '--trust', path('other-root.pem'), '--json');
    expect(verified.code).toBe(EXIT.invalid);
    const report = JSON.parse(verified.out);
    expect(report.valid).toBe(false);
    expect(report.signatures[0]).toMatchObject({ trusted: false, integrity: true, signer: { commonName: 'Ủy ban nhân dân huyện Tuy Đức' } });
  });

  it('refuses a wrong PIN with exit code 3 and the reason in Vietnamese and English, writing no file', async () => {
    const result = await cli('sign', '--in', input, '--out', path('never.pdf'), '--p12', path('pki/leader.p12'), '--pin', '0000');
    expect(result.code).toBe(EXIT.refused);
    expect(result.err).toBe('Lỗi: Mã PIN không đúng.\nError: The PIN is incorrect.');
    expect(existsSync(path('never.pdf'))).toBe(false);
  });

  it('refuses an encrypted PDF with exit code 3', async () => {
    const result = await cli('sign', '--in', join(CORPUS_DIR, 'encrypted-aes256.pdf'), '--out', path('never.pdf'), '--p12', path('pki/leader.p12'), '--pin', '2468');
    expect(result.code).toBe(EXIT.refused);
    expect(result.err).toContain('Error: The PDF is encrypted or password-protected.');
  });

  it.each([
    [['sign', '--in', 'a.pdf']],
    [['sign', '--in', 'a.pdf', '--out', 'b.pdf', '--p12', 'c.p12', '--pin', '1', '--visible', '1,2,3']],
    [['verify', '--in', 'a.pdf', '--frobnicate']],
    [['verify', '--in', 'a.pdf']],
    [['launch']],
    [[]],
  ])('answers %j with the usage and exit code 2', async (argv) => {
    const result = await cli(...argv);
    expect(result.code).toBe(EXIT.usage);
    expect(result.err + result.out).toContain('Cách dùng / Usage:');
  });

  it('runs as `npm run -s pdf -- …` does, through the workspace’s TypeScript runner', () => {
    const result = run(process.execPath, [join(WORKSPACE, 'tools/scripts/run-ts.js'), 'libs/pdf-signing/src/cli/main.ts', 'verify', '--in', path('signed.pdf'), '--trust', path('pki/root.pem')], { cwd: WORKSPACE });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('HỢP LỆ / VALID');
  });
});
