import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  ApiClient,
  createTestDatabase,
  freePort,
  httpRequest,
  ok,
  ServerProcess,
  Session,
  TEST_DB,
  TEST_REDIS_URL,
  TestDatabase,
  testKek,
  uniqueRedisPrefix,
  dropRedisPrefix,
} from '@vanthu/server/testing';
import { AuditChainResponse, CSRF_HEADER, DocumentDetail, DocumentType, SecurityLevel, Urgency } from '@vanthu/shared/contracts';

import { WORKSPACE_ROOT } from './support/workspace';

/**
 * docs/deploy.md's backup and restore: `npm run backup` on a live installation, `npm run restore`
 * into a fresh database and file store, and the app started on the copy finds everything: people,
 * documents, signed files byte for byte, an unbroken audit chain.
 */
describe('npm run backup, then npm run restore into a fresh database', () => {
  const folder = mkdtempSync(join(tmpdir(), 'vanthu-backup-'));
  const redisPrefix = uniqueRedisPrefix('backup');
  let original: TestDatabase;
  let restored: TestDatabase;

  beforeAll(async () => {
    original = await createTestDatabase('backupsrc');
    restored = await createTestDatabase('backupdst');
    await restored.drop(); // restore creates it
  });

  afterAll(async () => {
    await original.drop();
    await restored.drop();
    await dropRedisPrefix(redisPrefix);
    rmSync(folder, { recursive: true, force: true });
  });

  it('restores people, documents, signed files and the audit chain', async () => {
    const sourceFiles = join(folder, 'files-source');
    let api = await startApi(original.name, sourceFiles);
    let client = new ApiClient(api.url);
    const drafter = await client.logIn('tuyduc-nv.chuyenvien1');
    const [quangtan] = (await client.call<Array<{ id: number; code: string }>>('GET', '/api/organisations', drafter)).body.filter((o) => o.code === 'quangtan');
    const [district] = (await client.call<Array<{ id: number; code: string }>>('GET', '/api/organisations', drafter)).body.filter((o) => o.code === 'tuyduc');
    const chairman = await client.logIn('tuyduc.lanhdao');
    const reviewer = await client.logIn('tuyduc-nv.lanhdao');
    const draft = await ok(
      client.call<DocumentDetail>('POST', '/api/outgoing', drafter, {
        type: DocumentType.Plan,
        subject: 'Kế hoạch sao lưu và phục hồi dữ liệu văn bản điện tử năm 2027',
        urgency: Urgency.Normal,
        securityLevel: SecurityLevel.Normal,
        issuingOrganisationId: district.id,
        recipientIds: [quangtan.id],
        signerId: chairman.user.id,
        signingLine: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
      }),
    );
    await ok(client.call('POST', `/api/outgoing/${draft.id}/files/generate`, drafter, {}));
    await ok(client.call('POST', `/api/outgoing/${draft.id}/submit`, drafter, { reviewerIds: [reviewer.user.id] }));
    await ok(client.call('POST', `/api/outgoing/${draft.id}/review`, reviewer, { decision: 'approve' }));
    const signed = await ok(client.call<DocumentDetail>('POST', `/api/outgoing/${draft.id}/sign`, chairman, { pin: '123456' }));
    const file = signed.files[0];
    const before = await download(api.url, chairman, draft.id, file.id);
    expect(before.length).toBe(file.size);
    await api.process.signal('SIGTERM');

    const backup = run('backup.sh', ['--out', join(folder, 'backups')], { DB_NAME: original.name, STORAGE_DIR: sourceFiles });
    expect(backup.status).toBe(0);
    const archive = backup.stdout.trim().split('\n').pop() ?? '';
    expect(archive).toMatch(/vanthu-.*\.tar$/);
    const listing = execFileSync('tar', ['-tf', archive], { encoding: 'utf8' });
    expect(listing).toContain('manifest.json');
    expect(listing).toContain('database.sql.gz');
    expect(listing).toContain(file.sha256);

    const restoredFiles = join(folder, 'files-restored');
    const restore = run('restore.sh', [archive, '--db', restored.name, '--storage', restoredFiles], {});
    expect(restore.stderr).toContain('Restored');
    expect(restore.status).toBe(0);
    // A second restore onto a database that now holds tables is refused, and says how to proceed.
    const again = run('restore.sh', [archive, '--db', restored.name, '--storage', restoredFiles], {});
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('--force');

    api = await startApi(restored.name, restoredFiles);
    client = new ApiClient(api.url);
    const chairmanAgain = await client.logIn('tuyduc.lanhdao');
    const detail = await ok(client.call<DocumentDetail>('GET', `/api/documents/${draft.id}`, chairmanAgain));
    expect(detail).toMatchObject({ subject: signed.subject, status: signed.status });
    expect(detail.files.map((f) => f.sha256)).toEqual(signed.files.map((f) => f.sha256));
    expect((await download(api.url, chairmanAgain, draft.id, file.id)).equals(before)).toBe(true);
    const chain = await ok(client.call<AuditChainResponse>('GET', '/api/audit/verify', await client.logIn('admin')));
    expect(chain.valid).toBe(true);
    await api.process.signal('SIGTERM');
  });

  async function startApi(database: string, storageDir: string): Promise<{ process: ServerProcess; url: string }> {
    const port = await freePort();
    const process_ = await ServerProcess.spawn('api', process.execPath, [join(WORKSPACE_ROOT, 'dist/apps/api/main.js')], {
      cwd: WORKSPACE_ROOT,
      env: { ...baseEnv(), DB_NAME: database, STORAGE_DIR: storageDir, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'true', LOG_LEVEL: 'warn', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: redisPrefix },
      ready: 'VănThư API listening on',
    });
    return { process: process_, url: `http://127.0.0.1:${port}` };
  }

  function run(script: string, args: string[], env: Record<string, string>) {
    return spawnSync('bash', [join(WORKSPACE_ROOT, 'tools/scripts', script), ...args], { cwd: WORKSPACE_ROOT, env: { ...baseEnv(), ...env }, encoding: 'utf8' });
  }

  async function download(url: string, session: Session, documentId: number, fileId: number): Promise<Buffer> {
    const reply = await httpRequest(`${url}/api/documents/${documentId}/files/${fileId}/content`, { headers: { cookie: session.cookie, [CSRF_HEADER]: session.csrf } });
    expect(reply.status).toBe(200);
    return reply.body;
  }
});

// One key-encryption key for the whole test: a restored database holds keys sealed under it, and
// the API started on the restore needs it as the one started on the original did.
const SIGNING_KEK = testKek();

function baseEnv(): Record<string, string> {
  return {
    SIGNING_KEK,
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/root',
    DB_HOST: TEST_DB.host,
    DB_PORT: String(TEST_DB.port),
    DB_USER: TEST_DB.user,
    DB_PASSWORD: TEST_DB.password,
  };
}
