import { OutboxEventType, OutboxService } from '@vanthu/server/data-access';
import { ApiClient, dispatchIssued, IssuedDocument, issueThroughTheRoute, organisationIdOf, ServerProcess, TcpProxy, TEST_REDIS_URL, TestSmtpServer, waitFor } from '@vanthu/server/testing';
import { Role } from '@vanthu/shared/contracts';
import { QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';

import { organisationWithPeople, Person } from '../../test/fixtures';
import { QueueWatch, TestWorld } from '../../test/processes';
import { EMAIL_CONCURRENCY } from './worker/mailer';

const redis = new URL(TEST_REDIS_URL);

describe('nothing lost, nothing twice: Redis away, a worker killed, the relay re-run, SIGTERM', () => {
  let world: TestWorld;
  let smtp: TestSmtpServer;
  let db: DataSource;
  let watch: QueueWatch;
  const redisProxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
  let proxied: Record<string, string>;
  let worker: ServerProcess;
  let api: ApiClient;
  let district: number;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    const smtpUrl = await smtp.start();
    // A short queue lock, so that the jobs of a killed worker go to the next one within seconds.
    world = await TestWorld.create('resilience', { SMTP_URL: smtpUrl, QUEUE_LOCK_MS: '1500', NOTIFY_BACKOFF_MS: '200' });
    proxied = { REDIS_URL: `redis://127.0.0.1:${await redisProxy.start()}` };
    // The API (on Redis directly) migrates and seeds the demo district with its signing keys; the
    // worker (through the proxy the tests cut) waits for the migration lock.
    const [started] = await Promise.all([world.startApi(), world.startWorker(proxied).then((w) => (worker = w))]);
    api = new ApiClient(started.url);
    db = await world.db();
    watch = new QueueWatch(world.prefix, db);
    district = await organisationIdOf(db, 'tuyduc');
  }, 300_000);

  afterAll(async () => {
    await watch?.close();
    await world?.close();
    await redisProxy.stop();
    await smtp?.stop();
  }, 180_000);

  /**
   * The district's Kế hoạch for one organisation through the real route, issued and settled (the
   * review, signing and issuing tell people too): what is left is its dispatch.
   */
  async function issuedFor(organisationId: number): Promise<IssuedDocument> {
    const issued = await issueThroughTheRoute(api, db, 'Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn', [organisationId]);
    await watch.idle();
    return issued;
  }

  async function inAppCountsOf(people: Person[], symbol: string): Promise<number[]> {
    const rows: Array<{ user_id: number; n: string }> = await db.query(
      'SELECT n.user_id, COUNT(*) AS n FROM notification n WHERE n.title_vi LIKE ? GROUP BY n.user_id',
      [`%${symbol}`],
    );
    const byUser = new Map(rows.map((r) => [Number(r.user_id), Number(r.n)]));
    return people.map((p) => byUser.get(p.id) ?? 0);
  }

  function emailCountsOf(people: Person[], symbol: string): number[] {
    return people.map((p) => smtp.to(p.email).filter((m) => m.subject.includes(symbol)).length);
  }

  it('commits the change while Redis is unreachable, then delivers every notification once when it returns', async () => {
    const { organisationId, people } = await organisationWithPeople(db, 'redisdown', 'UBND xã Quảng Tân Mới', Role.Clerk, 20, district);
    const issued = await issuedFor(organisationId);
    await redisProxy.stop();

    // The dispatch's transaction does not touch Redis: it commits.
    await dispatchIssued(api, issued);
    const symbol = issued.symbol;
    const [waiting] = await db.query('SELECT COUNT(*) AS n FROM outbox_event WHERE published_at IS NULL');
    expect(Number(waiting.n)).toBe(1);
    // Ten relay intervals later the event still waits in the database, and nobody heard yet.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [still] = await db.query('SELECT COUNT(*) AS n FROM outbox_event WHERE published_at IS NULL');
    expect(Number(still.n)).toBe(1);
    expect(await inAppCountsOf(people, symbol)).toEqual(people.map(() => 0));

    await redisProxy.start();
    await waitFor(async () => (await inAppCountsOf(people, symbol)).every((n) => n >= 1) && emailCountsOf(people, symbol).every((n) => n >= 1), 90_000, 100);
    await watch.idle();
    expect(await inAppCountsOf(people, symbol)).toEqual(people.map(() => 1));
    expect(emailCountsOf(people, symbol)).toEqual(people.map(() => 1));
  }, 180_000);

  it('loses and repeats nothing when the worker is killed in the middle of a batch and another takes over', async () => {
    const { organisationId, people } = await organisationWithPeople(db, 'killed', 'UBND xã Đắk Ngo Mới', Role.Clerk, 150, district);
    const issued = await issuedFor(organisationId);
    // Each e-mail takes a moment, so that the kill lands with deliveries in flight.
    smtp.acceptDelayMs = 20;
    const acceptedBefore = smtp.accepted.length;
    await dispatchIssued(api, issued);
    const symbol = issued.symbol;
    await waitFor(async () => smtp.accepted.length - acceptedBefore >= 20, 60_000, 5);
    const exit = await worker.signal('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    const beforeRestart = emailCountsOf(people, symbol).filter((n) => n > 0).length;
    expect(beforeRestart).toBeLessThan(people.length);

    worker = await world.startWorker(proxied);
    await waitFor(async () => emailCountsOf(people, symbol).every((n) => n >= 1), 90_000, 100);
    await watch.idle();
    smtp.acceptDelayMs = 0;

    // In the app: exactly one each.
    expect(await inAppCountsOf(people, symbol)).toEqual(people.map(() => 1));
    // By e-mail: everyone at least once; a second copy only where a send was cut between the
    // server's acceptance and its record (the delivery row was claimed twice), at most one per
    // e-mail in flight when the worker died.
    const counts = emailCountsOf(people, symbol);
    expect(counts.every((n) => n >= 1)).toBe(true);
    const twice = people.filter((_, i) => counts[i] > 1).map((p) => p.id);
    const reclaimed: Array<{ user_id: number }> = await db.query(
      "SELECT d.user_id FROM notification_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE e.payload LIKE ? AND d.attempts > 1",
      [`%${symbol}%`],
    );
    const interrupted = new Set(reclaimed.map((r) => Number(r.user_id)));
    expect(twice.filter((id) => !interrupted.has(id))).toEqual([]);
    expect(twice.length).toBeLessThanOrEqual(EMAIL_CONCURRENCY);
    expect(Math.max(...counts)).toBeLessThanOrEqual(2);
    const [sent] = await db.query(
      "SELECT COUNT(*) AS n FROM notification_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE e.payload LIKE ? AND d.status = 'sent'",
      [`%${symbol}%`],
    );
    expect(Number(sent.n)).toBe(people.length);
  }, 180_000);

  it('creates nothing twice when the relay runs again over events BullMQ has already forgotten', async () => {
    const [before] = await db.query('SELECT COUNT(*) AS n FROM notification');
    const mailsBefore = smtp.accepted.length;
    const [events] = await db.query('SELECT COUNT(*) AS n FROM outbox_event');
    // As if the relay had died after adding the jobs and before marking the rows, and the
    // completed jobs had since been removed from Redis: every event is relayed and fanned out again.
    for (const name of ['notify-events', 'notify-in-app', 'notify-email']) await watch.queue(name).clean(0, 100_000, 'completed');
    await db.query('UPDATE outbox_event SET published_at = NULL');
    await waitFor(async () => {
      const [left] = await db.query('SELECT COUNT(*) AS n FROM outbox_event WHERE published_at IS NULL');
      return Number(left.n) === 0;
    }, 60_000);
    await watch.idle();
    const completed = await watch.queue('notify-events').getCompletedCount();
    expect(completed).toBe(Number(events.n));
    const [after] = await db.query('SELECT COUNT(*) AS n FROM notification');
    expect(Number(after.n)).toBe(Number(before.n));
    expect(smtp.accepted.length).toBe(mailsBefore);
  }, 180_000);

  it('finishes the e-mail in hand on SIGTERM before stopping, and the next worker sends nothing again', async () => {
    const { organisationId, people } = await organisationWithPeople(db, 'sigterm', 'UBND xã Quảng Trực Mới', Role.Clerk, 1, district);
    const issued = await issuedFor(organisationId);
    smtp.acceptDelayMs = 1500;
    const started = smtp.started;
    await dispatchIssued(api, issued);
    const symbol = issued.symbol;
    await waitFor(async () => smtp.started > started, 60_000, 10);

    const exit = await worker.signal('SIGTERM');
    // The server accepted the message before the worker was gone, and the worker recorded it.
    expect(emailCountsOf(people, symbol)).toEqual([1]);
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    const [row] = await db.query("SELECT d.status, d.attempts FROM notification_delivery d WHERE d.user_id = ? AND d.channel = 'email'", [people[0].id]);
    expect(row).toEqual({ status: 'sent', attempts: 1 });
    smtp.acceptDelayMs = 0;

    worker = await world.startWorker(proxied);
    await watch.idle();
    expect(emailCountsOf(people, symbol)).toEqual([1]);
    expect(await inAppCountsOf(people, symbol)).toEqual([1]);
  }, 180_000);

  it('shares a burst between two worker replicas without relaying any event twice', async () => {
    const { people } = await organisationWithPeople(db, 'replicas', 'UBND xã Đắk Buk So Mới', Role.Specialist, 200, district);
    // In-app only, to keep the burst short: these people take this kind by e-mail no more.
    await db.query(
      "INSERT INTO notification_setting (user_id, kind, email, updated_at) SELECT id, 'document.assigned', 0, UTC_TIMESTAMP(3) FROM `user` WHERE username LIKE 'replicas.%'",
    );
    const second = await world.startWorker();
    const events = new QueueEvents('notify-events', { connection: { host: redis.hostname, port: Number(redis.port || 6379) }, prefix: world.prefix });
    await events.waitUntilReady();
    let duplicated = 0;
    events.on('duplicated', () => (duplicated += 1));
    const completedBefore = await watch.queue('notify-events').getCompletedCount();
    try {
      await db.transaction((manager) =>
        new OutboxService().emit(
          manager,
          people.map((p) => ({ type: OutboxEventType.DocumentAssigned, documentId: null, payload: { userIds: [p.id], subject: 'Giao xử lý hồ sơ', symbol: `R/${p.id}` } })),
        ),
      );
      await waitFor(async () => {
        const [row] = await db.query("SELECT COUNT(*) AS n FROM notification n JOIN `user` u ON u.id = n.user_id WHERE u.username LIKE 'replicas.%'");
        return Number(row.n) >= people.length;
      }, 90_000, 100);
      await watch.idle();
      expect(await watch.queue('notify-events').getCompletedCount()).toBe(completedBefore + people.length);
      const perPerson: Array<{ n: string }> = await db.query(
        "SELECT COUNT(*) AS n FROM notification n JOIN `user` u ON u.id = n.user_id WHERE u.username LIKE 'replicas.%' GROUP BY n.user_id",
      );
      expect(perPerson.map((r) => Number(r.n))).toEqual(people.map(() => 1));
      expect(duplicated).toBe(0);
    } finally {
      await events.close();
      await second.signal('SIGTERM');
    }
  }, 180_000);
});
