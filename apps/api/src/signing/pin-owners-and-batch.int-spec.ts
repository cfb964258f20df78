import { CredentialView, DocumentDetail, DocumentStatus, SecurityLevel, SignBatchResponse, SigningPreview } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { startTestApp, TestApp } from '../../test/harness';
import { DEMO_PIN, Directory, Route } from '../../test/routing';

const CHAIRMAN = 'tuyduc.lanhdao';
const CLERK = 'tuyduc.vanthu';

describe('signing keys and PINs (real MariaDB, real signatures)', () => {
  let t: TestApp;
  let dir: Directory;
  let route: Route;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp('pinowners', { signing: 'ec' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    db = t.app.get(DataSource);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  async function awaitingSignature(subject?: string): Promise<number> {
    const draft = await route.draft({ file: 'generate', subject });
    await route.approve(draft.id);
    return draft.id;
  }

  async function lastEvent(type: string): Promise<Record<string, unknown>> {
    const [row] = await db.query('SELECT payload FROM outbox_event WHERE type = ? ORDER BY id DESC LIMIT 1', [type]);
    return JSON.parse(row.payload);
  }

  async function audited(action: string, entityId: number): Promise<Array<{ user_id: number }>> {
    return db.query('SELECT user_id FROM audit_record WHERE action = ? AND entity_id = ?', [action, String(entityId)]);
  }

  describe('a PIN belongs to its owner', () => {
    it('an administrator issues a new key for the chairman without any PIN; it waits for his, he is told, and nobody else can set it', async () => {
      const admin = await route.as('admin');
      const chairmanId = dir.user(CHAIRMAN).id;
      // An administrator cannot choose the PIN: the field does not exist.
      const withPin = await admin.post('/api/signing/credentials/issue').send({ ownerType: 'user', ownerId: chairmanId, pin: '246813' }).expect(400);
      expect(withPin.body.code).toBe('VALIDATION_FAILED');
      const issued: CredentialView = (await admin.post('/api/signing/credentials/issue').send({ ownerType: 'user', ownerId: chairmanId }).expect(201)).body;
      expect(issued).toMatchObject({ ownerId: chairmanId, active: true, awaitingPin: true, lockedUntil: null });
      expect((await audited('credential.issued', issued.id)).map((r) => Number(r.user_id))).toEqual([dir.user('admin').id]);
      expect(await lastEvent('credential.changed')).toMatchObject({ userIds: [chairmanId], actorId: dir.user('admin').id, change: 'issued', awaitingPin: true, ownerType: 'user' });

      const chairman = await route.as(CHAIRMAN);
      const id = await awaitingSignature();
      const preview: SigningPreview = (await chairman.get(`/api/outgoing/${id}/sign/preview`).expect(200)).body;
      expect(preview).toMatchObject({ hasCredential: false, credentialId: issued.id, credentialAwaitingPin: true });
      // The old key no longer signs, the new one has no PIN yet: refused, and no PIN attempt is counted.
      const refused = await chairman.post(`/api/outgoing/${id}/sign`).send({ pin: DEMO_PIN }).expect(409);
      expect(refused.body).toMatchObject({ code: 'PIN_NOT_SET', message: { vi: expect.stringContaining('Hãy tự đặt mã PIN') } });

      // Not the administrator, not another leader.
      expect((await admin.put(`/api/signing/credentials/${issued.id}/pin`).send({ newPin: '246813' }).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await (await route.as('tuyduc.phochutich')).put(`/api/signing/credentials/${issued.id}/pin`).send({ newPin: '246813' }).expect(404)).body.code).toBe('NOT_FOUND');
      // Easy guesses are refused.
      for (const weak of ['11111', '111111', '123456', '987654', 'abcdef']) {
        expect((await chairman.put(`/api/signing/credentials/${issued.id}/pin`).send({ newPin: weak }).expect(400)).body.code).toBe('PIN_POLICY');
      }
      const mine: CredentialView[] = (await chairman.get('/api/signing/credentials/mine').expect(200)).body;
      expect(mine.find((c) => c.id === issued.id)).toMatchObject({ awaitingPin: true });
      const set: CredentialView = (await chairman.put(`/api/signing/credentials/${issued.id}/pin`).send({ newPin: '842913' }).expect(200)).body;
      expect(set).toMatchObject({ id: issued.id, awaitingPin: false });
      expect((await audited('credential.pin-set', issued.id)).map((r) => Number(r.user_id))).toEqual([chairmanId]);

      // The old demo PIN is wrong for the new key; his own PIN signs, with the new certificate.
      expect((await chairman.post(`/api/outgoing/${id}/sign`).send({ pin: DEMO_PIN }).expect(400)).body.code).toBe('WRONG_PIN');
      const signed: DocumentDetail = (await chairman.post(`/api/outgoing/${id}/sign`).send({ pin: '842913' }).expect(200)).body;
      expect(signed.status).toBe(DocumentStatus.Signed);
      expect(signed.verification?.signatures[0]).toMatchObject({ signerName: 'Nguyễn Văn Hùng', integrity: true, trusted: true });
    });

    it('changes a PIN only with the current one, which counts towards the lock when wrong', async () => {
      const chairman = await route.as(CHAIRMAN);
      const [mine] = (await chairman.get('/api/signing/credentials/mine').expect(200)).body as CredentialView[];
      expect((await chairman.put(`/api/signing/credentials/${mine.id}/pin`).send({ newPin: '905718' }).expect(400)).body.code).toBe('PIN_REQUIRED');
      const wrong = await chairman.put(`/api/signing/credentials/${mine.id}/pin`).send({ currentPin: '000001', newPin: '905718' }).expect(400);
      expect(wrong.body).toMatchObject({ code: 'WRONG_PIN', message: { vi: expect.stringContaining('Còn 4 lần thử') } });
      expect((await audited('credential.pin-failed', mine.id)).length).toBeGreaterThanOrEqual(1);
      await chairman.put(`/api/signing/credentials/${mine.id}/pin`).send({ currentPin: '842913', newPin: '905718' }).expect(200);
      expect((await audited('credential.pin-changed', mine.id)).length).toBe(1);
      const id = await awaitingSignature();
      expect((await chairman.post(`/api/outgoing/${id}/sign`).send({ pin: '842913' }).expect(400)).body.code).toBe('WRONG_PIN');
      expect((await chairman.post(`/api/outgoing/${id}/sign`).send({ pin: '905718' }).expect(200)).body.status).toBe(DocumentStatus.Signed);
    });

    it('a new seal waits for a PIN that its organisation’s clerk chooses, not a specialist nor the administrator', async () => {
      const admin = await route.as('admin');
      const organisationId = dir.org('tuyduc').id;
      const seal: CredentialView = (await admin.post('/api/signing/credentials/issue').send({ ownerType: 'organisation', ownerId: organisationId }).expect(201)).body;
      expect(await lastEvent('credential.changed')).toMatchObject({ organisationIds: [organisationId], roles: ['clerk'], ownerType: 'organisation', change: 'issued' });
      const id = await awaitingSignature();
      await (await route.as(CHAIRMAN)).post(`/api/outgoing/${id}/sign`).send({ pin: '905718' }).expect(200);
      const clerk = await route.as(CLERK);
      expect((await clerk.get(`/api/outgoing/${id}/issue-preview`).expect(200)).body.seal).toEqual({ credentialId: seal.id, awaitingPin: true, lockedUntil: null });
      expect((await clerk.post(`/api/outgoing/${id}/issue`).send({ pin: DEMO_PIN }).expect(409)).body.code).toBe('PIN_NOT_SET');
      expect((await clerk.get('/api/signing/credentials/mine').expect(200)).body.map((c: CredentialView) => c.id)).toContain(seal.id);
      await (await route.as('tuyduc.chuyenvien1')).put(`/api/signing/credentials/${seal.id}/pin`).send({ newPin: '730196' }).expect(404);
      await admin.put(`/api/signing/credentials/${seal.id}/pin`).send({ newPin: '730196' }).expect(404);
      await clerk.put(`/api/signing/credentials/${seal.id}/pin`).send({ newPin: '730196' }).expect(200);
      expect((await clerk.post(`/api/outgoing/${id}/issue`).send({ pin: '730196' }).expect(200)).body.status).toBe(DocumentStatus.Issued);
    });

    it('tells a leader, and audits, when an administrator resets their password or switches their key off', async () => {
      const admin = await route.as('admin');
      const leader = dir.user('tuyduc.phochutich');
      await admin.patch(`/api/admin/users/${leader.id}`).send({ password: 'MatKhauMoi2026' }).expect(200);
      expect(await lastEvent('account.password-reset')).toMatchObject({ userIds: [leader.id], actorId: dir.user('admin').id, username: 'tuyduc.phochutich' });
      expect((await audited('user.password-reset', leader.id)).map((r) => Number(r.user_id))).toEqual([dir.user('admin').id]);
      // The administrator's own password change is nobody else's news.
      const before = Number((await db.query("SELECT COUNT(*) AS n FROM outbox_event WHERE type = 'account.password-reset'"))[0].n);
      await admin.patch(`/api/admin/users/${dir.user('admin').id}`).send({ fullName: 'Quản trị hệ thống' }).expect(200);
      expect(Number((await db.query("SELECT COUNT(*) AS n FROM outbox_event WHERE type = 'account.password-reset'"))[0].n)).toBe(before);

      const [key] = (await admin.get('/api/signing/credentials').expect(200)).body.filter((c: CredentialView) => c.ownerId === leader.id && c.ownerType === 'user' && c.active);
      await admin.patch(`/api/signing/credentials/${key.id}`).send({ active: false }).expect(200);
      expect(await lastEvent('credential.changed')).toMatchObject({ userIds: [leader.id], change: 'deactivated' });
      expect((await audited('credential.deactivated', key.id)).length).toBe(1);
    });
  });

  describe('batch signing: one PIN, each document its own transaction', () => {
    it('signs every document that can be signed and reports the others with their reasons', async () => {
      const chairman = await route.as(CHAIRMAN);
      const [a, b, c] = [await awaitingSignature('Kế hoạch A'), await awaitingSignature('Kế hoạch B'), await awaitingSignature('Kế hoạch C')];
      const alreadySigned = await awaitingSignature('Kế hoạch đã ký');
      await chairman.post(`/api/outgoing/${alreadySigned}/sign`).send({ pin: '905718' }).expect(200);
      // Someone else's: waiting for the vice-chairman.
      const notMine = await route.draft({ file: 'generate', subject: 'Kế hoạch của Phó Chủ tịch', signer: 'tuyduc.phochutich' });
      await route.approve(notMine.id);
      const classified = await route.draft({ subject: 'Văn bản mật', securityLevel: SecurityLevel.Secret });
      await route.approve(classified.id);

      const placement = { page: 1, x: 320, y: 120, width: 180, height: 70 };
      const response: SignBatchResponse = (
        await chairman
          .post('/api/outgoing/sign-batch')
          .send({ documentIds: [a, alreadySigned, b, notMine.id, classified.id, 999_999, c], pin: '905718', placements: [{ documentId: b, placement }] })
          .expect(200)
      ).body;
      expect(response.signed).toBe(3);
      expect(response.refused).toBe(4);
      expect(response.items.map((i) => [i.documentId, i.status, i.error?.code ?? null])).toEqual([
        [a, 'signed', null],
        [alreadySigned, 'refused', 'INVALID_STATE'],
        [b, 'signed', null],
        [notMine.id, 'refused', 'FORBIDDEN'],
        [classified.id, 'refused', 'CLASSIFIED_CONTENT'],
        [999_999, 'refused', 'NOT_FOUND'],
        [c, 'signed', null],
      ]);
      const refusal = response.items[1];
      expect(refusal.subject).toBe('Kế hoạch đã ký');
      expect(refusal.error?.message.vi).toBeTruthy();
      expect(refusal.error?.message.en).toBeTruthy();
      expect(response.items[5].subject).toBeNull();

      for (const id of [a, b, c]) {
        const detail: DocumentDetail = (await chairman.get(`/api/documents/${id}`).expect(200)).body;
        expect(detail.status).toBe(DocumentStatus.Signed);
        expect(detail.verification?.signatures).toHaveLength(1);
        expect(detail.verification?.signatures[0]).toMatchObject({ kind: 'personal', integrity: true, trusted: true });
      }
      // The requested place was used for B (its placement is kept for the seal).
      const [stored] = await db.query('SELECT signature_placement FROM document WHERE id = ?', [b]);
      expect(JSON.parse(stored.signature_placement)).toEqual(placement);
      // Each signature is its own audited change.
      const batchSigned = await db.query("SELECT entity_id FROM audit_record WHERE action = 'document.signed' AND details LIKE '%server-key-batch%' ORDER BY id");
      expect(batchSigned.map((r: { entity_id: string }) => Number(r.entity_id))).toEqual([a, b, c]);
      for (const id of [notMine.id, classified.id]) {
        expect((await db.query('SELECT status FROM document WHERE id = ?', [id]))[0].status).toBe(DocumentStatus.AwaitingSignature);
      }
    });

    it('counts a wrong PIN once for the whole batch and signs nothing', async () => {
      const chairman = await route.as(CHAIRMAN);
      const ids = [await awaitingSignature(), await awaitingSignature(), await awaitingSignature()];
      const [key] = (await chairman.get('/api/signing/credentials/mine').expect(200)).body as CredentialView[];
      const failedBefore = (await audited('credential.pin-failed', key.id)).length;
      const wrong = await chairman.post('/api/outgoing/sign-batch').send({ documentIds: ids, pin: '000000' }).expect(400);
      expect(wrong.body).toMatchObject({ code: 'WRONG_PIN', message: { vi: expect.stringContaining('Còn 4 lần thử') } });
      expect((await audited('credential.pin-failed', key.id)).length - failedBefore).toBe(1);
      for (const id of ids) expect((await db.query('SELECT status FROM document WHERE id = ?', [id]))[0].status).toBe(DocumentStatus.AwaitingSignature);
      const right: SignBatchResponse = (await chairman.post('/api/outgoing/sign-batch').send({ documentIds: ids, pin: '905718' }).expect(200)).body;
      expect(right).toMatchObject({ signed: 3, refused: 0 });
      expect((await chairman.get('/api/signing/credentials/mine').expect(200)).body[0]).toMatchObject({ pinFailures: 0 });
    });

    it('refuses an empty or oversized batch', async () => {
      const chairman = await route.as(CHAIRMAN);
      await chairman.post('/api/outgoing/sign-batch').send({ documentIds: [], pin: '905718' }).expect(400);
      await chairman.post('/api/outgoing/sign-batch').send({ documentIds: Array.from({ length: 51 }, (_, i) => i + 1), pin: '905718' }).expect(400);
      await (await route.as(CLERK)).post('/api/outgoing/sign-batch').send({ documentIds: [1], pin: '905718' }).expect(403);
    });
  });
});
