import { INestApplicationContext } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { CredentialView, DocumentStatus, ErrorBody, SessionResponse, CSRF_HEADER } from '@vanthu/shared/contracts';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

import { createApp } from '../bootstrap';
import { startTestApp, TestApp } from '../../test/harness';
import { DEMO_PIN, Directory, Route } from '../../test/routing';
import { notificationsOf, startNotificationsWorker } from '../../test/worker';

const CHAIRMAN = 'tuyduc.lanhdao';
const CLERK = 'tuyduc.vanthu';

describe('PIN limits on server-held keys: five wrong PINs lock the key for every API process (real MariaDB, real worker)', () => {
  let t: TestApp;
  let dir: Directory;
  let route: Route;
  let db: DataSource;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await startTestApp('pinlimits', { signing: 'ec', env: { SIGNING_PIN_MAX_FAILURES: '5', SIGNING_PIN_LOCK_MINUTES: '15' } });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    db = t.app.get(DataSource);
    worker = await startNotificationsWorker(t.config);
  }, 180_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  async function awaitingSignature(): Promise<number> {
    const draft = await route.draft({ file: 'generate' });
    await route.approve(draft.id);
    return draft.id;
  }

  async function credentialOf(ownerType: 'user' | 'organisation', ownerId: number): Promise<{ id: number; pin_failures: number; locked_until: Date | null }> {
    const [row] = await db.query('SELECT id, pin_failures, locked_until FROM signing_credential WHERE owner_type = ? AND owner_id = ? AND active = 1', [ownerType, ownerId]);
    return { id: Number(row.id), pin_failures: Number(row.pin_failures), locked_until: row.locked_until };
  }

  async function auditCount(action: string, credentialId: number): Promise<number> {
    const [row] = await db.query("SELECT COUNT(*) AS n FROM audit_record WHERE action = ? AND entity_type = 'credential' AND entity_id = ?", [action, String(credentialId)]);
    return Number(row.n);
  }

  async function unlockAsAdmin(credentialId: number): Promise<CredentialView> {
    const admin = await route.as('admin');
    return (await admin.post(`/api/signing/credentials/${credentialId}/unlock`).expect(200)).body;
  }

  it('answers 400 with the tries left, locks at the fifth wrong PIN with 423 saying until when, refuses the right PIN while locked, audits each and tells the leader', async () => {
    const id = await awaitingSignature();
    const chairmanId = dir.user(CHAIRMAN).id;
    const credential = await credentialOf('user', chairmanId);
    const chairman = await route.as(CHAIRMAN);

    for (let attempt = 1; attempt <= 4; attempt++) {
      const wrong = await chairman.post(`/api/outgoing/${id}/sign`).send({ pin: `00000${attempt}` }).expect(400);
      expect(wrong.body).toMatchObject({ statusCode: 400, code: 'WRONG_PIN' });
      expect(wrong.body.message.vi).toContain(`Còn ${5 - attempt} lần thử`);
      expect(wrong.body.message.en).toContain(`${5 - attempt} ${5 - attempt === 1 ? 'try' : 'tries'} left`);
    }
    const before = Date.now();
    const fifth = await chairman.post(`/api/outgoing/${id}/sign`).send({ pin: '000005' }).expect(423);
    const locked = await credentialOf('user', chairmanId);
    expect(locked.pin_failures).toBe(5);
    // Locked for the configured 15 minutes from the database's clock.
    expect(locked.locked_until!.getTime()).toBeGreaterThan(before + 14 * 60_000);
    expect(locked.locked_until!.getTime()).toBeLessThan(before + 16 * 60_000);
    const until = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(locked.locked_until!)
      .replace(',', '');
    expect(fifth.body as ErrorBody).toEqual({
      statusCode: 423,
      code: 'CREDENTIAL_LOCKED',
      message: {
        vi: `Chứng thư số của bạn đang bị tạm khóa do nhập sai mã PIN nhiều lần, đến ${until} (giờ Việt Nam). Hãy thử lại sau thời điểm đó hoặc nhờ quản trị mở khóa.`,
        en: `Your signing certificate is locked after too many wrong PINs until ${until} (Vietnam time). Try again after that, or ask the administrator to unlock it.`,
      },
    });

    // A sixth wrong PIN, and then the right one: both refused while the lock lasts, and not counted.
    expect((await chairman.post(`/api/outgoing/${id}/sign`).send({ pin: '000006' }).expect(423)).body.code).toBe('CREDENTIAL_LOCKED');
    expect((await chairman.post(`/api/outgoing/${id}/sign`).send({ pin: DEMO_PIN }).expect(423)).body.code).toBe('CREDENTIAL_LOCKED');
    expect((await chairman.get(`/api/documents/${id}`).expect(200)).body.status).toBe(DocumentStatus.AwaitingSignature);
    expect((await credentialOf('user', chairmanId)).pin_failures).toBe(5);

    // Each wrong PIN has its audit record (committed although the request failed), and the lock one more.
    expect(await auditCount('credential.pin-failed', credential.id)).toBe(5);
    expect(await auditCount('credential.locked', credential.id)).toBe(1);
    const [who] = await db.query("SELECT user_id, details FROM audit_record WHERE action = 'credential.locked' AND entity_id = ?", [String(credential.id)]);
    expect(Number(who.user_id)).toBe(chairmanId);
    expect(JSON.parse(who.details)).toMatchObject({ purpose: 'sign', failures: 5 });
    expect((await (await route.as('admin')).get('/api/audit/verify').expect(200)).body.valid).toBe(true);

    // The leader hears about it (the outbox event, then the worker's in-app notification), even though they typed the PINs.
    const [event] = await db.query("SELECT payload FROM outbox_event WHERE type = 'credential.locked' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(event.payload)).toMatchObject({ userIds: [chairmanId], actorId: null, ownerType: 'user', failures: 5 });
    const [notification] = await notificationsOf(db, chairmanId, 'credential.locked');
    expect(notification).toMatchObject({ title_vi: 'Chứng thư số của Ông/Bà bị tạm khóa do nhập sai mã PIN', title_en: 'Your signing certificate is locked after wrong PINs' });
    expect(notification.body_vi).toContain(`Khóa đến (giờ Việt Nam): ${until}`);
    expect(notification.body_vi).toContain('Số lần nhập sai liên tiếp: 5');

    // The administrators' list shows the lock; one of them lifts it (audited, told to the leader); the right PIN signs.
    const admin = await route.as('admin');
    const listed: CredentialView[] = (await admin.get('/api/signing/credentials').expect(200)).body;
    expect(listed.find((c) => c.id === credential.id)).toMatchObject({ pinFailures: 5, lockedUntil: locked.locked_until!.toISOString() });
    const unlocked = await unlockAsAdmin(credential.id);
    expect(unlocked).toMatchObject({ id: credential.id, pinFailures: 0, lockedUntil: null });
    expect(await auditCount('credential.unlocked', credential.id)).toBe(1);
    const [changed] = await db.query("SELECT payload FROM outbox_event WHERE type = 'credential.changed' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(changed.payload)).toMatchObject({ userIds: [chairmanId], change: 'unlocked', actorId: dir.user('admin').id });
    const signed = (await chairman.post(`/api/outgoing/${id}/sign`).send({ pin: DEMO_PIN }).expect(200)).body;
    expect(signed.status).toBe(DocumentStatus.Signed);
  });

  it('lets a lock run out: after its end the right PIN signs and the count starts again', async () => {
    const id = await awaitingSignature();
    const chairmanId = dir.user(CHAIRMAN).id;
    const chairman = await route.as(CHAIRMAN);
    for (let attempt = 1; attempt <= 5; attempt++) await chairman.post(`/api/outgoing/${id}/sign`).send({ pin: '999999' });
    const { id: credentialId, locked_until } = await credentialOf('user', chairmanId);
    expect(locked_until).not.toBeNull();
    // The clock passes the end of the lock (the database's clock is the one every process reads).
    await db.query('UPDATE signing_credential SET locked_until = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE id = ?', [credentialId]);
    const fresh = await chairman.post(`/api/outgoing/${id}/sign`).send({ pin: '999999' }).expect(400);
    expect(fresh.body.message.vi).toContain('Còn 4 lần thử');
    expect((await chairman.post(`/api/outgoing/${id}/sign`).send({ pin: DEMO_PIN }).expect(200)).body.status).toBe(DocumentStatus.Signed);
    expect(await credentialOf('user', chairmanId)).toMatchObject({ pin_failures: 0, locked_until: null });
  });

  it('counts in the database: two API processes on the same database share the count, and a burst of wrong PINs at both counts exactly five', async () => {
    const second: NestExpressApplication = await createApp(t.config);
    await second.listen(0, '127.0.0.1');
    try {
      const id = await awaitingSignature();
      const chairmanId = dir.user(CHAIRMAN).id;
      const { id: credentialId } = await credentialOf('user', chairmanId);
      const a = await route.as(CHAIRMAN);
      const b = await logInAt(second, CHAIRMAN);
      await a.post(`/api/outgoing/${id}/sign`).send({ pin: '111112' }).expect(400);
      await b.post(`/api/outgoing/${id}/sign`).send({ pin: '111113' }).expect(400);
      await a.post(`/api/outgoing/${id}/sign`).send({ pin: '111114' }).expect(400);
      const fourth = await b.post(`/api/outgoing/${id}/sign`).send({ pin: '111115' }).expect(400);
      expect(fourth.body.message.vi).toContain('Còn 1 lần thử');
      await a.post(`/api/outgoing/${id}/sign`).send({ pin: '111116' }).expect(423);
      // Locked at B too, for the right PIN as well.
      expect((await b.post(`/api/outgoing/${id}/sign`).send({ pin: DEMO_PIN }).expect(423)).body.code).toBe('CREDENTIAL_LOCKED');

      // Eight wrong PINs at once, four at each process: the row lock puts them in a line.
      await unlockAsAdmin(credentialId);
      const failedBefore = await auditCount('credential.pin-failed', credentialId);
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).post(`/api/outgoing/${id}/sign`).send({ pin: `22222${i}` })));
      expect(answers.map((r) => r.status).sort()).toEqual([400, 400, 400, 400, 423, 423, 423, 423]);
      expect((await auditCount('credential.pin-failed', credentialId)) - failedBefore).toBe(5);
      expect((await credentialOf('user', chairmanId)).pin_failures).toBe(5);
      await unlockAsAdmin(credentialId);
    } finally {
      await second.close();
    }
  });

  it('limits the organisation’s seal PIN at issue the same way: locked, audited, its clerks told, no number taken; unlocked, it seals', async () => {
    const id = await awaitingSignature();
    await route.sign(id);
    const organisationId = dir.org('tuyduc').id;
    const { id: sealId } = await credentialOf('organisation', organisationId);
    const clerk = await route.as(CLERK);
    const preview = (await clerk.get(`/api/outgoing/${id}/issue-preview`).expect(200)).body;
    expect(preview.seal).toEqual({ credentialId: sealId, awaitingPin: false, lockedUntil: null });
    for (let attempt = 1; attempt <= 4; attempt++) {
      const wrong = await clerk.post(`/api/outgoing/${id}/issue`).send({ pin: '424242' }).expect(400);
      expect(wrong.body.message.vi).toContain('con dấu số của cơ quan bị tạm khóa 15 phút');
    }
    const locked = await clerk.post(`/api/outgoing/${id}/issue`).send({ pin: '424242' }).expect(423);
    expect(locked.body.message.vi).toMatch(/^Con dấu số của cơ quan đang bị tạm khóa do nhập sai mã PIN nhiều lần, đến \d\d\/\d\d\/\d{4} \d\d:\d\d \(giờ Việt Nam\)/);
    expect((await clerk.post(`/api/outgoing/${id}/issue`).send({ pin: DEMO_PIN }).expect(423)).body.code).toBe('CREDENTIAL_LOCKED');
    expect(await auditCount('credential.pin-failed', sealId)).toBe(5);
    const [event] = await db.query("SELECT payload FROM outbox_event WHERE type = 'credential.locked' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(event.payload)).toMatchObject({ organisationIds: [organisationId], roles: ['clerk'], ownerType: 'organisation' });
    const [notified] = await notificationsOf(db, dir.user(CLERK).id, 'credential.locked');
    expect(notified.title_vi).toBe('Con dấu số của cơ quan bị tạm khóa do nhập sai mã PIN');
    // Nothing was numbered while the PIN was refused.
    expect((await clerk.get(`/api/outgoing/${id}/issue-preview`).expect(200)).body).toMatchObject({ number: preview.number, seal: { credentialId: sealId, lockedUntil: expect.any(String) } });

    await unlockAsAdmin(sealId);
    const issued = (await clerk.post(`/api/outgoing/${id}/issue`).send({ pin: DEMO_PIN }).expect(200)).body;
    expect(issued).toMatchObject({ status: DocumentStatus.Issued, number: preview.number });
  });

  async function logInAt(app: NestExpressApplication, username: string): Promise<TestAgent> {
    const agent = request.agent(app.getHttpServer());
    const session = (await agent.post('/api/auth/login').send({ username, password: 'Demo@123' }).expect(200)).body as SessionResponse;
    agent.set(CSRF_HEADER, session.csrfToken);
    return agent;
  }
});
