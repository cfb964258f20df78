import { request as httpRequest } from 'node:http';

import { SESSION_COOKIE } from '@vanthu/shared/contracts';

import { startTestApp, TestApp } from '../test/harness';

/** A raw request, so that what Node's HTTP server answers by itself is seen as it is on the wire. */
function raw(url: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(new URL(path, url), { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type'] ?? ''), body }));
    });
    call.on('error', reject);
    call.end(options.body);
  });
}

describe('one error body for every error, in Vietnamese and English', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('errors');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports each invalid field with a message in both languages', async () => {
    const response = await t.anonymous().post('/api/auth/login').send({ username: '', password: 42, remember: true }).expect(400);
    expect(response.body.statusCode).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.message).toEqual({ vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' });
    const byField = Object.fromEntries(response.body.errors.map((e: { field: string; message: object }) => [e.field, e.message]));
    expect(byField['username']).toEqual({ vi: 'Trường "username" không được để trống.', en: '"username" must not be empty.' });
    expect(byField['password']).toEqual({ vi: 'Trường "password" phải là chuỗi ký tự.', en: '"password" must be text.' });
    expect(byField['remember']).toEqual({ vi: 'Trường "remember" không được phép.', en: '"remember" is not an allowed field.' });
  });

  it('validates admin input too: enum values, e-mail, nested rules', async () => {
    const { agent } = await t.logIn('admin');
    const response = await agent
      .post('/api/admin/users')
      .send({ username: 'Bad Name', fullName: 'A', position: 'B', email: 'not-an-email', organisationId: 'x', roles: ['mayor'], password: 'p' })
      .expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'organisationId', 'roles', 'username']);
    for (const error of response.body.errors) {
      expect(error.message.vi).toMatch(/^Trường "|^Giá trị của "/);
      expect(error.message.en.length).toBeGreaterThan(5);
    }
  });

  it('answers malformed JSON, unknown API routes and bad ids in the same shape', async () => {
    const malformed = await t.anonymous().post('/api/auth/login').set('content-type', 'application/json').send('{"username": ').expect(400);
    expect(malformed.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: { vi: 'Nội dung JSON gửi lên không đúng cú pháp.', en: 'The JSON body is malformed.' } });

    const unknown = await t.anonymous().get('/api/khong-co').expect(404);
    expect(unknown.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: { vi: 'Không tìm thấy địa chỉ yêu cầu.', en: 'Nothing is found at this address.' } });

    const { agent } = await t.logIn('quangtan.lanhdao');
    const badId = await agent.get('/api/organisations/abc/members').expect(400);
    expect(badId.body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a body over the size limit with 413', async () => {
    const huge = { username: 'a', password: 'x'.repeat(2 * 1024 * 1024) };
    const response = await t.anonymous().post('/api/auth/login').send(huge).expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(response.body.message.en).toContain('larger than allowed');
  });

  it('answers an address over 16 kB with 431 in the error body, not a bare status line', async () => {
    const response = await raw(t.url, `/api/documents?q=${'a'.repeat(20_000)}`);
    expect(response.status).toBe(431);
    expect(response.type).toContain('application/json');
    expect(JSON.parse(response.body)).toEqual({
      statusCode: 431,
      code: 'HEADERS_TOO_LARGE',
      message: { vi: 'Địa chỉ hoặc phần đầu (header, cookie) của yêu cầu quá dài.', en: 'The address or the headers (cookies) of the request are too long.' },
    });
    // The server is still there for the next request.
    await t.anonymous().get('/api/health').expect(200);
  });

  it('answers a request line Node cannot parse with 400 in the error body', async () => {
    const response = await raw(t.url, '/api/health', { method: 'GET', headers: { 'transfer-encoding': 'chunked', 'content-length': '5' }, body: 'x' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });

  it('refuses bodies that are not JSON (forms, text, another charset) with 415 in the error body', async () => {
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'username=admin&password=Demo%40123'],
      ['text/plain', '{"username":"admin","password":"Demo@123"}'],
      ['application/json; charset=koi8-r', '{"username":"admin","password":"Demo@123"}'],
    ]) {
      const response = await t.anonymous().post('/api/auth/login').set('content-type', type).send(body).expect(415);
      expect(response.body).toEqual({
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: {
          vi: 'Định dạng dữ liệu gửi lên không được hỗ trợ (cần JSON UTF-8, hoặc multipart/form-data khi tải tệp).',
          en: 'The request body is in a format this address does not read (JSON in UTF-8, or multipart/form-data for uploads).',
        },
      });
    }
  });

  it('sets security headers and publishes the OpenAPI document', async () => {
    const response = await t.anonymous().get('/api/health');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
    const docs = await t.anonymous().get('/api/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/health', '/api/admin/users']));
    await t.anonymous().get('/api/docs').expect(200);
  });
});

describe('in production behind https', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('production', { env: { NODE_ENV: 'production', PUBLIC_URL: 'https://vanthu.tuyduc.gov.vn' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows Swagger UI and the OpenAPI document to signed-in administrators only', async () => {
    for (const path of ['/api/docs', '/api/docs-json']) {
      const anonymous = await t.anonymous().get(path).expect(401);
      expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    }
    // The cookies are Secure: the test client would not send them back over http, so the header is set by hand.
    const cookieOf = async (username: string) => {
      const login = await t.anonymous().post('/api/auth/login').send({ username, password: 'Demo@123' }).expect(200);
      return (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    };
    const refused = await t.anonymous().get('/api/docs-json').set('Cookie', await cookieOf('quangtan.vanthu')).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    const admin = await cookieOf('admin');
    const docs = await t.anonymous().get('/api/docs-json').set('Cookie', admin).expect(200);
    expect(Object.keys(docs.body.paths)).toContain('/api/auth/login');
    await t.anonymous().get('/api/docs').set('Cookie', admin).expect(200);
  });

  it('sends the session cookie Secure because the public address is https (no COOKIE_SECURE needed)', async () => {
    const response = await t.anonymous().post('/api/auth/login').send({ username: 'quangtan.vanthu', password: 'Demo@123' }).expect(200);
    const cookies = response.headers['set-cookie'] as unknown as string[];
    const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(session).toMatch(/;\s*Secure/i);
    expect(cookies.every((c) => /;\s*Secure/i.test(c))).toBe(true);
    expect(response.headers['strict-transport-security']).toContain('max-age=');
  });
});
