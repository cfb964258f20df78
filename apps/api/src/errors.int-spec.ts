import { startTestApp, TestApp } from '../test/harness';

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
    expect(malformed.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(malformed.body.message.vi).toBeTruthy();

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
