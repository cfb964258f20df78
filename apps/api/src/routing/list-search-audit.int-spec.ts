import { AuditChainResponse, DocumentDetail, DocumentStatus, DocumentSummary, DocumentType, IncomingReport, Page, SecurityLevel, Urgency, WorkCounts } from '@vanthu/shared/contracts';
import { addCalendarDays, toIsoDate } from '@vanthu/shared/domain';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

import { startTestApp, TestApp } from '../../test/harness';
import { Directory, Route } from '../../test/routing';

describe('registers: lists, filters, diacritics-insensitive search, overdue, reports, audit chain', () => {
  let t: TestApp;
  let dir: Directory;
  let route: Route;
  let clerk: TestAgent;
  const today = toIsoDate(new Date());

  const register = async (type: DocumentType, subject: string, senderName: string, originalSymbol: string, urgency = Urgency.Normal): Promise<DocumentDetail> =>
    (
      await clerk
        .post('/api/incoming')
        .send({ type, subject, urgency, securityLevel: SecurityLevel.Normal, senderName, originalSymbol, originalDate: '2026-11-02' })
        .expect(201)
    ).body;
  const list = async (query: Record<string, string | number | boolean>): Promise<Page<DocumentSummary>> =>
    (await clerk.get('/api/documents').query({ direction: 'incoming', ...query }).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp('listsearch', { signing: 'ec' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    clerk = await route.as('quangtan.vanthu');
    await register(DocumentType.Decision, 'Quyết định về việc thành lập Ban chỉ đạo chuyển đổi số', 'UBND huyện Tuy Đức', '05/QĐ-UBND');
    await register(DocumentType.Plan, 'Kế hoạch phòng, chống thiên tai năm 2027', 'UBND tỉnh Đắk Nông', '27/KH-UBND', Urgency.Urgent);
    await register(DocumentType.OfficialLetter, 'V/v đôn đốc thu ngân sách nhà nước', 'Chi cục Thuế khu vực Gia Nghĩa - Tuy Đức', '134/CCT-NV');
    await register(DocumentType.Invitation, 'Giấy mời dự hội nghị tổng kết công tác dân vận', 'Huyện ủy Tuy Đức', '88/GM-HU', Urgency.Flash);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('finds "Quyết định" typed as "quyet dinh", by number and symbol in any spelling, and by sender', async () => {
    expect((await list({ q: 'quyet dinh' })).items.map((d) => d.symbol)).toEqual(['05/QĐ-UBND']);
    expect((await list({ q: 'QUYẾT ĐỊNH chuyển' })).items.map((d) => d.symbol)).toEqual(['05/QĐ-UBND']);
    expect((await list({ q: '5/qd' })).items.map((d) => d.symbol)).toEqual(['05/QĐ-UBND']);
    expect((await list({ q: '27/KH' })).items.map((d) => d.symbol)).toEqual(['27/KH-UBND']);
    expect((await list({ q: 'dak nong' })).items.map((d) => d.sender)).toEqual(['UBND tỉnh Đắk Nông']);
    // The last word is a prefix, so results narrow while typing.
    expect((await list({ q: 'ngan sa' })).items.map((d) => d.symbol)).toEqual(['134/CCT-NV']);
    expect((await list({ q: 'khong co van ban nao' })).total).toBe(0);
  }, 60_000);

  it('takes %, _ and \\ as the characters they are: they match no document instead of every one', async () => {
    for (const q of ['%', '_', '\\', '%%', ' % _ ', '\\%']) {
      const found = await list({ q });
      expect({ q, total: found.total, items: found.items.length }).toEqual({ q, total: 0, items: 0 });
    }
    // Beside a word they separate words, as any punctuation does.
    expect((await list({ q: 'quyet%' })).items.map((d) => d.symbol)).toEqual(['05/QĐ-UBND']);
    expect((await list({ q: 'dan_van' })).items.map((d) => d.symbol)).toEqual(['88/GM-HU']);
    // A blank search is no search.
    expect((await list({ q: '  ' })).total).toBe(4);
  }, 60_000);

  it('filters by type, urgency and period, newest arrival first, with pagination', async () => {
    expect((await list({ type: DocumentType.Invitation })).items.map((d) => d.symbol)).toEqual(['88/GM-HU']);
    expect((await list({ urgency: Urgency.Flash })).items.map((d) => d.urgency)).toEqual([Urgency.Flash]);
    const all = await list({ from: today, to: today });
    expect(all.items.map((d) => d.arrivalNumber)).toEqual([4, 3, 2, 1]);
    expect((await list({ from: addCalendarDays(today, 1), to: addCalendarDays(today, 2) })).total).toBe(0);
    const page2 = await list({ pageSize: 3, page: 2 });
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.items.map((d) => d.arrivalNumber)).toEqual([1]);
    const invalid = await clerk.get('/api/documents').query({ urgency: 'rat-khan', page: 0 }).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['page', 'urgency']);
  }, 60_000);

  it('marks assigned documents past their deadline as overdue, in the list, the counts and the report', async () => {
    const { items } = await list({ q: 'ke hoach thien tai' });
    const id = items[0].id;
    const leader = await route.as('quangtan.lanhdao');
    await clerk.post(`/api/incoming/${id}/submit`).send({ leaderId: dir.user('quangtan.lanhdao').id }).expect(200);
    await leader.post(`/api/incoming/${id}/assign`).send({ lead: { userId: dir.user('quangtan.chuyenvien1').id }, deadline: today }).expect(200);
    expect((await list({ overdue: true })).total).toBe(0);
    // Time passes: the deadline day is over.
    await t.app.get(DataSource).query('UPDATE document SET deadline = ? WHERE id = ?', [addCalendarDays(today, -3), id]);
    const overdue = await list({ overdue: true });
    expect(overdue.items.map((d) => [d.id, d.overdue])).toEqual([[id, true]]);
    const counts: WorkCounts = (await leader.get('/api/documents/counts').expect(200)).body;
    expect(counts.overdue).toBe(1);
    const handler: WorkCounts = (await (await route.as('quangtan.chuyenvien1')).get('/api/documents/counts').expect(200)).body;
    expect(handler).toMatchObject({ myOpenAssignments: 1, overdue: 1 });

    const report: IncomingReport = (await leader.get('/api/reports/incoming').query({ from: today, to: today }).expect(200)).body;
    expect(report.total).toMatchObject({ received: 4, completed: 0, inProgress: 3, overdue: 1, onTimeRate: null });
    expect(report.byUnit).toEqual([expect.objectContaining({ unit: expect.objectContaining({ name: 'UBND xã Quảng Tân' }), received: 1, overdue: 1 })]);

    // Completed late, it counts against the on-time rate.
    const done: DocumentDetail = (await (await route.as('quangtan.chuyenvien1')).post(`/api/incoming/${id}/complete`).send({ note: 'Đã xong.' }).expect(200)).body;
    expect(done).toMatchObject({ status: DocumentStatus.Completed, overdue: false });
    const after: IncomingReport = (await leader.get('/api/reports/incoming').query({ from: today, to: today }).expect(200)).body;
    expect(after.total).toMatchObject({ completed: 1, late: 1, onTimeRate: 0, overdue: 0 });
  }, 60_000);

  it('lets a department assigned by the district find, handle and complete the district’s document', async () => {
    const districtClerk = await route.as('tuyduc.vanthu');
    const received: DocumentDetail = (
      await districtClerk
        .post('/api/incoming')
        .send({ type: DocumentType.Guidance, subject: 'Hướng dẫn rà soát hộ nghèo năm 2027', urgency: Urgency.Normal, securityLevel: SecurityLevel.Normal, senderName: 'Sở Lao động - Thương binh và Xã hội', originalSymbol: '210/HD-SLĐTBXH', originalDate: '2026-11-18' })
        .expect(201)
    ).body;
    await districtClerk.post(`/api/incoming/${received.id}/submit`).send({ leaderId: dir.user('tuyduc.lanhdao').id }).expect(200);
    await (await route.as('tuyduc.lanhdao'))
      .post(`/api/incoming/${received.id}/assign`)
      .send({ lead: { organisationId: dir.org('tuyduc-ldtbxh').id }, coordinators: [{ organisationId: dir.org('tuyduc-nv').id }], deadline: addCalendarDays(today, 10) })
      .expect(200);

    // The lead unit's people find it in their register and their queue; the co-ordinating unit too.
    const ldClerk = await route.as('tuyduc-ldtbxh.vanthu');
    const ldList: Page<DocumentSummary> = (await ldClerk.get('/api/documents').query({ direction: 'incoming' }).expect(200)).body;
    expect(ldList.items.map((d) => d.id)).toEqual([received.id]);
    const ldSpecialist = await route.as('tuyduc-ldtbxh.chuyenvien2');
    expect(((await ldSpecialist.get('/api/documents/counts').expect(200)).body as WorkCounts).myOpenAssignments).toBe(1);
    const nv: Page<DocumentSummary> = (await (await route.as('tuyduc-nv.chuyenvien1')).get('/api/documents').query({ queue: 'my-assignments' }).expect(200)).body;
    expect(nv.items.map((d) => d.id)).toEqual([received.id]);
    // A unit that has no part in it does not.
    expect(((await (await route.as('tuyduc-tp.vanthu')).get('/api/documents').query({ direction: 'incoming' }).expect(200)).body as Page<DocumentSummary>).total).toBe(0);
    await (await route.as('tuyduc-tp.vanthu')).get(`/api/documents/${received.id}`).expect(404);

    // Only the lead unit completes it; the co-ordinating one reports progress.
    await (await route.as('tuyduc-nv.chuyenvien1')).post(`/api/incoming/${received.id}/complete`).send({ note: 'x' }).expect(403);
    await (await route.as('tuyduc-nv.chuyenvien1')).post(`/api/incoming/${received.id}/progress`).send({ note: 'Đã rà soát khối nội vụ.' }).expect(200);
    const done: DocumentDetail = (await ldSpecialist.post(`/api/incoming/${received.id}/complete`).send({ note: 'Đã tổng hợp.' }).expect(200)).body;
    expect(done.status).toBe(DocumentStatus.Completed);
    const report: IncomingReport = (await (await route.as('tuyduc.lanhdao')).get('/api/reports/incoming').query({ from: today, to: today }).expect(200)).body;
    expect(report.byUnit.map((u) => [u.unit.name, u.completed, u.early])).toEqual([['Phòng Lao động - Thương binh và Xã hội', 1, 1]]);
  }, 60_000);

  it('shows in each list row what the document itself says, outgoing under the issuing organisation', async () => {
    const sent = await route.dispatched({ subject: 'Kế hoạch kiểm tra công tác cải cách hành chính năm 2027' });
    const summaryOf = (d: DocumentDetail): DocumentSummary => {
      const { id, direction, type, status, number, symbol, subject, urgency, securityLevel, sender, arrivalNumber, issuedAt, receivedAt, deadline, overdue, listedAt, updatedAt } = d;
      return { id, direction, type, status, number, symbol, subject, urgency, securityLevel, sender, arrivalNumber, issuedAt, receivedAt, deadline, overdue, listedAt, updatedAt };
    };
    const rowsAgree = async (agent: TestAgent, direction: string): Promise<DocumentSummary[]> => {
      const { items } = (await agent.get('/api/documents').query({ direction, q: 'cai cach hanh chinh' }).expect(200)).body as Page<DocumentSummary>;
      for (const row of items) expect(row).toEqual(summaryOf((await agent.get(`/api/documents/${row.id}`).expect(200)).body));
      return items;
    };
    const outgoing = await rowsAgree(await route.as('tuyduc.vanthu'), 'outgoing');
    expect(outgoing.map((d) => [d.id, d.sender, d.status, d.number])).toEqual([[sent.id, 'UBND huyện Tuy Đức', DocumentStatus.Dispatched, sent.number]]);
    expect(outgoing[0].issuedAt).not.toBeNull();
    const incoming = await rowsAgree(clerk, 'incoming');
    expect(incoming.map((d) => [d.sender, d.symbol, d.status])).toEqual([['UBND huyện Tuy Đức', sent.symbol, DocumentStatus.Received]]);
  }, 60_000);

  it('detects a changed audit record through the chain check, and only administrators may run it', async () => {
    const admin = (await t.logIn('admin')).agent;
    const ok: AuditChainResponse = (await admin.get('/api/audit/verify').expect(200)).body;
    expect(ok).toMatchObject({ valid: true, brokenAt: null });
    expect(ok.checked).toBeGreaterThan(5);
    await clerk.get('/api/audit/verify').expect(403);

    const dataSource = t.app.get(DataSource);
    const [registered] = await dataSource.query("SELECT id FROM audit_record WHERE action = 'document.registered' ORDER BY id LIMIT 1");
    await dataSource.query("UPDATE audit_record SET details = REPLACE(details, 'UBND', 'XXXX') WHERE id = ?", [registered.id]);
    const broken: AuditChainResponse = (await admin.get('/api/audit/verify').expect(200)).body;
    expect(broken).toMatchObject({ valid: false, brokenAt: String(registered.id), reason: 'hash-mismatch' });
  }, 60_000);

  it('finds documents registered after a search was made with the same words', async () => {
    expect((await list({ q: 'hoi nghi dan van' })).items.map((d) => d.symbol)).toEqual(['88/GM-HU']);
    // The word counts that choose where a search starts are remembered for a while; what it finds is not.
    await register(DocumentType.Invitation, 'Giấy mời dự hội nghị biểu dương mô hình dân vận khéo', 'Huyện ủy Tuy Đức', '95/GM-HU');
    expect((await list({ q: 'hoi nghi dan van' })).items.map((d) => d.symbol)).toEqual(['95/GM-HU', '88/GM-HU']);
    expect((await list({ q: 'dan van kheo' })).items.map((d) => d.symbol)).toEqual(['95/GM-HU']);
  }, 60_000);

  it('sorts by date (newest first, then number), number, subject and deadline, searched or not, and refuses any other key', async () => {
    // Four paper documents that arrived on one past day, registered out of their arrival order.
    const day = '2026-10-05';
    const arrived = async (subject: string, hour: string, n: number): Promise<DocumentDetail> =>
      (
        await clerk
          .post('/api/incoming')
          .send({ type: DocumentType.OfficialLetter, subject: `${subject} (sắp thứ tự)`, urgency: Urgency.Normal, securityLevel: SecurityLevel.Normal, senderName: 'UBND huyện Tuy Đức', originalSymbol: `${n}/UBND-VP`, originalDate: day, receivedAt: `${day}T${hour}:00:00+07:00` })
          .expect(201)
      ).body;
    const a = await arrived('Báo cáo tình hình kinh tế', '08', 301);
    const b = await arrived('An toàn giao thông dịp lễ', '10', 302);
    const c = await arrived('Công văn cải tạo trụ sở', '09', 303);
    const d = await arrived('Đề án sắp xếp thôn, bản', '09', 304);
    expect([a, b, c, d].map((x) => x.arrivalNumber! - a.arrivalNumber!)).toEqual([0, 1, 2, 3]);
    // Hạn xử lý is set by the leader's assignment; only the order matters here.
    const db = t.app.get(DataSource);
    await db.query('UPDATE document SET deadline = ? WHERE id = ?', ['2026-12-20', a.id]);
    await db.query('UPDATE document SET deadline = ? WHERE id = ?', ['2026-12-10', c.id]);

    const names = new Map([a, b, c, d].map((x, i) => [x.id, 'abcd'[i]]));
    const order = async (query: Record<string, string>): Promise<string> =>
      (await list({ from: day, to: day, ...query })).items.map((x) => names.get(x.id)).join('');
    const searched = async (query: Record<string, string>): Promise<string> =>
      (await list({ q: 'sap thu tu', ...query })).items.map((x) => names.get(x.id)).join('');

    // c and d arrived at the same minute: the later number first.
    expect(await order({})).toBe('bdca');
    expect(await order({ sort: 'date', order: 'desc' })).toBe('bdca');
    expect(await order({ sort: 'date', order: 'asc' })).toBe('acdb');
    expect(await order({ sort: 'number' })).toBe('dcba');
    expect(await order({ sort: 'number', order: 'asc' })).toBe('abcd');
    expect(await order({ sort: 'subject' })).toBe('bacd');
    expect(await order({ sort: 'subject', order: 'desc' })).toBe('dcab');
    // Without a deadline last, newest first among them.
    expect(await order({ sort: 'deadline' })).toBe('cabd');
    expect(await order({ sort: 'deadline', order: 'desc' })).toBe('acbd');
    const queries: Record<string, string>[] = [{}, { sort: 'number', order: 'asc' }, { sort: 'subject' }, { sort: 'deadline' }];
    for (const query of queries) expect(await searched(query)).toBe(await order(query));
    // Pages follow the order.
    const second = await list({ from: day, to: day, sort: 'subject', pageSize: 3, page: 2 });
    expect(second.items.map((x) => names.get(x.id))).toEqual(['d']);

    const refused = await clerk.get('/api/documents').query({ sort: 'id; DROP TABLE document', order: 'sideways' }).expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['order', 'sort']);
  }, 60_000);
});
