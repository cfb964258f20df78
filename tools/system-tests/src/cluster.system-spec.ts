import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { QUEUES } from '@vanthu/server/data-access';
import { ApiClient, httpRequest, HttpReply, ok, Session, SseClient, TEST_REDIS_URL, TestSmtpServer, waitFor } from '@vanthu/server/testing';
import { CSRF_HEADER, DocumentDetail, DocumentType, NotificationKind, OrganisationKind, Role, SecurityLevel, Urgency } from '@vanthu/shared/contracts';
import { QueueEvents } from 'bullmq';
import { Browser, chromium } from 'playwright-core';

import { Cluster } from './support/cluster';

const PIN = '123456';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Two API processes and two workers behind nginx (docs/deploy.md), on one MariaDB and one Redis:
 * what a province that outgrew one Node process runs. nginx spreads requests round-robin with no
 * stickiness, so every request may land on either process.
 */
describe('two APIs and two workers behind nginx', () => {
  let cluster: Cluster;
  let smtp: TestSmtpServer;
  let browser: Browser;
  let api: ApiClient;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    const smtpUrl = await smtp.start();
    // A job held by a killed worker goes to the other one after QUEUE_LOCK_MS.
    // 50 drafts laid out, signed and issued by one drafter, chairman and clerk within seconds: far
    // past a person's RATE_LIMIT_UPLOAD_PER_MINUTE (30) and RATE_LIMIT_SIGN_PER_MINUTE (20).
    cluster = await Cluster.create('cluster', 2, {
      SMTP_URL: smtpUrl,
      QUEUE_LOCK_MS: '5000',
      OUTBOX_POLL_MS: '100',
      RATE_LIMIT_SIGN_PER_MINUTE: '1000',
      RATE_LIMIT_UPLOAD_PER_MINUTE: '1000',
      // Not the default: the CSP nginx adds must follow the deployment's plugin address, as the API's does.
      SIGNING_PLUGIN_URL: 'wss://127.0.0.1:18987/',
    });
    // API 1 first (it migrates and seeds the demo district), the workers, nginx; API 2 later.
    await cluster.startApi(0);
    await cluster.startWorker(0);
    await cluster.startWorker(1);
    await cluster.startNginx();
    api = new ApiClient(cluster.url, cluster.certificate);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  /** One request with exactly these headers; the body as it crossed the wire. */
  const raw = (base: string, path: string, headers: Record<string, string>): Promise<HttpReply> =>
    httpRequest(`${base}${path}`, { headers, ca: base.startsWith('https:') ? cluster.certificate : undefined });

  afterAll(async () => {
    await browser?.close();
    await cluster?.close();
    await smtp?.stop();
  });

  it('serves the web app and JSON compressed with the API’s security headers, and redirects plain HTTP to HTTPS', async () => {
    const page = await raw(cluster.url, '/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(page.status).toBe(200);
    const fromApi = await raw(cluster.apiUrl(0), '/api/health', {});
    for (const header of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy']) {
      expect(page.headers[header]).toBe(fromApi.headers[header]);
    }
    expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const script = /src="(main-[0-9A-Z]{8}\.js)"/.exec(page.body.toString('utf8'))?.[1];
    const chunk = /(chunk-[0-9A-Z]{8}\.js)/.exec(page.body.toString('utf8'))?.[1] ?? script;
    expect(chunk).toBeDefined();
    const asset = await raw(cluster.url, `/${chunk}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-encoding']).toBe('br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gzipped = await raw(cluster.url, `/${chunk}`, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    // A client-side route is the app, not a 404.
    expect((await raw(cluster.url, '/van-ban-den/12', {})).status).toBe(200);

    // JSON above 1 KB (the organisation directory) reaches the browser compressed through nginx too.
    const session = await api.logIn('quangtan.vanthu');
    const directory = await raw(cluster.url, '/api/organisations', { cookie: session.cookie, 'accept-encoding': 'gzip, br' });
    expect(directory.status).toBe(200);
    expect(directory.headers['content-type']).toMatch(/^application\/json/);
    expect(['br', 'gzip']).toContain(directory.headers['content-encoding']);
    const json = (directory.headers['content-encoding'] === 'br' ? brotliDecompressSync(directory.body) : gunzipSync(directory.body)).toString('utf8');
    expect(json.length).toBeGreaterThan(1024);
    expect(directory.body.length).toBeLessThan(json.length);
    expect(JSON.parse(json)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'UBND xã Quảng Tân' })]));

    const plain = await fetch(`http://127.0.0.1:${cluster.httpPort}/`, { redirect: 'manual' });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toMatch(/^https:\/\//);
  });

  it('answers an over-long address or header with the documented JSON error, from Node up to 32 kB and from nginx beyond', async () => {
    const expected = {
      statusCode: 431,
      code: 'HEADERS_TOO_LARGE',
      message: { vi: 'Địa chỉ hoặc phần đầu (header, cookie) của yêu cầu quá dài.', en: 'The address or the headers (cookies) of the request are too long.' },
    };
    const json = (reply: HttpReply) => ({ status: reply.status, type: reply.headers['content-type'], body: JSON.parse(reply.body.toString('utf8')) });
    const long = (kb: number) => 'a'.repeat(kb * 1024);
    // Past nginx's default 8 kB, within its 32 kB: Node's own 431 handler answers.
    expect(json(await raw(cluster.url, `/api/documents?q=${long(20)}`, {}))).toEqual({ status: 431, type: expect.stringMatching(/^application\/json/), body: expected });
    // Past 32 kB: nginx answers (414 for the request line, 494 for a header field), in the same shape.
    expect(json(await raw(cluster.url, `/api/documents?q=${long(40)}`, {}))).toEqual({ status: 431, type: expect.stringMatching(/^application\/json/), body: expected });
    expect(json(await raw(cluster.url, '/api/health', { cookie: `x=${long(40)}` }))).toEqual({ status: 431, type: expect.stringMatching(/^application\/json/), body: expected });
    // An ordinary address still reaches the API.
    expect((await raw(cluster.url, `/api/health?q=${long(10)}`, {})).status).toBe(200);
  });

  it('refuses an upload just over UPLOAD_MAX_MB with the API’s own 413 naming the limit, and one far over it with nginx’s JSON 413', async () => {
    const uploadMaxMb = Number(cluster.env['UPLOAD_MAX_MB'] ?? 50);
    const drafter = await api.logIn('tuyduc-nv.chuyenvien1');
    const draft = await draftPlan(api, drafter, 'Kế hoạch tập huấn nghiệp vụ văn thư năm 2027', []);
    const upload = (fileBytes: number) => {
      const boundary = `vanthu-${Date.now()}`;
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="role"\r\n\r\nattachment\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="phu-luc.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      );
      const file = Buffer.alloc(fileBytes, 0x20);
      file.write('%PDF-1.7\n');
      const body = Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      return httpRequest(`${cluster.url}/api/outgoing/${draft.id}/files`, {
        method: 'POST',
        headers: { cookie: drafter.cookie, [CSRF_HEADER]: drafter.csrf, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) },
        body,
        ca: cluster.certificate,
      });
    };
    const mb = 1024 * 1024;

    // Half a megabyte over the limit: within nginx's client_max_body_size (UPLOAD_MAX_MB + 1), so the API answers.
    const justOver = await upload(uploadMaxMb * mb + mb / 2);
    expect(justOver.status).toBe(413);
    expect(JSON.parse(justOver.body.toString('utf8'))).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: { vi: `Tệp tải lên vượt quá dung lượng cho phép (${uploadMaxMb} MB).`, en: `The file is larger than the allowed ${uploadMaxMb} MB.` },
    });
    // Two megabytes over: nginx refuses it before any API process reads a byte, in the same JSON shape.
    const upstreamsBefore = cluster.upstreamsSeen().length;
    const farOver = await upload((uploadMaxMb + 2) * mb);
    expect(farOver.status).toBe(413);
    expect(farOver.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(farOver.body.toString('utf8'))).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: { vi: 'Dữ liệu gửi lên vượt quá dung lượng cho phép.', en: 'The upload is larger than allowed.' },
    });
    // nginx logs the request once it has discarded the rest of the body, after it answered.
    const refused = await waitFor(async () => cluster.upstreamsSeen().slice(upstreamsBefore).find((entry) => entry.method === 'POST' && entry.status === 413) ?? null, 30_000, 100).catch(() => {
      throw new Error(`nginx logged no refused POST; it logged ${JSON.stringify(cluster.upstreamsSeen().slice(upstreamsBefore))}`);
    });
    expect(refused.upstream).toBe('-');
  });

  it('lets a person log in through one process and act through the other; a live notification reaches a browser whose stream the other process holds', async () => {
    // Only API 1 runs: the browser's log-in and its live stream land there, whatever nginx would choose.
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'vi-VN' });
    const login = await context.request.post(`${cluster.url}/api/auth/login`, { data: { username: 'tuyduc-nv.lanhdao', password: 'Demo@123' } });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    const scripts: Array<{ url: string; encoding: string }> = [];
    page.on('response', (response) => {
      if (/\.js$/.test(response.url())) scripts.push({ url: response.url(), encoding: response.headers()['content-encoding'] ?? 'none' });
    });
    await page.goto(cluster.url);
    await page.locator('vt-root').waitFor();
    // Every script the browser loaded came as brotli, but those too small to be worth it (under 1 KB).
    expect(scripts.filter((s) => s.encoding === 'br').length).toBeGreaterThan(0);
    for (const script of scripts.filter((s) => s.encoding !== 'br')) {
      expect((await raw(cluster.url, new URL(script.url).pathname, {})).body.length).toBeLessThan(1024);
    }
    await page.evaluate(() => {
      const events: Array<{ type: string; data: string }> = [];
      (window as unknown as { liveEvents: typeof events }).liveEvents = events;
      const source = new EventSource('/api/notifications/stream');
      for (const type of ['ready', 'notification', 'unread']) source.addEventListener(type, (event) => events.push({ type, data: (event as MessageEvent<string>).data }));
    });
    await page.waitForFunction(() => (window as unknown as { liveEvents: Array<{ type: string }> }).liveEvents.some((e) => e.type === 'ready'));

    // Now API 2 joins; the drafter works on it directly, and the reviewer's own session (made by API 1) works there too.
    await cluster.startApi(1);
    const direct = new ApiClient(cluster.apiUrl(1));
    const drafter = await direct.logIn('tuyduc-nv.chuyenvien1');
    const cookies = await context.cookies();
    const reviewerOnApi2: Session = {
      cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      csrf: cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '',
      user: (await login.json()).user,
    };
    const me = await direct.call<{ user: { username: string } }>('GET', '/api/auth/me', reviewerOnApi2);
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('tuyduc-nv.lanhdao');

    const subject = 'Kế hoạch kiểm tra công tác văn thư, lưu trữ năm 2027';
    const draft = await draftPlan(direct, drafter, subject, []);
    await ok(direct.call('POST', `/api/outgoing/${draft.id}/submit`, drafter, { reviewerIds: [await userIdOf('tuyduc-nv.lanhdao')] }));

    const live = await page.waitForFunction(
      (text) => (window as unknown as { liveEvents: Array<{ type: string; data: string }> }).liveEvents.find((e) => e.type === 'notification' && e.data.includes(text))?.data,
      subject,
      { timeout: 30_000 },
    );
    const notification = JSON.parse((await live.jsonValue()) as string);
    expect(notification).toMatchObject({ item: { kind: NotificationKind.AwaitingReview } });

    // The reviewer approves through API 2 with the session API 1 made, CSRF header and all.
    const approved = await direct.call('POST', `/api/outgoing/${draft.id}/review`, reviewerOnApi2, { decision: 'approve' });
    expect(approved.status).toBe(200);
    // And a stream through nginx, compressed-capable like a browser, hears the chairman's turn at once.
    const chairman = await api.logIn('tuyduc.lanhdao');
    const stream = await SseClient.open(cluster.url, chairman, cluster.certificate);
    expect(stream.response.headers['content-encoding']).toBeUndefined();
    await stream.next((e) => e.type === 'ready');
    const second = await draftPlan(api, await api.logIn('tuyduc-nv.chuyenvien1'), 'Báo cáo kết quả chuyển đổi số quý IV năm 2026', []);
    const reviewer = await api.logIn('tuyduc-nv.lanhdao');
    await ok(api.call('POST', `/api/outgoing/${second.id}/submit`, await api.logIn('tuyduc-nv.chuyenvien1'), { reviewerIds: [reviewer.user.id] }));
    await ok(api.call('POST', `/api/outgoing/${second.id}/review`, reviewer, { decision: 'approve' }));
    const pushed = await stream.next<{ item: { kind: string } }>((e) => e.type === 'notification', 30_000);
    expect(pushed.data.item.kind).toBe(NotificationKind.AwaitingSignature);
    stream.close();
    await context.close();
  });

  it('gives 50 concurrent issue requests, spread over both processes, consecutive numbers', async () => {
    const drafter = await api.logIn('tuyduc-nv.chuyenvien1');
    const reviewer = await api.logIn('tuyduc-nv.lanhdao');
    const chairman = await api.logIn('tuyduc.lanhdao');
    const clerk = await api.logIn('tuyduc.vanthu');
    const signed: number[] = [];
    await inBatches(50, 5, async (i) => {
      const draft = await draftPlan(api, drafter, `Kế hoạch số ${i + 1} về cải cách hành chính năm 2027`, []);
      await ok(api.call('POST', `/api/outgoing/${draft.id}/submit`, drafter, { reviewerIds: [reviewer.user.id] }));
      await ok(api.call('POST', `/api/outgoing/${draft.id}/review`, reviewer, { decision: 'approve' }));
      await ok(api.call('POST', `/api/outgoing/${draft.id}/sign`, chairman, { pin: PIN }));
      signed.push(draft.id);
    });
    const logBefore = cluster.upstreamsSeen().length;

    const issued = await Promise.all(signed.map((id) => api.call<DocumentDetail>('POST', `/api/outgoing/${id}/issue`, clerk, { pin: PIN })));
    expect(issued.map((r) => r.status)).toEqual(signed.map(() => 200));
    const numbers = issued.map((r) => r.body.number ?? 0).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(issued.map((r) => r.body.symbol)).size).toBe(50);
    expect(issued.map((r) => r.body.symbol)).toContain('01/KH-UBND');

    const upstreams = new Set(
      cluster
        .upstreamsSeen()
        .slice(logBefore)
        .filter((entry) => entry.method === 'POST' && entry.path.endsWith('/issue'))
        .map((entry) => entry.upstream),
    );
    expect([...upstreams].sort()).toEqual(cluster.apiPorts.map((port) => `127.0.0.1:${port}`).sort());
  });

  it('loses nothing and duplicates no copy or in-app notification when a worker holding jobs is killed with SIGKILL during a fan-out to 100 recipients; e-mail is at-least-once (a second copy only where the kill fell between SMTP acceptance and its record)', async () => {
    const admin = await api.logIn('admin');
    const district = await organisationIdOf('tuyduc');
    const communes: number[] = [];
    const clerks: Array<{ id: number; email: string }> = [];
    await inBatches(100, 5, async (i) => {
      const code = `xa-thu-${String(i + 1).padStart(3, '0')}`;
      const organisation = await ok(
        api.call<{ id: number }>('POST', '/api/admin/organisations', admin, {
          parentId: district,
          code,
          name: `UBND xã Thử Nghiệm ${i + 1}`,
          kind: OrganisationKind.Commune,
          abbreviation: 'UBND',
          placeName: `Thử Nghiệm ${i + 1}`,
        }),
      );
      const email = `vanthu.${code}@example.gov.vn`;
      const user = await ok(
        api.call<{ id: number }>('POST', '/api/admin/users', admin, {
          username: `${code}.vanthu`,
          fullName: `Văn thư xã Thử Nghiệm ${i + 1}`,
          position: 'Văn thư',
          email,
          organisationId: organisation.id,
          roles: [Role.Clerk],
          password: 'Demo@12345',
        }),
      );
      communes.push(organisation.id);
      clerks.push({ id: user.id, email });
    });

    const drafter = await api.logIn('tuyduc-nv.chuyenvien1');
    const subject = 'Thông báo lịch tiếp công dân tháng 01 năm 2027';
    const draft = await draftPlan(api, drafter, subject, communes);
    const reviewer = await api.logIn('tuyduc-nv.lanhdao');
    await ok(api.call('POST', `/api/outgoing/${draft.id}/submit`, drafter, { reviewerIds: [reviewer.user.id] }));
    await ok(api.call('POST', `/api/outgoing/${draft.id}/review`, reviewer, { decision: 'approve' }));
    await ok(api.call('POST', `/api/outgoing/${draft.id}/sign`, await api.logIn('tuyduc.lanhdao'), { pin: PIN }));
    const clerk = await api.logIn('tuyduc.vanthu');
    const issued = await ok(api.call<DocumentDetail>('POST', `/api/outgoing/${draft.id}/issue`, clerk, { pin: PIN }));

    // The queues' own event streams: a job whose worker died without finishing it is reported
    // `stalled` when another worker's stall check finds its lock expired and takes it back.
    const redis = new URL(TEST_REDIS_URL);
    const queueEvents = [QUEUES.notifyEvents, QUEUES.notifyInApp, QUEUES.notifyEmail].map(
      (name) => new QueueEvents(name, { connection: { host: redis.hostname, port: Number(redis.port || 6379) }, prefix: cluster.env['REDIS_PREFIX'] }),
    );
    const stalled: Array<{ queue: string; jobId: string }> = [];
    for (const events of queueEvents) events.on('stalled', ({ jobId }) => stalled.push({ queue: events.name, jobId }));
    await Promise.all(queueEvents.map((events) => events.waitUntilReady()));

    // Each e-mail takes a moment, so that the kill lands with deliveries in flight.
    smtp.acceptDelayMs = 30;
    const dispatched = await ok(api.call<DocumentDetail>('POST', `/api/outgoing/${draft.id}/dispatch`, clerk, {}));
    expect(dispatched.deliveries).toHaveLength(100);
    const db = await cluster.db();
    const clerkIds = clerks.map((c) => c.id);
    const inAppCounts = async (): Promise<number[]> => {
      const rows: Array<{ user_id: number; n: number }> = await db.query(
        `SELECT n.user_id, COUNT(*) AS n FROM notification n JOIN outbox_event e ON e.id = n.event_id
          WHERE n.kind = ? AND e.payload LIKE ? AND n.user_id IN (?) GROUP BY n.user_id`,
        [NotificationKind.DocumentDispatched, `%${issued.symbol}%`, clerkIds],
      );
      const byUser = new Map(rows.map((r) => [Number(r.user_id), Number(r.n)]));
      return clerkIds.map((id) => byUser.get(id) ?? 0);
    };
    const mailed = (email: string) => smtp.accepted.filter((m) => m.to.includes(email) && m.subject.includes(issued.symbol ?? '?')).length;

    // Killed mid-way: some people already have their notification or e-mail, others not yet.
    await waitFor(async () => (await inAppCounts()).some((n) => n > 0) || clerks.some((c) => mailed(c.email) > 0), 60_000, 5);
    const killed = cluster.workers.get(0);
    const exit = await killed?.signal('SIGKILL');
    expect(exit?.signal).toBe('SIGKILL');
    const atKill = { inApp: (await inAppCounts()).filter((n) => n > 0).length, email: clerks.filter((c) => mailed(c.email) > 0).length };
    expect(Math.min(atKill.inApp, atKill.email)).toBeLessThan(100);
    const stalledBeforeKill = stalled.length;

    // systemd restarts it (Restart=always); the other worker went on meanwhile.
    await cluster.startWorker(0);
    await waitFor(async () => (await inAppCounts()).every((n) => n >= 1) && clerks.every((c) => mailed(c.email) >= 1), 120_000, 100);
    // The killed worker had jobs in hand: after QUEUE_LOCK_MS their locks expired and a stall check
    // took them back (without this the kill would prove nothing about jobs in flight).
    await waitFor(async () => stalled.length > stalledBeforeKill, 30_000, 100);
    await Promise.all(queueEvents.map((events) => events.close()));
    await waitFor(async () => {
      const [pending] = await db.query(
        "SELECT COUNT(*) AS n FROM notification_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE e.payload LIKE ? AND d.status NOT IN ('sent', 'skipped')",
        [`%${issued.symbol}%`],
      );
      return Number(pending.n) === 0;
    }, 60_000, 200);
    smtp.acceptDelayMs = 0;

    // Every incoming copy once, every person one notification in the app.
    const [copies] = await db.query("SELECT COUNT(*) AS n FROM document WHERE direction = 'incoming' AND source_document_id = ?", [draft.id]);
    expect(Number(copies.n)).toBe(100);
    expect(await inAppCounts()).toEqual(clerkIds.map(() => 1));
    // By e-mail: everyone, at least once. SMTP cannot be asked whether it already took a message,
    // so a send the kill cut between the server's acceptance and its record (about a millisecond)
    // is sent again, with the same Message-ID (docs/deploy.md). A second copy is allowed only for
    // a delivery that was claimed again, and never a third.
    const emails = clerks.map((c) => mailed(c.email));
    const twice = clerks.filter((_, i) => emails[i] > 1).map((c) => c.id);
    const reclaimed: Array<{ user_id: number }> = await db.query(
      "SELECT d.user_id FROM notification_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE e.payload LIKE ? AND d.channel = 'email' AND d.attempts > 1",
      [`%${issued.symbol}%`],
    );
    const interrupted = new Set(reclaimed.map((r) => Number(r.user_id)));
    expect(twice.filter((id) => !interrupted.has(id))).toEqual([]);
    expect(Math.max(...emails)).toBeLessThanOrEqual(2);
  });

  async function organisationIdOf(code: string): Promise<number> {
    const [row] = await (await cluster.db()).query('SELECT id FROM organisation WHERE code = ?', [code]);
    return Number(row.id);
  }

  async function userIdOf(username: string): Promise<number> {
    const [row] = await (await cluster.db()).query('SELECT id FROM `user` WHERE username = ?', [username]);
    return Number(row.id);
  }

  /** A Kế hoạch drafted by Phòng Nội vụ in the name of UBND huyện, for the chairman to sign, with its PDF laid out. */
  async function draftPlan(client: ApiClient, drafter: Session, subject: string, recipientIds: number[]): Promise<DocumentDetail> {
    const draft = await ok(
      client.call<DocumentDetail>('POST', '/api/outgoing', drafter, {
        type: DocumentType.Plan,
        subject,
        urgency: Urgency.Normal,
        securityLevel: SecurityLevel.Normal,
        issuingOrganisationId: await organisationIdOf('tuyduc'),
        recipientIds: recipientIds.length ? recipientIds : [await organisationIdOf('quangtan')],
        signerId: await userIdOf('tuyduc.lanhdao'),
        signingLine: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
      }),
    );
    await ok(client.call('POST', `/api/outgoing/${draft.id}/files/generate`, drafter, {}));
    return draft;
  }
});

/** Runs `task(0…count-1)`, `width` at a time. */
async function inBatches(count: number, width: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await task(next++);
    }),
  );
}
