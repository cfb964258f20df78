import { DemoSigningSeed } from '@vanthu/server/signing';
import { PROVINCE_TREE } from '@vanthu/server/testing';
import {
  DispatchReport,
  DocumentDetail,
  DocumentStatus,
  DocumentSummary,
  DocumentType,
  HolidayDto,
  IncomingReport,
  OrganisationDto,
  Page,
  Urgency,
  SecurityLevel,
  UserDto,
} from '@vanthu/shared/contracts';
import { addCalendarDays, toIsoDate } from '@vanthu/shared/domain';

import { startTestApp, TestApp } from '../../test/harness';
import { seedTree } from '../../test/org-tree';
import { Cast, Directory, Route } from '../../test/routing';

const COMMUNES = ['ld-quangtan', 'ld-bacgianghia', 'ld-xuanhuong'];

/** Sở Nội vụ drafts in the name of UBND tỉnh Lâm Đồng to the three communes and Sở Tư pháp. */
const PROVINCE_CAST: Cast = {
  drafter: 'lamdong-snv.chuyenvien1',
  reviewer: 'lamdong-snv.lanhdao',
  signer: 'lamdong.lanhdao',
  clerk: 'lamdong.vanthu',
  issuer: 'lamdong',
  recipients: [...COMMUNES, 'lamdong-stp'],
};

const SUBJECT = 'Kế hoạch triển khai chuyển đổi số năm 2026 trên địa bàn tỉnh';

// Since 2025 a province sits directly above its communes. The same installation holds the demo
// district too, so every check also shows that each tree sees only itself.
describe('a province tree (UBND tỉnh → sở → xã, phường, no district) works as the district tree does (real MariaDB, real signatures)', () => {
  let t: TestApp;
  let dir: Directory;
  let route: Route;
  const today = toIsoDate(new Date());

  beforeAll(async () => {
    t = await startTestApp('province');
    dir = await seedTree(t, PROVINCE_TREE);
    await t.app.get(DemoSigningSeed).seed({ keyType: 'ec' });
    route = new Route(t, dir, PROVINCE_CAST);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('shows everyone in the province its own tree, the province first, and nothing of the district beside it', async () => {
    const agent = await route.as('ld-xuanhuong.chuyenvien1');
    const list: OrganisationDto[] = (await agent.get('/api/organisations').expect(200)).body;
    expect(list.map((o) => [o.code, o.kind])).toEqual([
      ['lamdong', 'province'],
      ['lamdong-vp', 'office'],
      ['lamdong-snv', 'department'],
      ['lamdong-stp', 'department'],
      ['ld-quangtan', 'commune'],
      ['ld-bacgianghia', 'commune'],
      ['ld-xuanhuong', 'commune'],
    ]);
    expect(list[0]).toMatchObject({ name: 'UBND tỉnh Lâm Đồng', parentId: null, abbreviation: 'UBND' });
    expect(list.slice(1).every((o) => o.parentId === list[0].id)).toBe(true);

    const district: OrganisationDto[] = (await (await route.as('quangtan.vanthu')).get('/api/organisations').expect(200)).body;
    expect(district[0]).toMatchObject({ code: 'tuyduc', kind: 'district' });
    expect(district.some((o) => o.code.startsWith('lamdong') || o.code.startsWith('ld-'))).toBe(false);
  });

  it('refuses a province or district as a child organisation, in both languages', async () => {
    const admin = await route.as(PROVINCE_TREE.admin.username);
    for (const kind of ['province', 'district']) {
      const refused = await admin
        .post('/api/admin/organisations')
        .send({ parentId: dir.org('lamdong').id, code: `lamdong-${kind}`, name: 'UBND tỉnh Lâm Đồng (cũ)', kind, abbreviation: 'UBND' })
        .expect(400);
      expect(refused.body.errors).toEqual([{ field: 'kind', message: { vi: expect.stringContaining('cấp cao nhất'), en: expect.stringContaining('top of the tree') } }]);
    }
    const organisations: OrganisationDto[] = (await admin.get('/api/organisations').expect(200)).body;
    expect(organisations).toHaveLength(7);
  });

  it('lets a sở see the province’s people (to choose the chairman as signer) but not another sở’s or a commune’s', async () => {
    const members = async (username: string, code: string, status: number) =>
      (await (await route.as(username)).get(`/api/organisations/${dir.org(code).id}/members`).expect(status)).body as UserDto[];
    expect((await members('lamdong-snv.chuyenvien1', 'lamdong', 200)).map((u) => u.username)).toEqual(expect.arrayContaining(['lamdong.lanhdao', 'lamdong.phochutich']));
    await members('lamdong-snv.chuyenvien1', 'lamdong-stp', 404);
    await members('lamdong-snv.chuyenvien1', 'ld-quangtan', 404);
    // The province sees its office and sở, not a commune's staff; a commune sees only itself.
    await members('lamdong.lanhdao', 'lamdong-snv', 200);
    await members('lamdong.lanhdao', 'lamdong-vp', 200);
    await members('lamdong.lanhdao', 'ld-quangtan', 404);
    expect((await members('ld-quangtan.lanhdao', 'ld-quangtan', 200)).map((u) => u.username).sort()).toEqual([
      'ld-quangtan.chuyenvien1',
      'ld-quangtan.chuyenvien2',
      'ld-quangtan.lanhdao',
      'ld-quangtan.vanthu',
    ]);
    for (const other of ['ld-bacgianghia', 'lamdong', 'lamdong-snv']) await members('ld-quangtan.lanhdao', other, 404);
  });

  it('drafts in Sở Nội vụ, signs as the chairman, issues as 01/KH-UBND, dispatches to communes and a sở, and each commune handles it; the province’s report counts it', async () => {
    const draft = await route.draft({ subject: SUBJECT, file: 'generate', signingLine: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH' });
    expect(draft).toMatchObject({ status: DocumentStatus.Draft, organisation: { name: 'UBND tỉnh Lâm Đồng' }, draftingUnit: { name: 'Sở Nội vụ' } });
    expect(draft.recipients.map((r) => r.name)).toEqual(['Sở Tư pháp', 'UBND xã Quảng Tân', 'UBND phường Bắc Gia Nghĩa', 'UBND phường Xuân Hương - Đà Lạt']);

    const approved = await route.approve(draft.id);
    expect(approved.status).toBe(DocumentStatus.AwaitingSignature);
    const chairman = await route.as('lamdong.lanhdao');
    expect((await chairman.get('/api/documents/counts').expect(200)).body.awaitingMySignature).toBe(1);
    const signed = await route.sign(draft.id);
    expect(signed.verification?.signatures.map((s) => [s.kind, s.signerName, s.integrity, s.trusted])).toEqual([['personal', 'Phạm Minh Quân', true, true]]);

    const clerk = await route.as('lamdong.vanthu');
    expect((await clerk.get(`/api/outgoing/${draft.id}/issue-preview`).expect(200)).body).toMatchObject({ number: 1, symbol: '01/KH-UBND', issueDate: today });
    const issued = await route.issue(draft.id);
    expect(issued).toMatchObject({ status: DocumentStatus.Issued, number: 1, symbol: '01/KH-UBND' });
    expect(issued.verification?.signatures.map((s) => [s.kind, s.signerName, s.trusted])).toEqual([
      ['personal', 'Phạm Minh Quân', true],
      ['organisation', 'UBND tỉnh Lâm Đồng', true],
    ]);
    const dispatched = await route.dispatch(draft.id);
    expect(dispatched.deliveries.map((d) => [d.recipient.name, d.status]).sort()).toEqual([
      ['Sở Tư pháp', 'delivered'],
      ['UBND phường Bắc Gia Nghĩa', 'delivered'],
      ['UBND phường Xuân Hương - Đà Lạt', 'delivered'],
      ['UBND xã Quảng Tân', 'delivered'],
    ]);

    for (const code of COMMUNES) {
      const communeClerk = await route.as(`${code}.vanthu`);
      const waiting: Page<DocumentSummary> = (await communeClerk.get('/api/documents').query({ queue: 'to-register' }).expect(200)).body;
      expect(waiting.items.map((d) => [d.symbol, d.sender])).toEqual([['01/KH-UBND', 'UBND tỉnh Lâm Đồng']]);
      const incomingId = waiting.items[0].id;
      const copy: DocumentDetail = (await communeClerk.get(`/api/documents/${incomingId}`).expect(200)).body;
      expect(copy.verification?.valid).toBe(true);
      const registered: DocumentDetail = (await communeClerk.post(`/api/incoming/${incomingId}/register`).expect(200)).body;
      expect(registered).toMatchObject({ status: DocumentStatus.Registered, arrivalNumber: 1 });

      await communeClerk.post(`/api/incoming/${incomingId}/submit`).send({ leaderId: dir.user(`${code}.lanhdao`).id, note: 'Kính trình Chủ tịch.' }).expect(200);
      const leader = await route.as(`${code}.lanhdao`);
      const assigned: DocumentDetail = (
        await leader
          .post(`/api/incoming/${incomingId}/assign`)
          .send({ lead: { userId: dir.user(`${code}.chuyenvien1`).id }, deadline: addCalendarDays(today, 7), instructions: 'Xây dựng kế hoạch của địa phương.' })
          .expect(200)
      ).body;
      expect(assigned).toMatchObject({ status: DocumentStatus.InProgress, deadline: addCalendarDays(today, 7) });
      const done: DocumentDetail = (await (await route.as(`${code}.chuyenvien1`)).post(`/api/incoming/${incomingId}/complete`).send({ note: 'Đã triển khai xong.' }).expect(200)).body;
      expect(done.status).toBe(DocumentStatus.Completed);
    }
    // Sở Tư pháp registers its copy in its own book and keeps it open.
    const stpClerk = await route.as('lamdong-stp.vanthu');
    const stpWaiting: Page<DocumentSummary> = (await stpClerk.get('/api/documents').query({ queue: 'to-register' }).expect(200)).body;
    expect(stpWaiting.items.map((d) => d.symbol)).toEqual(['01/KH-UBND']);
    expect((await stpClerk.post(`/api/incoming/${stpWaiting.items[0].id}/register`).expect(200)).body.arrivalNumber).toBe(1);

    const tracked: DocumentDetail = (await clerk.get(`/api/documents/${draft.id}`).expect(200)).body;
    expect(tracked.deliveries.map((d) => [d.recipient.name, d.status, d.arrivalNumber]).sort()).toEqual([
      ['Sở Tư pháp', 'opened', 1],
      ['UBND phường Bắc Gia Nghĩa', 'completed', 1],
      ['UBND phường Xuân Hương - Đà Lạt', 'completed', 1],
      ['UBND xã Quảng Tân', 'completed', 1],
    ]);
    const report: DispatchReport = (await chairman.get('/api/reports/dispatched').query({ from: today, to: today }).expect(200)).body;
    expect(report).toMatchObject({ documents: 1, deliveries: 4 });
    expect(report.total).toMatchObject({ received: 4, completed: 3, early: 3, inProgress: 1, overdue: 0 });
    const communeReport: IncomingReport = (await (await route.as('ld-bacgianghia.lanhdao')).get('/api/reports/incoming').query({ from: today, to: today }).expect(200)).body;
    expect(communeReport.total).toMatchObject({ received: 1, completed: 1, early: 1, onTimeRate: 1 });
    // The district beside it reports nothing of the province's work.
    const districtReport: DispatchReport = (await (await route.as('tuyduc.lanhdao')).get('/api/reports/dispatched').query({ from: today, to: today }).expect(200)).body;
    expect(districtReport).toMatchObject({ documents: 0, deliveries: 0 });
  }, 180_000);

  it('gives a sở issuing in its own name its own symbol and register (01/KH-SNV); the province assigns it to a sở, never to a commune', async () => {
    const own = await route.draft({
      subject: 'Kế hoạch kiểm tra công tác văn thư, lưu trữ năm 2026',
      file: 'generate',
      issuingOrganisationId: dir.org('lamdong-snv').id,
      signer: 'lamdong-snv.lanhdao',
      signingLine: 'GIÁM ĐỐC',
      recipientIds: [dir.org('ld-quangtan').id, dir.org('lamdong').id],
    });
    expect(own).toMatchObject({ organisation: { name: 'Sở Nội vụ' } });
    await route.approve(own.id, { reviewer: 'lamdong-snv.lanhdao' });
    await route.sign(own.id, 'lamdong-snv.lanhdao');
    const issued = await route.issue(own.id, 'lamdong-snv.vanthu');
    expect(issued).toMatchObject({ number: 1, symbol: '01/KH-SNV' });
    await route.dispatch(own.id, 'lamdong-snv.vanthu');
    const waiting: Page<DocumentSummary> = (await (await route.as('ld-quangtan.vanthu')).get('/api/documents').query({ queue: 'to-register' }).expect(200)).body;
    expect(waiting.items.map((d) => [d.symbol, d.sender])).toEqual([['01/KH-SNV', 'Sở Nội vụ']]);
    // Neither the province's clerk nor the other sở holds the original: the province has its own copy.
    const provinceClerk = await route.as('lamdong.vanthu');
    await provinceClerk.get(`/api/documents/${own.id}`).expect(404);
    await (await route.as('lamdong-stp.vanthu')).get(`/api/documents/${own.id}`).expect(404);

    const arrived: Page<DocumentSummary> = (await provinceClerk.get('/api/documents').query({ queue: 'to-register' }).expect(200)).body;
    expect(arrived.items.map((d) => [d.symbol, d.sender])).toEqual([['01/KH-SNV', 'Sở Nội vụ']]);
    const copyId = arrived.items[0].id;
    expect((await provinceClerk.post(`/api/incoming/${copyId}/register`).expect(200)).body.arrivalNumber).toBe(1);
    await provinceClerk.post(`/api/incoming/${copyId}/submit`).send({ leaderId: dir.user('lamdong.phochutich').id }).expect(200);
    const viceChairman = await route.as('lamdong.phochutich');
    const deadline = addCalendarDays(today, 7);
    // A commune, or one of its people, is no unit of the province: it gets documents by dispatch.
    for (const lead of [{ organisationId: dir.org('ld-bacgianghia').id }, { userId: dir.user('ld-bacgianghia.chuyenvien1').id }]) {
      const refused = await viceChairman.post(`/api/incoming/${copyId}/assign`).send({ lead, deadline }).expect(422);
      expect(refused.body.message.vi).toContain('không giao cho UBND xã, phường');
    }
    await (await route.as('ld-bacgianghia.vanthu')).get(`/api/documents/${copyId}`).expect(404);
    const assigned: DocumentDetail = (
      await viceChairman
        .post(`/api/incoming/${copyId}/assign`)
        .send({ lead: { organisationId: dir.org('lamdong-stp').id }, coordinators: [{ userId: dir.user('lamdong-vp.chuyenvien1').id }], deadline })
        .expect(200)
    ).body;
    expect(assigned.assignment?.assignees.map((a) => [a.role, a.organisation?.name ?? null, a.user?.id ?? null])).toEqual([
      ['lead', 'Sở Tư pháp', null],
      ['coordinate', 'Văn phòng UBND tỉnh', dir.user('lamdong-vp.chuyenvien1').id],
    ]);
    // The sở it was assigned to finds it in its work.
    const stp: Page<DocumentSummary> = (await (await route.as('lamdong-stp.chuyenvien1')).get('/api/documents').query({ queue: 'my-assignments' }).expect(200)).body;
    expect(stp.items.map((d) => d.id)).toEqual([copyId]);
  }, 120_000);

  it('keeps a commune out of another commune’s documents, in detail, lists and search, as in the district', async () => {
    const original = await route.dispatched({ subject: 'Kế hoạch phòng, chống thiên tai năm 2026', file: 'generate', recipientIds: [dir.org('ld-quangtan').id, dir.org('ld-xuanhuong').id] });
    const quangtan = await route.as('ld-quangtan.vanthu');
    const own: Page<DocumentSummary> = (await quangtan.get('/api/documents').query({ q: 'phong chong thien tai' }).expect(200)).body;
    expect(own.items).toHaveLength(1);
    const quangtanCopy = own.items[0].id;

    for (const username of ['ld-xuanhuong.vanthu', 'ld-xuanhuong.lanhdao', 'ld-bacgianghia.vanthu', 'ld-bacgianghia.chuyenvien1']) {
      const agent = await route.as(username);
      for (const id of [quangtanCopy, original.id]) {
        const refused = await agent.get(`/api/documents/${id}`).expect(404);
        expect(refused.body.message.vi.length).toBeGreaterThan(0);
        await agent.post(`/api/incoming/${id}/register`).expect((r) => expect([403, 404]).toContain(r.status));
      }
      const listed: Page<DocumentSummary> = (await agent.get('/api/documents').expect(200)).body;
      expect(listed.items.map((d) => d.id)).not.toContain(quangtanCopy);
      const searched: Page<DocumentSummary> = (await agent.get('/api/documents').query({ q: 'phong chong thien tai' }).expect(200)).body;
      expect(searched.items.every((d) => d.id !== quangtanCopy && d.id !== original.id)).toBe(true);
      // Xuân Hương holds its own copy; Bắc Gia Nghĩa was not a recipient.
      expect(searched.total).toBe(username.startsWith('ld-xuanhuong') ? 1 : 0);
    }
    // The sở that drafted it follows the province's original, but not a commune's handling.
    const snv = await route.as('lamdong-snv.vanthu');
    await snv.get(`/api/documents/${original.id}`).expect(200);
    await snv.get(`/api/documents/${quangtanCopy}`).expect(404);
    // The district beside it sees neither.
    const district = await route.as('tuyduc.vanthu');
    for (const id of [quangtanCopy, original.id]) await district.get(`/api/documents/${id}`).expect(404);
  }, 120_000);

  it('lets only a sở draft in the province’s name, and only to organisations of the province', async () => {
    const draft = (username: string, issuer: string, recipients: number[]) =>
      route.as(username).then((agent) =>
        agent.post('/api/outgoing').send({
          type: DocumentType.Plan,
          subject: 'Kế hoạch tổ chức Ngày Chuyển đổi số',
          urgency: Urgency.Normal,
          securityLevel: SecurityLevel.Normal,
          issuingOrganisationId: dir.org(issuer).id,
          recipientIds: recipients,
        }),
      );
    // A commune is a People's Committee of its own: it drafts in its own name only.
    const commune = await draft('ld-quangtan.chuyenvien1', 'lamdong', [dir.org('ld-xuanhuong').id]);
    expect(commune.status).toBe(422);
    expect(commune.body).toMatchObject({ code: 'INVALID_PARTY', message: { vi: expect.stringContaining('nhân danh'), en: expect.stringContaining('in the name of') } });
    expect((await draft('ld-quangtan.chuyenvien1', 'ld-quangtan', [dir.org('ld-xuanhuong').id])).status).toBe(201);
    // The office drafts in the province's name as a sở does.
    expect((await draft('lamdong-vp.chuyenvien1', 'lamdong', [dir.org('ld-xuanhuong').id])).status).toBe(201);
    // A commune of the district beside it is no recipient of the province.
    const districtCommune = (await Directory.load(t)).org('quangtan').id;
    const foreign = await draft('lamdong-snv.chuyenvien1', 'lamdong', [districtCommune]);
    expect(foreign.status).toBe(422);
    expect(foreign.body.message.vi).toContain('Nơi nhận không hợp lệ');
  });

  it('lets the province’s top administrator edit the holidays, but not a commune’s administrator', async () => {
    const provinceAdmin = await route.as(PROVINCE_TREE.admin.username);
    // A day off announced late, as swapped days are.
    const holiday: HolidayDto = { day: '2026-12-31', kind: 'swapped-off', name: { vi: 'Nghỉ hoán đổi dịp Tết Dương lịch 2027', en: 'Swapped day off for New Year 2027' } };
    const saved: HolidayDto = (await provinceAdmin.put('/api/admin/holidays/2026-12-31').send(holiday).expect(200)).body;
    expect(saved).toEqual(holiday);

    await provinceAdmin
      .post('/api/admin/users')
      .send({ username: 'ld-quangtan.quantri', fullName: 'Y Thơ Mlô', position: 'Công chức Văn phòng - Thống kê', organisationId: dir.org('ld-quangtan').id, roles: ['admin'], password: PROVINCE_TREE.password })
      .expect(201);
    const communeAdmin = await route.as('ld-quangtan.quantri');
    const refused = await communeAdmin.put('/api/admin/holidays/2026-12-30').send({ ...holiday, day: '2026-12-30' }).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    await communeAdmin.delete('/api/admin/holidays/2026-12-31').expect(403);
    const days = async () => ((await communeAdmin.get('/api/admin/holidays').query({ year: 2026 }).expect(200)).body as HolidayDto[]).map((h) => h.day);
    expect(await days()).toContain('2026-12-31');
    expect(await days()).not.toContain('2026-12-30');
    await provinceAdmin.delete('/api/admin/holidays/2026-12-31').expect(204);
    expect(await days()).not.toContain('2026-12-31');
  });
});
