import { QUEUES } from '@vanthu/server/data-access';
import { ApiClient, dispatchIssued, dropRedisPrefix, IssuedDocument, issueThroughTheRoute, organisationIdOf, TestSmtpServer, waitFor } from '@vanthu/server/testing';
import { Role } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { organisationWithPeople, Person } from '../../test/fixtures';
import { QueueWatch, TestWorld } from '../../test/processes';

/**
 * Redis keeps the queued jobs; with `appendfsync everysec` a crash can lose the last second of
 * them, and a Redis restarted without its files loses everything. The database still knows what
 * was promised: the worker's reconciler queues again what Redis no longer has.
 */
describe('nothing lost when Redis loses its queued jobs', () => {
  let world: TestWorld;
  let smtp: TestSmtpServer;
  let db: DataSource;
  let watch: QueueWatch;
  let api: ApiClient;
  let district: number;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    const smtpUrl = await smtp.start();
    world = await TestWorld.create('redisloss', { SMTP_URL: smtpUrl, NOTIFY_RECONCILE_EVERY_SECONDS: '1', NOTIFY_RECONCILE_AFTER_SECONDS: '1' });
    const [started] = await Promise.all([world.startApi(), world.startWorker()]);
    api = new ApiClient(started.url);
    db = await world.db();
    watch = new QueueWatch(world.prefix, db);
    district = await organisationIdOf(db, 'tuyduc');
  }, 300_000);

  afterAll(async () => {
    await watch?.close();
    await world?.close();
    await smtp?.stop();
  }, 180_000);

  async function inAppCountsOf(people: Person[], symbol: string): Promise<number[]> {
    const rows: Array<{ user_id: number; n: string }> = await db.query('SELECT user_id, COUNT(*) AS n FROM notification WHERE title_vi LIKE ? GROUP BY user_id', [`%${symbol}`]);
    const byUser = new Map(rows.map((r) => [Number(r.user_id), Number(r.n)]));
    return people.map((p) => byUser.get(p.id) ?? 0);
  }

  const emailCountsOf = (people: Person[], symbol: string) => people.map((p) => smtp.to(p.email).filter((m) => m.subject.includes(symbol)).length);

  /** Dispatches with `held` paused (its jobs wait in Redis), waits until the dispatch got that far, then empties Redis. */
  async function dispatchAndLose(issued: IssuedDocument, held: string, reached: () => Promise<boolean>): Promise<void> {
    await watch.queue(held).pause();
    await dispatchIssued(api, issued);
    await waitFor(reached, 60_000, 50);
    // Everything of this installation in Redis is gone, the pause with it.
    await dropRedisPrefix(world.prefix);
  }

  async function settledCount(symbol: string): Promise<number> {
    const [row] = await db.query('SELECT COUNT(*) AS n FROM outbox_event WHERE payload LIKE ? AND settled_at IS NOT NULL', [`%${symbol}%`]);
    return Number(row.n);
  }

  it('queues the fan-out again when the event jobs were lost after the relay marked them published', async () => {
    const { organisationId, people } = await organisationWithPeople(db, 'mathang', 'UBND xã Đắk Sin', Role.Clerk, 12, district);
    const issued = await issueThroughTheRoute(api, db, 'Kế hoạch tổng điều tra kinh tế năm 2027', [organisationId]);
    await watch.idle();
    await dispatchAndLose(issued, QUEUES.notifyEvents, async () => {
      const [row] = await db.query('SELECT COUNT(*) AS n FROM outbox_event WHERE payload LIKE ? AND published_at IS NOT NULL', [`%${issued.symbol}%`]);
      return Number(row.n) === 1;
    });
    expect(await inAppCountsOf(people, issued.symbol)).toEqual(people.map(() => 0));

    await waitFor(async () => (await inAppCountsOf(people, issued.symbol)).every((n) => n === 1) && emailCountsOf(people, issued.symbol).every((n) => n === 1), 60_000, 200);
    expect(await inAppCountsOf(people, issued.symbol)).toEqual(people.map(() => 1));
    expect(emailCountsOf(people, issued.symbol)).toEqual(people.map(() => 1));
    await waitFor(async () => (await settledCount(issued.symbol)) === 1, 30_000, 200);
  }, 180_000);

  it('queues each lost delivery again when the fan-out had run, and settles the event once all arrived', async () => {
    const { organisationId, people } = await organisationWithPeople(db, 'matgiao', 'UBND xã Đắk Wer', Role.Clerk, 12, district);
    const issued = await issueThroughTheRoute(api, db, 'Kế hoạch phòng cháy, chữa cháy rừng mùa khô năm 2027', [organisationId]);
    await watch.idle();
    // The in-app jobs wait, paused; the e-mails go out as usual until Redis is emptied.
    await dispatchAndLose(issued, QUEUES.notifyInApp, async () => {
      const [row] = await db.query('SELECT COUNT(*) AS n FROM outbox_event WHERE payload LIKE ? AND fanned_out_at IS NOT NULL', [`%${issued.symbol}%`]);
      return Number(row.n) === 1;
    });
    expect((await inAppCountsOf(people, issued.symbol)).some((n) => n === 0)).toBe(true);

    await waitFor(async () => (await inAppCountsOf(people, issued.symbol)).every((n) => n === 1) && emailCountsOf(people, issued.symbol).every((n) => n >= 1), 60_000, 200);
    await waitFor(async () => (await settledCount(issued.symbol)) === 1, 30_000, 200);
    expect(await inAppCountsOf(people, issued.symbol)).toEqual(people.map(() => 1));
    // An e-mail the server had accepted before Redis emptied is recorded as sent: never a second one.
    expect(Math.max(...emailCountsOf(people, issued.symbol))).toBe(1);
  }, 180_000);
});
