import { TEST_REDIS_URL } from '@vanthu/server/testing';
import { Role } from '@vanthu/shared/contracts';
import { addCalendarDays, addWorkingDays, DEFAULT_WORKING_CALENDAR, formatDate, startOfVietnamDay, toIsoDate } from '@vanthu/shared/domain';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

import { addPeople, assignIncoming, organisationWithPeople, Person } from '../../test/fixtures';
import { QueueWatch, TestWorld } from '../../test/processes';
import { DEADLINE_SCAN_SCHEDULER } from './queue/notification-jobs';

const HOUR = 3_600_000;

describe('deadline reminders: once per assignee and threshold, across many runs', () => {
  let world: TestWorld;
  let db: DataSource;
  let watch: QueueWatch;
  let leader: Person;
  let lead: Person;
  let informed: Person;
  let unitLeader: Person;
  let unitId: number;
  let communeId: number;

  // The seeded holiday table and the shared calendar agree: dates are counted the way the worker counts them.
  const now = new Date();
  const today = toIsoDate(now);
  const nextWorkingDay = addWorkingDays(today, 1, DEFAULT_WORKING_CALENDAR);
  const at = (day: string, hours: number) => new Date(startOfVietnamDay(day).getTime() + hours * HOUR);

  beforeAll(async () => {
    // No SMTP_URL: the e-mail channel is off and every e-mail is recorded as skipped.
    world = await TestWorld.create('reminders', { REMINDER_WINDOW_WORKING_DAYS: '2', REMINDER_EVERY_MINUTES: '720' });
    await world.startWorker();
    db = await world.db();
    watch = new QueueWatch(world.prefix, db);
    const commune = await organisationWithPeople(db, 'nhacviec', 'UBND xã Quảng Tâm', Role.Leader, 1);
    communeId = commune.organisationId;
    leader = commune.people[0];
    [lead, informed] = await addPeople(db, communeId, 'nhacviec.congchuc', Role.Specialist, 2);
    const unit = await organisationWithPeople(db, 'nhacviec-vp', 'Văn phòng HĐND và UBND xã', Role.Leader, 1, communeId);
    unitId = unit.organisationId;
    unitLeader = unit.people[0];
    await addPeople(db, unitId, 'nhacviec-vp.vanthu', Role.Clerk, 1);
  }, 240_000);

  afterAll(async () => {
    await watch?.close();
    await world?.close();
  }, 120_000);

  async function remindersOf(person: Person): Promise<Array<{ kind: string; title: string; body: string }>> {
    return db.query('SELECT kind, title_vi AS title, body_vi AS body FROM notification WHERE user_id = ? ORDER BY id', [person.id]);
  }

  it('registers the scan as a repeatable job', async () => {
    const redis = new URL(TEST_REDIS_URL);
    const queue = new Queue('reminders', { connection: { host: redis.hostname, port: Number(redis.port || 6379) }, prefix: world.prefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, Number(s.every)])).toContainEqual([DEADLINE_SCAN_SCHEDULER, 720 * 60_000]);
    } finally {
      await queue.close();
    }
  });

  it('reminds a document due on the next working day once, then once when it is overdue; a completed one never', async () => {
    const due = await assignIncoming(db, {
      organisationId: communeId,
      assignedBy: leader.id,
      deadline: nextWorkingDay,
      subject: 'Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo năm 2026',
      symbol: '12/KH-UBND',
      assignees: [
        { role: 'lead', userId: lead.id },
        { role: 'coordinate', organisationId: unitId },
        { role: 'inform', userId: informed.id },
      ],
    });
    await assignIncoming(db, {
      organisationId: communeId,
      assignedBy: leader.id,
      deadline: nextWorkingDay,
      subject: 'Kế hoạch đã hoàn thành',
      symbol: '13/KH-UBND',
      assignees: [{ role: 'lead', userId: informed.id, completed: true }],
    });

    // Many runs before the deadline, also within the same day.
    for (const when of [now, new Date(now.getTime() + HOUR), new Date(now.getTime() + 2 * HOUR), at(nextWorkingDay, 9), at(nextWorkingDay, 16)]) {
      await watch.scanDeadlines(when);
    }
    await watch.idle();
    const deadline = formatDate(nextWorkingDay);
    expect((await remindersOf(lead)).map((r) => r.kind)).toEqual(['deadline.near']);
    const [near] = await remindersOf(lead);
    expect(near.title).toBe('Sắp đến hạn xử lý: 12/KH-UBND');
    expect(near.body).toContain(`Hạn xử lý: ${deadline}`);
    expect(near.body).toContain('Chủ trì: Nguyễn Thị Ánh 1');
    // The co-ordinating unit hears through its leader, not its clerk; the assigning leader once per assignee.
    expect((await remindersOf(unitLeader)).map((r) => r.kind)).toEqual(['deadline.near']);
    expect((await remindersOf(unitLeader))[0].body).toContain('Phối hợp: Văn phòng HĐND và UBND xã');
    expect((await remindersOf(leader)).map((r) => r.kind)).toEqual(['deadline.near', 'deadline.near']);
    // "Để biết" has nothing to do, and the completed assignment reminds nobody.
    expect(await remindersOf(informed)).toEqual([]);

    const dayAfter = addCalendarDays(nextWorkingDay, 1);
    expect(await watch.scanDeadlines(at(dayAfter, 9))).toEqual({ near: 0, passed: 2 });
    for (const when of [at(dayAfter, 15), at(addCalendarDays(dayAfter, 3), 9)]) {
      expect(await watch.scanDeadlines(when)).toEqual({ near: 0, passed: 0 });
    }
    await watch.idle();
    expect((await remindersOf(lead)).map((r) => r.kind)).toEqual(['deadline.near', 'deadline.passed']);
    expect((await remindersOf(lead))[1].title).toBe('Quá hạn xử lý: 12/KH-UBND');
    expect((await remindersOf(unitLeader)).map((r) => r.kind)).toEqual(['deadline.near', 'deadline.passed']);
    expect((await remindersOf(leader)).map((r) => r.kind)).toEqual(['deadline.near', 'deadline.near', 'deadline.passed', 'deadline.passed']);
    expect(await remindersOf(informed)).toEqual([]);

    const [rows] = await db.query('SELECT COUNT(*) AS n FROM deadline_reminder r JOIN assignee e ON e.id = r.assignee_id WHERE e.document_id = ?', [due.documentId]);
    expect(Number(rows.n)).toBe(4);
    // With SMTP_URL unset the e-mails are recorded as skipped, never attempted.
    const mails: Array<{ status: string; detail: string; n: string }> = await db.query(
      "SELECT status, detail, COUNT(*) AS n FROM notification_delivery WHERE user_id IN (?) AND channel = 'email' GROUP BY status, detail",
      [[lead.id, unitLeader.id, leader.id]],
    );
    expect(mails.map((m) => [m.status, m.detail, Number(m.n)])).toEqual([['skipped', 'smtp-off', 8]]);
  }, 120_000);

  it('reminds an assignment found already overdue once, as passed only', async () => {
    const before = (await remindersOf(lead)).length;
    await assignIncoming(db, {
      organisationId: communeId,
      assignedBy: leader.id,
      deadline: addWorkingDays(today, -3, DEFAULT_WORKING_CALENDAR),
      subject: 'Báo cáo tình hình thực hiện nhiệm vụ quý III',
      symbol: '9/BC-UBND',
      assignees: [{ role: 'lead', userId: lead.id }],
    });
    for (const when of [now, new Date(now.getTime() + HOUR), new Date(now.getTime() + 30 * HOUR)]) await watch.scanDeadlines(when);
    await watch.idle();
    const added = (await remindersOf(lead)).slice(before);
    expect(added.map((r) => [r.kind, r.title])).toEqual([['deadline.passed', 'Quá hạn xử lý: 9/BC-UBND']]);
  }, 120_000);
});
