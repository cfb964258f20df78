import { ApiClient, dispatchIssued, issueThroughTheRoute, ServerProcess, Session, SseClient, TestSmtpServer, waitFor } from '@vanthu/server/testing';
import { DeadLetterRetryResponse, NotificationItem, NotificationListResponse, NotificationSettings, QueueHealth, UnreadCountResponse } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { Delivered, dispatchThroughTheRoute, organisationIdOf } from '../../test/fixtures';
import { TestWorld } from '../../test/processes';

const COMMUNES = ['quangtan', 'dakbukso', 'dakrtih', 'dakngo', 'quangtruc', 'quangtam'];
const SUBJECT = 'Kế hoạch triển khai công tác chuyển đổi số năm 2026 trên địa bàn huyện';

describe('notifications: the API and the worker as they run, with a real SMTP server', () => {
  let world: TestWorld;
  let smtp: TestSmtpServer;
  let api: ApiClient;
  let apiProcess: ServerProcess;
  let url: string;
  let db: DataSource;
  let admin: Session;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    const smtpUrl = await smtp.start();
    world = await TestWorld.create('notify', { SMTP_URL: smtpUrl, MAIL_FROM: '"VănThư Tuy Đức" <vanthu@tuyduc.example>', NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_BACKOFF_MS: '100', SSE_HEARTBEAT_SECONDS: '1' });
    // The API migrates and seeds the demo district; the worker waits for the migration lock.
    const [started] = await Promise.all([world.startApi(), world.startWorker()]);
    url = started.url;
    apiProcess = started.api;
    api = new ApiClient(url);
    db = await world.db();
    admin = await api.logIn('admin');
  }, 240_000);

  afterAll(async () => {
    await world?.close();
    await smtp?.stop();
  }, 120_000);

  /**
   * A new Kế hoạch through the real route to the given communes: issued first (its review,
   * signing and issuing tell people too), then, once that has settled, dispatched.
   */
  async function dispatch(codes: string[]): Promise<{ symbol: string; delivered: Map<string, Delivered> }> {
    const recipientIds = await Promise.all(codes.map((code) => organisationIdOf(db, code)));
    const issued = await issueThroughTheRoute(api, db, SUBJECT, recipientIds);
    await settled();
    await beforeDispatch();
    const copies = await dispatchIssued(api, issued);
    return { symbol: issued.symbol, delivered: new Map(codes.map((code, i) => [code, { organisationId: recipientIds[i], documentId: copies.get(recipientIds[i]) ?? '' }])) };
  }
  /** What a test changes between issuing and dispatching (an SMTP server that starts refusing). */
  let beforeDispatch: () => Promise<void> | void = () => undefined;

  /** Waits until the outbox and every queue are empty, as the administrators' health page shows it. */
  async function settled(): Promise<QueueHealth> {
    return waitFor(
      async () => {
        const { status, body } = await api.call<QueueHealth>('GET', '/api/health/queues', admin);
        if (status !== 200 || body.outbox.backlog > 0) return null;
        // The reminder scheduler always keeps its next run delayed.
        return body.queues.every((q) => q.waiting + q.active + (q.name === 'reminders' ? 0 : q.delayed) === 0) ? body : null;
      },
      60_000,
      100,
    );
  }

  async function notificationsOf(session: Session): Promise<NotificationListResponse> {
    const { status, body } = await api.call<NotificationListResponse>('GET', '/api/notifications?limit=100', session);
    expect(status).toBe(200);
    return body;
  }

  it('gives each of six commune clerks one in-app notification and one e-mail, and pushes it live to an open tab', async () => {
    const clerk = await api.logIn('quangtan.vanthu');
    const tab = await SseClient.open(url, clerk);
    const ready = await tab.next<UnreadCountResponse>((e) => e.type === 'ready');
    expect(ready.data).toEqual({ unreadCount: 0 });

    // The real route: drafted, approved, signed, issued and dispatched through the API.
    const { symbol, delivered } = await dispatchThroughTheRoute(api, db, SUBJECT, COMMUNES);
    expect(symbol).toBe('01/KH-UBND');

    const live = await tab.next<{ item: NotificationItem; unreadCount: number }>((e) => e.type === 'notification');
    const quangtanCopy = Number(delivered.get('quangtan')!.documentId);
    expect(live.data.unreadCount).toBe(1);
    expect(live.data.item).toMatchObject({
      kind: 'document.dispatched',
      documentId: quangtanCopy,
      link: `/documents/${quangtanCopy}`,
      title: { vi: `Văn bản đến mới: ${symbol}`, en: `New incoming document: ${symbol}` },
      readAt: null,
    });
    expect(live.data.item.body.vi).toContain(`Trích yếu: ${SUBJECT}`);
    expect(live.data.item.body.vi).toContain('Nơi gửi: UBND huyện Tuy Đức');

    // The route also told the reviewer, the signer and the district clerks their turn came; the
    // dispatch itself is what the communes hear.
    const dispatchedMails = () => smtp.accepted.filter((m) => m.subject.startsWith('Văn bản đến mới'));
    await waitFor(async () => dispatchedMails().length >= COMMUNES.length, 60_000);
    await settled();
    for (const code of COMMUNES) {
      const copy = delivered.get(code)!.documentId;
      const session = code === 'quangtan' ? clerk : await api.logIn(`${code}.vanthu`);
      const list = await notificationsOf(session);
      expect(list.items.map((i) => [i.kind, i.documentId])).toEqual([['document.dispatched', Number(copy)]]);
      expect(list.unreadCount).toBe(1);

      const mails = smtp.to(`${code}.vanthu@${'tuyduc.example'}`);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail.subject).toBe(`Văn bản đến mới: ${symbol} — ${SUBJECT}`);
      expect(mail.from).toBe('VănThư Tuy Đức <vanthu@tuyduc.example>');
      expect(mail.text).toContain(`Kính gửi Ông/Bà ${session.user.fullName},`);
      expect(mail.text).toContain(`Số, ký hiệu: ${symbol}`);
      expect(mail.text).toContain('Nơi gửi: UBND huyện Tuy Đức');
      expect(mail.text).toContain(`Xem văn bản: ${url}/documents/${copy}`);
      expect(mail.html).toContain(`<a href="${url}/documents/${copy}">Xem văn bản</a>`);
    }
    // Only the clerks: no leader, specialist or the dispatching clerk heard of it.
    expect(dispatchedMails()).toHaveLength(COMMUNES.length);
    const [count] = await db.query("SELECT COUNT(*) AS n FROM notification WHERE kind = 'document.dispatched'");
    expect(Number(count.n)).toBe(COMMUNES.length);
    // One live push for one notification.
    expect(tab.ofType('notification')).toHaveLength(1);
    tab.close();
  }, 120_000);

  it('sends no e-mail of a kind a person turned off, while the in-app notification still arrives', async () => {
    const clerk = await api.logIn('quangtan.vanthu');
    const changed = await api.call<NotificationSettings>('PUT', '/api/notifications/settings', clerk, { kinds: [{ kind: 'document.dispatched', email: false }] });
    expect(changed.status).toBe(200);
    expect(changed.body.emailConfigured).toBe(true);
    expect(changed.body.emailAddress).toBe('quangtan.vanthu@tuyduc.example');
    expect(changed.body.kinds.find((k) => k.kind === 'document.dispatched')).toMatchObject({ email: false, label: { vi: 'Văn bản đến mới' } });
    expect(changed.body.kinds.filter((k) => k.kind !== 'document.dispatched').every((k) => k.email)).toBe(true);
    expect((await api.call<NotificationSettings>('GET', '/api/notifications/settings', clerk)).body).toEqual(changed.body);

    const { symbol, delivered } = await dispatch(['quangtan', 'dakngo']);
    const dispatchedMails = () => smtp.accepted.filter((m) => m.subject.startsWith(`Văn bản đến mới: ${symbol}`));
    await waitFor(async () => smtp.to('dakngo.vanthu@tuyduc.example').length === 2, 60_000);
    await settled();

    const list = await notificationsOf(clerk);
    expect(list.items[0]).toMatchObject({ documentId: Number(delivered.get('quangtan')!.documentId), title: { vi: `Văn bản đến mới: ${symbol}` } });
    expect(smtp.to('quangtan.vanthu@tuyduc.example')).toHaveLength(1);
    expect(dispatchedMails().map((m) => m.to)).toEqual([['dakngo.vanthu@tuyduc.example']]);

    // Settings are validated: an unknown kind is refused in both languages.
    const refused = await api.call<{ code: string; message: { vi: string } }>('PUT', '/api/notifications/settings', clerk, { kinds: [{ kind: 'no.such-kind', email: true }] });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    await api.call('PUT', '/api/notifications/settings', clerk, { kinds: [{ kind: 'document.dispatched', email: true }] });
  }, 120_000);

  it('lets a person list and mark only their own notifications, and tells their other tabs', async () => {
    const quangtan = await api.logIn('quangtan.vanthu');
    const dakngo = await api.logIn('dakngo.vanthu');
    const own = await notificationsOf(quangtan);
    const theirs = await notificationsOf(dakngo);
    expect(own.items.length).toBeGreaterThan(0);
    expect(theirs.items.length).toBeGreaterThan(0);
    const ownIds = new Set(own.items.map((i) => i.id));
    expect(theirs.items.some((i) => ownIds.has(i.id))).toBe(false);
    const [rows] = await db.query('SELECT COUNT(*) AS n FROM notification WHERE user_id = ?', [quangtan.user.id]);
    expect(own.items).toHaveLength(Number(rows.n));

    const otherTab = await SseClient.open(url, quangtan);
    await otherTab.next((e) => e.type === 'ready');

    // Another person's notification: 404, and it stays unread.
    const foreign = theirs.items[0];
    const refused = await api.call<{ code: string; message: { vi: string; en: string } }>('POST', `/api/notifications/${foreign.id}/read`, quangtan);
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: { vi: 'Thông báo không tồn tại hoặc bạn không có quyền xem.', en: 'The notification does not exist or you may not see it.' } });
    expect((await notificationsOf(dakngo)).items.find((i) => i.id === foreign.id)!.readAt).toBeNull();

    const marked = await api.call<UnreadCountResponse>('POST', `/api/notifications/${own.items[0].id}/read`, quangtan);
    expect(marked).toEqual({ status: 200, body: { unreadCount: own.unreadCount - 1 } });
    const pushed = await otherTab.next<UnreadCountResponse>((e) => e.type === 'unread');
    expect(pushed.data).toEqual({ unreadCount: own.unreadCount - 1 });
    expect((await api.call<UnreadCountResponse>('POST', '/api/notifications/read-all', quangtan)).body).toEqual({ unreadCount: 0 });
    expect((await api.call<UnreadCountResponse>('GET', '/api/notifications/unread-count', quangtan)).body).toEqual({ unreadCount: 0 });
    expect((await notificationsOf(dakngo)).unreadCount).toBe(theirs.unreadCount);

    // Paging: newest first, one at a time, to the end.
    const first = await api.call<NotificationListResponse>('GET', '/api/notifications?limit=1', quangtan);
    expect(first.body.items.map((i) => i.id)).toEqual([own.items[0].id]);
    const second = await api.call<NotificationListResponse>('GET', `/api/notifications?limit=1&before=${first.body.nextBefore}`, quangtan);
    expect(second.body.items.map((i) => i.id)).toEqual([own.items[1].id]);
    expect(second.body.nextBefore).toBeNull();
    otherTab.close();
  }, 120_000);

  it('keeps heartbeats on an idle stream and ends it when the session ends', async () => {
    const clerk = await api.logIn('dakrtih.vanthu');
    const tab = await SseClient.open(url, clerk);
    await tab.next((e) => e.type === 'heartbeat', 30_000);
    const ended = new Promise<void>((resolve) => tab.response.once('end', () => resolve()));
    expect((await api.call('POST', '/api/auth/logout', clerk)).status).toBe(204);
    await ended;
    const refused = await fetch(`${url}/api/notifications/stream`, { headers: { cookie: clerk.cookie } });
    expect(refused.status).toBe(401);
  }, 60_000);

  it('shows queue health to administrators only', async () => {
    for (const username of ['quangtan.vanthu', 'tuyduc.lanhdao', 'tuyduc-nv.chuyenvien1']) {
      const session = await api.logIn(username);
      expect((await api.call('GET', '/api/health/queues', session)).status).toBe(403);
      expect((await api.call('POST', '/api/admin/queues/dead-letter/retry', session)).status).toBe(403);
    }
    expect((await api.call('GET', '/api/health/queues')).status).toBe(401);
    const health = await settled();
    expect(health).toMatchObject({ status: 'ok', deadLettered: 0, outbox: { backlog: 0, oldestAgeSeconds: null } });
    expect(health.queues.map((q) => q.name)).toEqual(['notify-events', 'notify-in-app', 'notify-email', 'reminders']);
  }, 120_000);

  it('retries a refused e-mail with backoff, dead-letters it, and delivers it once when an administrator retries', async () => {
    let attemptsBefore = 0;
    let acceptedBefore = 0;
    // The route's own notifications (reviewer, signer, clerks) have gone out; the dispatch's e-mail is refused.
    beforeDispatch = () => {
      smtp.refusal = { code: 554, message: '5.7.1 Message refused' };
      attemptsBefore = smtp.attempts;
      acceptedBefore = smtp.accepted.length;
    };
    const { symbol, delivered } = await dispatch(['quangtruc']);
    beforeDispatch = () => undefined;

    const dead = await waitFor(
      async () => {
        const { body } = await api.call<QueueHealth>('GET', '/api/health/queues', admin);
        return body.deadLettered === 1 ? body : null;
      },
      60_000,
      100,
    );
    expect(dead.queues.find((q) => q.name === 'notify-email')!.failed).toBe(1);
    // NOTIFY_MAX_ATTEMPTS=3: three tries at the server, none accepted.
    expect(smtp.attempts - attemptsBefore).toBe(3);
    expect(smtp.accepted.length).toBe(acceptedBefore);
    // The in-app notification does not wait for e-mail.
    const clerk = await api.logIn('quangtruc.vanthu');
    expect((await notificationsOf(clerk)).items[0]).toMatchObject({ documentId: Number(delivered.get('quangtruc')!.documentId) });

    smtp.refusal = null;
    const retried = await api.call<DeadLetterRetryResponse>('POST', '/api/admin/queues/dead-letter/retry', admin);
    expect(retried).toEqual({ status: 200, body: { retried: 1 } });
    await waitFor(async () => smtp.to('quangtruc.vanthu@tuyduc.example').length === 2, 60_000);
    const health = await settled();
    expect(health.deadLettered).toBe(0);
    expect(health.queues.find((q) => q.name === 'notify-email')!.failed).toBe(0);
    const mails = smtp.to('quangtruc.vanthu@tuyduc.example');
    expect(mails.filter((m) => m.subject.includes(symbol))).toHaveLength(1);
    // Nothing left to retry.
    expect((await api.call<DeadLetterRetryResponse>('POST', '/api/admin/queues/dead-letter/retry', admin)).body).toEqual({ retried: 0 });
    const [audit] = await db.query("SELECT COUNT(*) AS n FROM audit_record WHERE action = 'queues.dead-letter-retried'");
    expect(Number(audit.n)).toBe(2);
  }, 120_000);

  it('ends the open streams when the API is stopped, instead of waiting for the tabs to hang up', async () => {
    const tab = await SseClient.open(url, await api.logIn('quangtam.vanthu'));
    await tab.next((e) => e.type === 'ready');
    const ended = new Promise<void>((resolve) => tab.response.once('end', () => resolve()));
    const stoppedAt = Date.now();
    const exit = await apiProcess.signal('SIGTERM', 10_000);
    await ended;
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    // Well under the 5 s keep-alive a finished stream's connection would otherwise hold the server for.
    expect(Date.now() - stoppedAt).toBeLessThan(4500);
  }, 60_000);
});
