import { createHash } from 'node:crypto';

import { CSRF_COOKIE, ErrorBody, ErrorCode, SESSION_COOKIE, SessionResponse } from '@vanthu/shared/contracts';

import request from 'supertest';
import { DataSource } from 'typeorm';

import { startTestApp, TestApp } from '../test/harness';
import { createApp } from './bootstrap';

describe('log-in, sessions and CSRF (real MariaDB and Redis)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('auth', {
      env: { TRUST_PROXY: '1', LOGIN_DELAY_SECONDS: '1', LOGIN_LOCK_MINUTES: '1', LOGIN_ACCOUNT_MAX_FAILURES: '8', LOGIN_ADDRESS_MAX_FAILURES: '10' },
    });
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

  const login = (username: string, password: string, from: string) => t.anonymous().post('/api/auth/login').set('X-Forwarded-For', from).send({ username, password });

  it('holds back the address that guessed wrong, with growing waits, not the account: its owner gets in from elsewhere', async () => {
    const username = 'dakngo.chuyenvien1';
    for (let i = 1; i <= 5; i += 1) await login(username, `sai-${i}`, '203.0.113.5').expect(401);
    // Not even the right password is heard from that address now, and the wait is said in both languages.
    const held = await login(username, 'Demo@123', '203.0.113.5').expect(429);
    expect(held.body).toEqual({
      statusCode: 429,
      code: ErrorCode.TooManyRequests,
      message: {
        vi: 'Đăng nhập sai nhiều lần. Vui lòng thử lại sau 1 giây; nếu quên mật khẩu, hãy liên hệ quản trị.',
        en: 'Too many failed log-ins. Try again in 1 second; if you forgot the password, contact the administrator.',
      },
    });
    expect(held.headers['retry-after']).toBe('1');
    await login(username, 'Demo@123', '198.51.100.7').expect(200);

    // After the wait one more try is heard; wrong again, the next wait is twice as long.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await login(username, 'sai-6', '203.0.113.5').expect(401);
    expect((await login(username, 'sai-7', '203.0.113.5').expect(429)).headers['retry-after']).toBe('2');
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await login(username, 'Demo@123', '203.0.113.5').expect(200);
  });

  it('answers an unknown username exactly as a known one, step by step and in about the same time', async () => {
    const run = async (username: string, from: string) => {
      const answers: Array<{ status: number; body: unknown }> = [];
      const times: number[] = [];
      for (let i = 1; i <= 6; i += 1) {
        const started = process.hrtime.bigint();
        const response = await login(username, `sai-${i}`, from);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        answers.push({ status: response.status, body: response.body });
      }
      return { answers, times: times.slice(0, 5).sort((a, b) => a - b) };
    };
    const known = await run('quangtruc.chuyenvien2', '203.0.113.20');
    const unknown = await run('khong.ton.tai', '203.0.113.21');
    expect(unknown.answers).toEqual(known.answers);
    expect(known.answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
    // Both check a password with scrypt and write one audit record: the medians stay close.
    const ratio = unknown.times[2] / known.times[2];
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('keeps a stranger failing from many addresses from locking the owner out: known addresses pass, unknown ones wait until an administrator lifts it', async () => {
    const username = 'dakngo.chuyenvien2';
    await login(username, 'Demo@123', '192.0.2.10').expect(200);
    // Eight failures from four addresses reach the account-wide threshold (LOGIN_ACCOUNT_MAX_FAILURES=8).
    for (const from of ['192.0.2.21', '192.0.2.22', '192.0.2.23', '192.0.2.24']) for (const i of [1, 2]) await login(username, `sai-${i}`, from).expect(401);
    await login(username, 'Demo@123', '192.0.2.10').expect(200);
    await login(username, 'Demo@123', '192.0.2.30').expect(429);

    const { agent: admin } = await t.logIn('admin');
    const users = await admin.get('/api/admin/users').query({ pageSize: 200 }).expect(200);
    const target = users.body.items.find((u: { username: string }) => u.username === username);
    expect(target.locked).toBe(true);
    const unlocked = await admin.patch(`/api/admin/users/${target.id}`).send({ unlock: true }).expect(200);
    expect(unlocked.body.locked).toBe(false);
    await login(username, 'Demo@123', '192.0.2.30').expect(200);
  });

  it('holds back an address trying many usernames (LOGIN_ADDRESS_MAX_FAILURES=10)', async () => {
    for (let i = 1; i <= 10; i += 1) await login(`ai.do.${i}`, 'Demo@123', '203.0.113.40').expect(401);
    await login('quangtam.vanthu', 'Demo@123', '203.0.113.40').expect(429);
    await login('quangtam.vanthu', 'Demo@123', '203.0.113.41').expect(200);
  });

  it('counts in Redis, so that a second API process holds back the same address', async () => {
    const second = await createApp(t.config);
    try {
      const other = () => request(second.getHttpServer()).post('/api/auth/login').set('X-Forwarded-For', '203.0.113.50');
      for (let i = 1; i <= 5; i += 1) await login('quangtruc.vanthu', `sai-${i}`, '203.0.113.50').expect(401);
      await other().send({ username: 'quangtruc.vanthu', password: 'Demo@123' }).expect(429);
    } finally {
      await second.close();
    }
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
    expect(counts['auth.locked']).toBe(1);
    // Unknown usernames are recorded as typed, with no user.
    const [unknown] = await t.app.get(DataSource).query("SELECT COUNT(*) AS n FROM audit_record WHERE action = 'auth.login-failed' AND user_id IS NULL AND details LIKE '%khong.ton.tai%'");
    expect(Number(unknown.n)).toBe(6);
    expect(counts['auth.logout']).toBe(1);
  });
});
