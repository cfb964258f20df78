import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

import { createDevPki } from '@vanthu/dev-pki';
import { openPkcs12 } from '@vanthu/pdf-signing';
import { loadConfig } from '@vanthu/server/core';
import { dataSourceOptions } from '@vanthu/server/data-access';
import { CredentialPins, DemoSigningSeed, KeyCustodyError, KeyRing, kekIdOf } from '@vanthu/server/signing';
import { createTestDatabase, TEST_DB, testEnv } from '@vanthu/server/testing';
import { DocumentStatus } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { createApp } from '../bootstrap';
import { startTestApp, TestApp } from '../../test/harness';
import { DEMO_PIN, Directory, Route } from '../../test/routing';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../../..');

// What private key material looks like in a dump taken with --hex-blob (binary columns as 0x… hex):
// a PKCS#12 (PFX version 3), a shrouded key bag, a PBES2-encrypted PKCS#8, an unencrypted PKCS#8 (version 0,
// then the RSA or EC algorithm), and PEM private keys in text columns.
const KEY_MATERIAL: Array<[string, RegExp]> = [
  ['PEM private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['PKCS#12 PFX', /30(82[0-9A-F]{4}|83[0-9A-F]{6})020103/i],
  ['PKCS#12 shrouded key bag OID', /2A864886F70D010C0A0102/i],
  ['PBES2 OID (encrypted PKCS#8)', /2A864886F70D01050D/i],
  ['PKCS#8 RSA private key', /020100300D06092A864886F70D0101010500/i],
  ['PKCS#8 EC private key', /020100301306072A8648CE3D0201/i],
];

/** A dump of the whole database as an attacker who stole a backup would have it. */
async function dump(database: string): Promise<string> {
  const args = ['-h', TEST_DB.host, '-P', String(TEST_DB.port), '-u', TEST_DB.user, '--hex-blob', '--single-transaction', '--skip-comments', database];
  if (TEST_DB.password) args.splice(0, 0, `--password=${TEST_DB.password}`);
  const { stdout } = await run('mariadb-dump', args, { maxBuffer: 512 * 1024 * 1024 });
  return stdout;
}

function keyMaterialIn(text: string): string[] {
  return KEY_MATERIAL.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

/** Every PIN an attacker would try first, and an even spread over the six-digit space. */
function candidatePins(spread: number): string[] {
  const common = ['123456', '000000', '111111', '654321', '123123', '112233', '121212', '888888', '666666', '999999', '147258', '159753', '246810'];
  const spreadPins = Array.from({ length: spread }, (_, i) => String(Math.floor((i * 1_000_000) / spread)).padStart(6, '0'));
  return [...new Set([...common, ...spreadPins])];
}

function opensWithAny(blob: Buffer, pins: string[]): string | null {
  for (const pin of pins) {
    try {
      openPkcs12(blob, pin);
      return pin;
    } catch {
      // Not a PKCS#12 this PIN opens.
    }
  }
  return null;
}

describe('keys at rest: a database dump alone reveals no private key (real MariaDB)', () => {
  let t: TestApp;
  let dir: Directory;
  let route: Route;
  let db: DataSource;
  const kek = randomBytes(32).toString('base64');

  beforeAll(async () => {
    t = await startTestApp('keysatrest', { signing: 'ec', env: { SIGNING_KEK: kek } });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    db = t.app.get(DataSource);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('holds every key sealed: the dump has no PKCS#12, PKCS#8 or PEM key, not even the plaintext bytes or their base64, and no PIN opens a stored blob', async () => {
    // One key an administrator uploaded too, besides the demo's issued ones.
    const outside = createDevPki({ commonName: 'Nhà cung cấp thử' }).issuePersonal({ fullName: 'Lê Văn Tải', title: 'Phó Chủ tịch', organisation: 'UBND huyện Tuy Đức', pin: 'matkhau-tep', keyType: 'ec' });
    const admin = await route.as('admin');
    await admin
      .post('/api/signing/credentials')
      .field('ownerType', 'user')
      .field('ownerId', String(dir.user('tuyduc.phochutich').id))
      .field('password', 'matkhau-tep')
      .attach('p12', outside.p12, { filename: 'lvtai.p12', contentType: 'application/x-pkcs12' })
      .expect(201);

    const text = await dump(t.database.name);
    expect(text).toContain('INSERT INTO `signing_credential`');
    expect(keyMaterialIn(text)).toEqual([]);

    const ring = new KeyRing([Buffer.from(kek, 'base64')]);
    const rows: Array<{ id: number; pkcs12: Buffer; pin_wrap: Buffer | null; pending_secret: Buffer | null; kek_id: string }> = await db.query(
      'SELECT id, pkcs12, pin_wrap, pending_secret, kek_id FROM signing_credential',
    );
    expect(rows.length).toBeGreaterThan(20);
    const dumpUpper = text.toUpperCase();
    for (const row of rows) {
      expect(row.kek_id).toBe(kekIdOf(Buffer.from(kek, 'base64')));
      // The control: with the KEK, the blob is a PKCS#12 that the patterns above recognise…
      const plain = ring.open(row.pkcs12, 'credential-p12');
      expect(keyMaterialIn(plain.toString('hex').toUpperCase())).toEqual(expect.arrayContaining(['PKCS#12 PFX', 'PKCS#12 shrouded key bag OID']));
      // …and neither it nor its base64 is anywhere in the dump.
      expect(dumpUpper.includes(plain.toString('hex').toUpperCase().slice(0, 512))).toBe(false);
      expect(text.includes(plain.toString('base64').slice(0, 256))).toBe(false);
    }
    const [authority] = await db.query('SELECT bundle, kek_id FROM dev_authority');
    expect(authority.kek_id).toBe(ring.currentId);
    expect(ring.open(Buffer.from(authority.bundle, 'base64'), 'dev-authority').toString('utf8')).toContain('-----BEGIN PRIVATE KEY-----');

    // The PIN space against what the dump holds: the demo PIN, the usual first guesses and a spread
    // of the six-digit space open nothing, neither the key blobs nor the PIN-wrapped passwords.
    const chairman = await db.query("SELECT pkcs12, pin_wrap FROM signing_credential WHERE owner_type = 'user' AND owner_id = ? AND active = 1", [dir.user('tuyduc.lanhdao').id]);
    expect(opensWithAny(chairman[0].pkcs12, candidatePins(20_000))).toBeNull();
    for (const row of rows) {
      for (const blob of [row.pkcs12, row.pin_wrap, row.pending_secret, Buffer.from(authority.bundle, 'base64')]) {
        if (blob) expect(opensWithAny(blob, candidatePins(50))).toBeNull();
      }
    }
    // With the KEK (which is not in the database) the demo PIN does open the chairman's key: the blobs are real keys.
    const signer = await t.app.get(CredentialPins).open(Number((await db.query("SELECT id FROM signing_credential WHERE owner_type = 'user' AND owner_id = ? AND active = 1", [dir.user('tuyduc.lanhdao').id]))[0].id), DEMO_PIN, { userId: 1, organisationId: 1, ip: null }, 'sign');
    expect(signer.certificateChain[0].subject).toContain('Nguyễn Văn Hùng');
  });

  it('refuses to start without the key the rows were sealed with, saying what to set', async () => {
    const other = randomBytes(32).toString('base64');
    const wrong = loadConfig(testEnv(t.database.name, { SIGNING_KEK: other, STORAGE_DIR: t.config.storageDir }));
    await expect(createApp(wrong)).rejects.toThrow(KeyCustodyError);
    await expect(createApp(wrong)).rejects.toThrow(
      `Signing keys in the database are sealed with key-encryption key(s) ${kekIdOf(Buffer.from(kek, 'base64'))}, and this process has ${kekIdOf(Buffer.from(other, 'base64'))} (from SIGNING_KEK): set SIGNING_KEK or SIGNING_KEK_FILE`,
    );
    const none = loadConfig(testEnv(t.database.name, { SIGNING_KEK: '', DEV_PKI: 'false', STORAGE_DIR: t.config.storageDir }));
    await expect(createApp(none)).rejects.toThrow('and this process has none: set SIGNING_KEK or SIGNING_KEK_FILE');
  });

  it('rotates: `npm run -s signing -- rotate-kek` re-seals every key under the new first key; then the old key alone no longer starts, the new one alone does and signs', async () => {
    const fresh = randomBytes(32).toString('base64');
    const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/root', ...testEnv(t.database.name, { STORAGE_DIR: t.config.storageDir, DEV_PKI: 'false' }) };
    const cli = (command: string, keys: string) =>
      run(process.execPath, ['tools/scripts/run-ts.js', 'libs/server/signing/src/cli/main.ts', command], { cwd: ROOT, env: { ...env, SIGNING_KEK: keys } }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const rotated = await cli('rotate-kek', `${fresh},${kek}`);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/re-sealed: \d+ credential\(s\), 1 development CA/);
    const ids: Array<{ kek_id: string }> = await db.query('SELECT kek_id FROM signing_credential UNION ALL SELECT kek_id FROM dev_authority');
    expect(new Set(ids.map((r) => r.kek_id))).toEqual(new Set([kekIdOf(Buffer.from(fresh, 'base64'))]));
    const stale = await cli('status', kek);
    expect(stale.code).toBe(1);
    expect(stale.out).toContain('NOT configured');

    await expect(createApp(loadConfig(testEnv(t.database.name, { SIGNING_KEK: kek, STORAGE_DIR: t.config.storageDir })))).rejects.toThrow(KeyCustodyError);
    const next = await createApp(loadConfig(testEnv(t.database.name, { SIGNING_KEK: fresh, STORAGE_DIR: t.config.storageDir })));
    try {
      await next.listen(0, '127.0.0.1');
      const draft = await route.draft({ file: 'generate' });
      await route.approve(draft.id);
      const { default: request } = await import('supertest');
      const chairman = request.agent(next.getHttpServer());
      const session = (await chairman.post('/api/auth/login').send({ username: 'tuyduc.lanhdao', password: 'Demo@123' }).expect(200)).body;
      chairman.set('X-XSRF-TOKEN', session.csrfToken);
      expect((await chairman.post(`/api/outgoing/${draft.id}/sign`).send({ pin: DEMO_PIN }).expect(200)).body.status).toBe(DocumentStatus.Signed);
    } finally {
      await next.close();
    }
  });

  it('seals keys stored before sealing when the API starts with a KEK, and refuses to start with such keys and no KEK', async () => {
    const database = await createTestDatabase('legacykeys');
    const config = loadConfig(testEnv(database.name, { SIGNING_KEK: '', DEV_PKI: 'false' }));
    const legacy = new DataSource(dataSourceOptions(config));
    await legacy.initialize();
    try {
      // A key as the previous release stored it: the PKCS#12 itself, protected by the PIN alone.
      const issued = createDevPki().issuePersonal({ fullName: 'Phạm Thị Cũ', title: 'Chủ tịch UBND xã', organisation: 'UBND xã Cũ', pin: '135790', keyType: 'ec' });
      await legacy.query("INSERT INTO organisation (id, path, code, name, kind, abbreviation) VALUES (1, '/1/', 'cu', 'UBND xã Cũ', 'commune', 'UBND')");
      await legacy.query("INSERT INTO `user` (id, organisation_id, username, full_name, position, password_hash) VALUES (1, 1, 'cu.lanhdao', 'Phạm Thị Cũ', 'Chủ tịch UBND xã', 'x')");
      await legacy.query(
        "INSERT INTO signing_credential (owner_type, owner_id, pkcs12, certificate_pem, subject, serial_number, not_before, not_after) VALUES ('user', 1, ?, ?, ?, ?, ?, ?)",
        [issued.p12, issued.certificate.toString(), issued.certificate.subject, issued.certificate.serialNumber, new Date(issued.certificate.validFrom), new Date(issued.certificate.validTo)],
      );
      await expect(createApp(config)).rejects.toThrow('1 signing key(s) in the database are stored without a key-encryption key: set SIGNING_KEK or SIGNING_KEK_FILE');

      const key = randomBytes(32).toString('base64');
      const app = await createApp(loadConfig(testEnv(database.name, { SIGNING_KEK: key, DEV_PKI: 'false', STORAGE_DIR: config.storageDir })));
      try {
        const [row] = await legacy.query('SELECT id, pkcs12, kek_id, pin_scheme FROM signing_credential');
        expect(row).toMatchObject({ kek_id: kekIdOf(Buffer.from(key, 'base64')), pin_scheme: 'direct' });
        expect(keyMaterialIn(await dump(database.name))).toEqual([]);
        // Its PIN still opens it, through the same door (and a wrong one is counted).
        const pins = app.get(CredentialPins);
        const signer = await pins.open(Number(row.id), '135790', { userId: 1, organisationId: 1, ip: null }, 'sign');
        expect(signer.certificateChain[0].subject).toContain('Phạm Thị Cũ');
        await expect(pins.open(Number(row.id), '000000', { userId: 1, organisationId: 1, ip: null }, 'sign')).rejects.toMatchObject({ code: 'WRONG_PIN' });
      } finally {
        await app.close();
      }
    } finally {
      await legacy.destroy();
      await database.drop();
    }
  });
});

describe('the development CA exists only in demo mode: with DEV_PKI off no CA key is stored and the issue endpoint is a 404', () => {
  let t: TestApp;
  let dir: Directory;

  beforeAll(async () => {
    t = await startTestApp('prodpki', { env: { DEV_PKI: 'false' } });
    dir = await Directory.load(t);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers POST /signing/credentials/issue exactly as a route that does not exist, creates no CA, and refuses the demo keys', async () => {
    const { agent: admin } = await t.logIn('admin');
    const issue = await admin.post('/api/signing/credentials/issue').send({ ownerType: 'user', ownerId: dir.user('tuyduc.lanhdao').id }).expect(404);
    const nothing = await admin.post('/api/signing/credentials/no-such-route').send({}).expect(404);
    expect(issue.body).toEqual(nothing.body);
    expect(issue.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: { vi: 'Không tìm thấy địa chỉ yêu cầu.', en: 'Nothing is found at this address.' } });
    await expect(t.app.get(DemoSigningSeed).seed()).rejects.toThrow('DEV_PKI');
    const db = t.app.get(DataSource);
    expect(await db.query('SELECT * FROM dev_authority')).toEqual([]);
    expect(await db.query('SELECT * FROM signing_credential')).toEqual([]);
  });

  it('still takes a PKCS#12 from a certificate provider, sealed and waiting for its owner’s PIN', async () => {
    const provider = createDevPki({ commonName: 'CA công cộng thử' });
    const p12 = provider.issuePersonal({ fullName: 'Nguyễn Văn Hùng', title: 'Chủ tịch UBND huyện', organisation: 'UBND huyện Tuy Đức', pin: 'Mk-tep-2026', keyType: 'ec' }).p12;
    const { agent: admin } = await t.logIn('admin');
    const uploaded = await admin
      .post('/api/signing/credentials')
      .field('ownerType', 'user')
      .field('ownerId', String(dir.user('tuyduc.lanhdao').id))
      .field('password', 'Mk-tep-2026')
      .attach('p12', p12, { filename: 'hung.p12', contentType: 'application/x-pkcs12' })
      .expect(201);
    expect(uploaded.body).toMatchObject({ awaitingPin: true, active: true, subject: expect.stringContaining('Nguyễn Văn Hùng') });
    const text = await dump(t.database.name);
    expect(keyMaterialIn(text)).toEqual([]);
    expect(text.toUpperCase().includes(p12.toString('hex').toUpperCase().slice(0, 512))).toBe(false);
    expect(await t.app.get(DataSource).query('SELECT * FROM dev_authority')).toEqual([]);
  });
});
