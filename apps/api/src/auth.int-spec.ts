import { createHash } from 'node:crypto';

import { CSRF_COOKIE, ErrorBody, ErrorCode, SESSION_COOKIE, SessionResponse } from '@vanthu/shared/contracts';

import { DataSource } from 'typeorm';

import { startTestApp, TestApp } from '../test/harness';

describe('log-in, sessions and CSRF (real MariaDB and Redis)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('auth');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs a commune clerk in with an httpOnly SameSite session cookie and a readable CSRF cookie', async () => {
    const response = await t.anonymous().post('/api/auth/login').send({ username: 'quangtan.vanthu', password: 'Demo@123' }).expect(200);
    const body = response.body as SessionResponse;
    expect(body.user.username).toBe('quangtan.vanthu');
    expect(body.user.organisation.name).toBe('UBND xã Quảng Tân');
    expect(body.user.roles).toEqual(['clerk']);
    expect(body.user.permissions).toContain('incoming:register');
    const cookies = response.headers['set-cookie'] as unknown as string[];
    const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    const csrf = cookies.find((c) => c.startsWith(`${CSRF_COOKIE}=`));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf).toContain(body.csrfToken);
    // The token is never stored as given: the session table holds its SHA-256 only.
    const token = decodeURIComponent(session!.split(';')[0].split('=')[1]);
    const stored = await t.app.get(DataSource).query('SELECT id FROM session WHERE id IN (?, ?)', [token, createHash('sha256').update(token).digest('hex')]);
    expect(stored).toEqual([{ id: createHash('sha256').update(token).digest('hex') }]);
  });

  it('refuses a wrong password and an unknown user with the same bilingual message', async () => {
    const wrong = await t.anonymous().post('/api/auth/login').send({ username: 'quangtan.vanthu', password: 'sai-mat-khau' }).expect(401);
    const unknown = await t.anonymous().post('/api/auth/login').send({ username: 'khong.ton.tai', password: 'Demo@123' }).expect(401);
    const expected: ErrorBody = {
      statusCode: 401,
      code: ErrorCode.InvalidCredentials,
      message: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
    };
    expect(wrong.body).toEqual(expected);
    expect(unknown.body).toEqual(expected);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('returns the session user from /me and refuses /me without a session', async () => {
    const { agent } = await t.logIn('tuyduc.lanhdao');
    const me = await agent.get('/api/auth/me').expect(200);
    expect((me.body as SessionResponse).user.position).toBe('Chủ tịch UBND huyện');
    const anonymous = await t.anonymous().get('/api/auth/me').expect(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.message.vi).toMatch(/đăng nhập/);
  });

  it('locks the account after five wrong passwords, even for the right one, until the lock expires', async () => {
    const username = 'dakngo.chuyenvien1';
    for (let i = 1; i <= 4; i += 1) {
      await t.anonymous().post('/api/auth/login').send({ username, password: `wrong-${i}` }).expect(401);
    }
    const fifth = await t.anonymous().post('/api/auth/login').send({ username, password: 'wrong-5' }).expect(423);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    expect(fifth.body.message.vi).toContain('tạm khóa');
    expect(fifth.body.message.en).toContain('locked');

    const right = await t.anonymous().post('/api/auth/login').send({ username, password: 'Demo@123' }).expect(423);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');

    // Let the lock run out (as if 15 minutes had passed): the right password works again.
    await t.app.get(DataSource).query('UPDATE `user` SET locked_until = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE username = ?', [username]);
    await t.anonymous().post('/api/auth/login').send({ username, password: 'Demo@123' }).expect(200);
    const [row] = await t.app.get(DataSource).query('SELECT failed_logins, locked_until FROM `user` WHERE username = ?', [username]);
    expect(Number(row.failed_logins)).toBe(0);
    expect(row.locked_until).toBeNull();
  });

  it('lets an administrator lift a lock-out', async () => {
    const username = 'dakngo.chuyenvien2';
    for (let i = 1; i <= 5; i += 1) await t.anonymous().post('/api/auth/login').send({ username, password: `wrong-${i}` });
    await t.anonymous().post('/api/auth/login').send({ username, password: 'Demo@123' }).expect(423);
    const { agent: admin } = await t.logIn('admin');
    const users = await admin.get('/api/admin/users').query({ pageSize: 200 }).expect(200);
    const target = users.body.items.find((u: { username: string }) => u.username === username);
    expect(target.locked).toBe(true);
    const unlocked = await admin.patch(`/api/admin/users/${target.id}`).send({ unlock: true }).expect(200);
    expect(unlocked.body.locked).toBe(false);
    await t.anonymous().post('/api/auth/login').send({ username, password: 'Demo@123' }).expect(200);
  });

  it('rejects a write without the CSRF header, or with another session’s token', async () => {
    const { agent, csrf } = await t.logIn('quangtam.vanthu');
    const other = await t.logIn('quangtam.lanhdao');

    const missing = await agent.post('/api/auth/logout').unset('x-xsrf-token').expect(403);
    expect(missing.body).toMatchObject({ statusCode: 403, code: 'CSRF_INVALID' });
    expect(missing.body.message.vi).toContain('CSRF');
    expect(missing.body.message.en).toContain('CSRF');

    await agent.post('/api/auth/logout').set('x-xsrf-token', other.csrf).expect(403);
    // The session survived both refusals.
    await agent.get('/api/auth/me').expect(200);

    await agent.post('/api/auth/logout').set('x-xsrf-token', csrf).expect(204);
    await agent.get('/api/auth/me').expect(401);
  });

  it('changes a password, ending the other sessions, and enforces the password rule', async () => {
    const username = 'quangtruc.chuyenvien1';
    const first = await t.logIn(username);
    const second = await t.logIn(username);

    const wrongCurrent = await first.agent.post('/api/auth/password').send({ currentPassword: 'nope', newPassword: 'MatKhauMoi2026' }).expect(400);
    expect(wrongCurrent.body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' } });
    const weak = await first.agent.post('/api/auth/password').send({ currentPassword: 'Demo@123', newPassword: 'short' }).expect(400);
    expect(weak.body.code).toBe('PASSWORD_POLICY');

    await first.agent.post('/api/auth/password').send({ currentPassword: 'Demo@123', newPassword: 'MatKhauMoi2026' }).expect(204);
    await first.agent.get('/api/auth/me').expect(200);
    await second.agent.get('/api/auth/me').expect(401);
    await t.anonymous().post('/api/auth/login').send({ username, password: 'Demo@123' }).expect(401);
    await t.anonymous().post('/api/auth/login').send({ username, password: 'MatKhauMoi2026' }).expect(200);
  });

  it('records log-ins, failures and log-outs in the audit chain', async () => {
    const rows = await t.app.get(DataSource).query(
      "SELECT action, COUNT(*) AS n FROM audit_record WHERE action LIKE 'auth.%' GROUP BY action",
    );
    const counts = Object.fromEntries(rows.map((r: { action: string; n: string }) => [r.action, Number(r.n)]));
    expect(counts['auth.login']).toBeGreaterThan(5);
    expect(counts['auth.login-failed']).toBeGreaterThanOrEqual(8);
    expect(counts['auth.locked']).toBe(2);
    expect(counts['auth.logout']).toBe(1);
  });
});
