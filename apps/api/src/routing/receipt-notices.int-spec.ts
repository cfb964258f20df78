import { DocumentDetail, ErrorCode } from '@vanthu/shared/contracts';
import { addCalendarDays, toIsoDate } from '@vanthu/shared/domain';
import { AuditService, CalendarService, OutboxService } from '@vanthu/server/data-access';
import { UnopenedReminders } from '@vanthu/server/notifications';
import { DataSource } from 'typeorm';

import { startTestApp, TestApp } from '../../test/harness';
import { Directory, Route } from '../../test/routing';

describe('receipt notices: the sender follows each recipient and reminds those that have not opened it (real MariaDB)', () => {
  let t: TestApp;
  let dir: Directory;
  let route: Route;

  beforeAll(async () => {
    t = await startTestApp('receipt-notices', { signing: 'ec' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const events = async (type: string): Promise<Array<{ documentId: string; payload: { organisationIds: number[]; comment?: string; recipientName?: string; arrivalNumber?: string } }>> =>
    (await t.app.get(DataSource).query('SELECT document_id AS documentId, payload FROM outbox_event WHERE type = ? ORDER BY id', [type])).map(
      (r: { documentId: string; payload: string }) => ({ documentId: String(r.documentId), payload: JSON.parse(r.payload) }),
    );

  it('shows when the copy arrived, was opened, registered with its number, assigned and completed, and tells the sender on registration', async () => {
    const sent = await route.dispatched({ subject: 'Kế hoạch kiểm tra công tác văn thư, lưu trữ năm 2026' });
    const copy = sent.deliveries.find((x) => x.recipient.id === dir.org('quangtan').id)?.incomingDocumentId as number;
    const clerk = await route.as('tuyduc.vanthu');
    const row = async () => ((await clerk.get(`/api/documents/${sent.id}`).expect(200)).body as DocumentDetail).deliveries.find((x) => x.incomingDocumentId === copy);

    expect(await row()).toMatchObject({ arrivedAt: expect.any(String), openedAt: null, registeredAt: null, assignedAt: null, completedAt: null });
    const communeClerk = await route.as('quangtan.vanthu');
    await communeClerk.post(`/api/documents/${copy}/opened`).expect(204);
    expect((await row())?.openedAt).not.toBeNull();
    expect(await events('delivery.registered')).toHaveLength(0);

    await communeClerk.post(`/api/incoming/${copy}/register`).expect(200);
    const registered = await row();
    expect(registered).toMatchObject({ arrivalNumber: 1, registeredAt: expect.any(String) });
    // Báo nhận: one notification to the sender's organisation, at once (the outbox, in the same transaction).
    const notices = await events('delivery.registered');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ documentId: String(sent.id), payload: { organisationIds: [dir.org('tuyduc').id], recipientName: 'UBND xã Quảng Tân', arrivalNumber: '01' } });

    await communeClerk.post(`/api/incoming/${copy}/submit`).send({ leaderId: dir.user('quangtan.lanhdao').id, note: 'Kính trình.' }).expect(200);
    await (await route.as('quangtan.lanhdao'))
      .post(`/api/incoming/${copy}/assign`)
      .send({ lead: { userId: dir.user('quangtan.chuyenvien1').id }, deadline: addCalendarDays(toIsoDate(new Date()), 5), instructions: 'Chuẩn bị hồ sơ.' })
      .expect(200);
    await (await route.as('quangtan.chuyenvien1')).post(`/api/incoming/${copy}/complete`).send({ note: 'Đã chuẩn bị xong.' }).expect(200);
    const done = await row();
    const order = [done?.arrivedAt, done?.openedAt, done?.registeredAt, done?.assignedAt, done?.completedAt].map((v) => Date.parse(v ?? ''));
    expect(order.every((v) => !Number.isNaN(v))).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Opening it again later changes nothing.
    await communeClerk.post(`/api/documents/${copy}/opened`).expect(204);
    expect((await row())?.openedAt).toBe(done?.openedAt);
  }, 180_000);

  it('lets the sender’s clerk remind a recipient that has not opened it, once an hour, and no one else', async () => {
    const sent = await route.dispatched({ subject: 'Công văn đề nghị báo cáo số liệu cải cách hành chính quý IV' });
    const dakngo = dir.org('dakngo').id;
    const dakngoCopy = sent.deliveries.find((x) => x.recipient.id === dakngo)?.incomingDocumentId;
    const quangtan = dir.org('quangtan').id;
    const quangtanCopy = sent.deliveries.find((x) => x.recipient.id === quangtan)?.incomingDocumentId;
    await (await route.as('quangtan.vanthu')).post(`/api/documents/${quangtanCopy}/opened`).expect(204);

    const clerk = await route.as('tuyduc.vanthu');
    const reminded: DocumentDetail = (await clerk.post(`/api/outgoing/${sent.id}/deliveries/${dakngo}/remind`).expect(200)).body;
    expect(reminded.deliveries.find((x) => x.recipient.id === dakngo)?.remindedAt).toEqual(expect.any(String));
    const sentReminders = await events('delivery.reminder');
    expect(sentReminders).toEqual([{ documentId: String(dakngoCopy), payload: expect.objectContaining({ organisationIds: [dakngo], roles: ['clerk'] }) }]);
    expect(reminded.history.map((h) => h.action)).toContain('document.reminder-sent');

    const again = await clerk.post(`/api/outgoing/${sent.id}/deliveries/${dakngo}/remind`).expect(429);
    expect(again.body.code).toBe(ErrorCode.TooManyRequests);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(3500);
    // An hour later it may be sent again.
    await t.app.get(DataSource).query('UPDATE delivery SET reminded_at = reminded_at - INTERVAL 61 MINUTE WHERE document_id = ? AND recipient_id = ?', [sent.id, dakngo]);
    await clerk.post(`/api/outgoing/${sent.id}/deliveries/${dakngo}/remind`).expect(200);
    expect(await events('delivery.reminder')).toHaveLength(2);

    expect((await clerk.post(`/api/outgoing/${sent.id}/deliveries/${quangtan}/remind`).expect(409)).body.code).toBe(ErrorCode.InvalidState);
    await (await route.as('tuyduc-nv.chuyenvien1')).post(`/api/outgoing/${sent.id}/deliveries/${dakngo}/remind`).expect(403);
    await (await route.as('quangtan.vanthu')).post(`/api/outgoing/${sent.id}/deliveries/${dakngo}/remind`).expect(404);
    await clerk.post(`/api/outgoing/${sent.id}/deliveries/999999/remind`).expect(404);
    expect(await events('delivery.reminder')).toHaveLength(2);
  }, 180_000);

  it('reminds, once, each recipient that has not opened its copy by the end of the next working day (a weekend in between)', async () => {
    const sent = await route.dispatched({ subject: 'Thông báo lịch trực Tết Nguyên đán' });
    const db = t.app.get(DataSource);
    // Dispatched on Friday 6 March 2026, 09:00 in Vietnam: the next working day is Monday 9 March.
    await db.query('UPDATE delivery SET dispatched_at = ? WHERE document_id = ?', [new Date('2026-03-06T02:00:00Z'), sent.id]);
    const opener = dir.org('quangtan').id;
    await (await route.as('quangtan.vanthu')).post(`/api/documents/${sent.deliveries.find((x) => x.recipient.id === opener)?.incomingDocumentId}/opened`).expect(204);
    const before = (await events('delivery.reminder')).length;
    const scanner = new UnopenedReminders(db, () => new Date(), t.app.get(CalendarService), t.app.get(OutboxService), t.app.get(AuditService));

    expect(await scanner.scan(new Date('2026-03-09T09:00:00Z'))).toBe(0); // Monday 16:00: still the next working day
    expect(await scanner.scan(new Date('2026-03-10T01:00:00Z'))).toBe(5); // Tuesday 08:00: the five that never opened it
    expect(await scanner.scan(new Date('2026-03-11T01:00:00Z'))).toBe(0); // once only
    const reminders = (await events('delivery.reminder')).slice(before);
    const unopened = sent.deliveries.filter((x) => x.recipient.id !== opener).map((x) => String(x.incomingDocumentId));
    expect(reminders.map((r) => r.documentId).sort()).toEqual(unopened.sort());
    // The sender's tracking shows when each was reminded.
    const detail: DocumentDetail = (await (await route.as('tuyduc.vanthu')).get(`/api/documents/${sent.id}`).expect(200)).body;
    expect(detail.deliveries.filter((x) => x.remindedAt).map((x) => String(x.incomingDocumentId)).sort()).toEqual(unopened.sort());
  }, 180_000);
});
