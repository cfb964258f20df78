import { ErrorCode } from '@vanthu/shared/contracts';

import { startTestApp, TestApp } from '../test/harness';
import { corpusFile, DEMO_PIN, Directory, Route } from '../test/routing';

describe('expensive requests limited per user and minute (RATE_LIMIT_*_PER_MINUTE)', () => {
  let t: TestApp;
  let route: Route;

  beforeAll(async () => {
    t = await startTestApp('ratelimits', {
      signing: 'ec',
      env: { RATE_LIMIT_SEARCH_PER_MINUTE: '3', RATE_LIMIT_SIGN_PER_MINUTE: '2', RATE_LIMIT_UPLOAD_PER_MINUTE: '2', RATE_LIMIT_REPORT_PER_MINUTE: '2' },
    });
    route = new Route(t, await Directory.load(t));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers the fourth search in a minute with 429 in the error body, for that user only; plain lists are no searches', async () => {
    const clerk = await route.as('quangtan.vanthu');
    for (let i = 0; i < 3; i += 1) await clerk.get('/api/documents').query({ q: `ke hoach ${i}` }).expect(200);
    const refused = await clerk.get('/api/documents').query({ q: 'ke hoach' }).expect(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      code: ErrorCode.TooManyRequests,
      message: {
        vi: `Bạn đã gửi quá nhiều yêu cầu tìm kiếm trong thời gian ngắn. Vui lòng thử lại sau ${refused.headers['retry-after']} giây.`,
        en: `You sent too many search requests in a short time. Try again in ${refused.headers['retry-after']} seconds.`,
      },
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    await clerk.get('/api/documents').query({ direction: 'incoming' }).expect(200);
    await (await route.as('quangtam.vanthu')).get('/api/documents').query({ q: 'ke hoach' }).expect(200);
  });

  it('counts a leader’s signing requests together (server key, token preparation), whatever their outcome', async () => {
    const draft = await route.draft({ file: 'generate' });
    await route.approve(draft.id);
    const chairman = await route.as('tuyduc.lanhdao');
    expect((await chairman.post(`/api/outgoing/${draft.id}/sign`).send({ pin: '000000' }).expect(400)).body.code).toBe('WRONG_PIN');
    await chairman.post(`/api/outgoing/${draft.id}/sign`).send({ pin: DEMO_PIN }).expect(200);
    const third = await chairman.post(`/api/outgoing/${draft.id}/sign/prepare`).send({ certificateChainPem: 'x' }).expect(429);
    expect(third.body.message.en).toContain('signing requests');
  });

  it('limits uploads and reports per user', async () => {
    const draft = await route.draft({ file: 'generate' });
    const drafter = await route.as('tuyduc-nv.chuyenvien2');
    // route.draft already generated one file as chuyenvien1; chuyenvien2 has a budget of its own.
    const upload = () => drafter.post(`/api/outgoing/${draft.id}/files`).field('role', 'attachment').attach('file', corpusFile('pdflib-classic-xref.pdf'), { filename: 'phu-luc.pdf', contentType: 'application/pdf' });
    // The drafter of this draft is chuyenvien1: chuyenvien2 may not add files, yet each try counts.
    const first = await upload();
    const second = await upload();
    expect([first.status, second.status].every((s) => s !== 429)).toBe(true);
    expect((await upload().expect(429)).body.code).toBe('TOO_MANY_REQUESTS');

    const leader = await route.as('tuyduc.lanhdao');
    for (let i = 0; i < 2; i += 1) await leader.get('/api/reports/monthly').query({ year: 2026 }).expect(200);
    expect((await leader.get('/api/reports/incoming').query({ from: '2026-01-01', to: '2026-12-31' }).expect(429)).body.message.vi).toContain('báo cáo');
  });

  it('counts certificate, key and directory uploads as uploads too', async () => {
    // An administrator's trust anchor, key upload and directory import share one budget (2 here).
    const admin = await route.as('admin');
    const anchor = await admin.post('/api/signing/trust-anchors').attach('certificate', Buffer.from('not a certificate'), 'ca.cer');
    const key = await admin.post('/api/signing/credentials').attach('p12', Buffer.from('not a key'), 'key.p12');
    expect([anchor.status, key.status].every((s) => s !== 429)).toBe(true);
    const csv = await admin.post('/api/admin/external-organisations/import').set('content-type', 'text/csv').send('identifierCode,name\n').expect(429);
    expect(csv.body.code).toBe(ErrorCode.TooManyRequests);
    // A leader registering a token certificate.
    const vice = await route.as('tuyduc.phochutich');
    for (let i = 0; i < 2; i += 1) expect((await vice.post('/api/signing/certificates/mine').send({ certificatePem: 'x' })).status).not.toBe(429);
    await vice.post('/api/signing/certificates/mine').send({ certificatePem: 'x' }).expect(429);
  });
});
