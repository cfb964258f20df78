import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { corpus, tempDir, testPeople, TestPeople } from '../../test/fixtures';
import { nssDatabase, pdfsig, run } from '../../test/validators';
import { OIDS, parseSignedData } from './cms/cms';
import { signPdf } from './sign';
import { verifyPdf } from './verify';

const execFileAsync = promisify(execFile);

/**
 * A real RFC 3161 time-stamp authority for the tests: `openssl ts -reply` behind a small HTTP
 * handler, signing with a TSA certificate (extendedKeyUsage timeStamping, critical) from the
 * development PKI.
 */
async function startTsa(dir: string, people: TestPeople, answer?: (request: Buffer) => Buffer): Promise<{ url: string; server: Server; requests: number }> {
  const tsa = people.pki.issueTimestampAuthority();
  writeFileSync(join(dir, 'tsa.pem'), tsa.certificatePem);
  writeFileSync(join(dir, 'tsa.key'), tsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'tsa-chain.pem'), people.pki.issuing.certificatePem);
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(
    join(dir, 'tsa.cnf'),
    [
      '[ tsa ]',
      'default_tsa = tsa_config',
      '[ tsa_config ]',
      `dir = ${dir}`,
      'serial = $dir/serial',
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
  const state = { requests: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      state.requests++;
      const request = Buffer.concat(chunks);
      if (answer) {
        res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(answer(request));
        return;
      }
      const n = state.requests;
      writeFileSync(join(dir, `req-${n}.tsq`), request);
      await execFileAsync('openssl', ['ts', '-reply', '-config', join(dir, 'tsa.cnf'), '-queryfile', join(dir, `req-${n}.tsq`), '-out', join(dir, `resp-${n}.tsr`)]);
      res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(readFileSync(join(dir, `resp-${n}.tsr`)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    server,
    get requests() {
      return state.requests;
    },
  };
}

describe('PAdES B-T: a signature time-stamp from an RFC 3161 authority', () => {
  let people: TestPeople;
  let dir: ReturnType<typeof tempDir>;
  let tsa: Awaited<ReturnType<typeof startTsa>>;

  beforeAll(async () => {
    people = testPeople();
    dir = tempDir('pdf-signing-tsa');
    tsa = await startTsa(dir.path, people);
  });
  afterAll(async () => {
    await new Promise((resolve) => tsa.server.close(resolve));
    dir.cleanup();
  });

  it('adds the authority’s time-stamp token, which OpenSSL verifies and our verifier reports', async () => {
    const before = Date.now();
    const signed = await signPdf(corpus('pdflib-object-streams.pdf'), {
      signer: people.leaderSigner,
      timestamp: { url: tsa.url },
      appearance: { kind: 'personal', page: 1, rect: { x: 330, y: 120, width: 200, height: 110 }, name: 'Nguyễn Văn Hùng' },
    });
    expect(tsa.requests).toBeGreaterThan(0);
    const report = await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate] });
    expect(report.valid).toBe(true);
    const [signature] = report.signatures;
    expect(signature.timestampTime).not.toBeNull();
    const stamped = Date.parse(signature.timestampTime!);
    expect(stamped).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
    expect(stamped).toBeLessThanOrEqual(Date.now() + 1000);
    expect(signature.summary.en).toContain('(time-stamped)');

    // The token, checked by OpenSSL against the imprint of our signature value.
    const contents = signed.subarray(signature.byteRange[1] + 1, signature.byteRange[2] - 1).toString('latin1');
    const cms = parseSignedData(Buffer.from(contents, 'hex'));
    const signerInfo = cms.signerInfos[0];
    const token = signerInfo.unsignedAttributes.get(OIDS.timeStampToken)![0].bytes;
    writeFileSync(join(dir.path, 'token.der'), token);
    writeFileSync(join(dir.path, 'chain.pem'), people.pki.root.certificatePem + people.pki.issuing.certificatePem);
    const imprint = createHash('sha256').update(signerInfo.signature).digest('hex');
    const check = run('openssl', ['ts', '-verify', '-token_in', '-in', 'token.der', '-digest', imprint, '-CAfile', 'chain.pem'], { cwd: dir.path });
    expect(check.stdout.trim()).toBe('Verification: OK');

    writeFileSync(join(dir.path, 'bt.pdf'), signed);
    const nss = nssDatabase(join(dir.path, 'nss'), people.pki.root.certificatePem);
    expect(pdfsig(join(dir.path, 'bt.pdf'), nss)[0]).toMatchObject({ validation: 'Signature is Valid.', certificate: 'Certificate is Trusted.' });
  });

  it('keeps a time-stamped signature valid when the certificate is revoked after the time-stamp, not before', async () => {
    const signed = await signPdf(corpus('ghostscript-bao-cao.pdf'), { signer: people.leaderSigner, timestamp: { url: tsa.url } });
    const stamped = Date.parse((await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate] })).signatures[0].timestampTime!);
    const later = people.pki.crl({ revokedSerials: [people.leader.serial], revokedAt: new Date(stamped + 60_000), thisUpdate: new Date(stamped + 120_000) });
    expect((await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate], crls: [later.der] })).signatures[0].revoked).toBe(false);
    const earlier = people.pki.crl({ revokedSerials: [people.leader.serial], revokedAt: new Date(stamped - 3_600_000) });
    expect((await verifyPdf(signed, { trustedRoots: [people.pki.root.certificate], crls: [earlier.der] })).signatures[0].revoked).toBe(true);
  });

  it('fails with TimestampError when the authority cannot be reached, and writes nothing', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(signPdf(corpus('ghostscript-bao-cao.pdf'), { signer: people.leaderSigner, timestamp: { url: `http://127.0.0.1:${port}/`, timeoutMs: 2000 } })).rejects.toMatchObject({
      code: 'TIMESTAMP_FAILED',
    });
  });

  it.each([
    ['garbage', () => Buffer.from('30030201', 'hex')],
    ['a genuine time-stamp replayed from an earlier request', () => readFileSync(join(dir.path, 'resp-1.tsr'))],
  ])('fails with TimestampError when the answer is %s', async (_label, answer) => {
    const liarDir = join(dir.path, `liar-${Math.random().toString(36).slice(2)}`);
    mkdirSync(liarDir);
    const liar = await startTsa(liarDir, people, answer);
    try {
      await expect(signPdf(corpus('ghostscript-bao-cao.pdf'), { signer: people.leaderSigner, timestamp: { url: liar.url } })).rejects.toMatchObject({ code: 'TIMESTAMP_FAILED' });
    } finally {
      await new Promise((resolve) => liar.server.close(resolve));
    }
  });
});
