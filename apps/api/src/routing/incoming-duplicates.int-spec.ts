import { DocumentDetail, DocumentType, ErrorCode, RegisterKind, RegisterView, SecurityLevel, Urgency } from '@vanthu/shared/contracts';
import { toIsoDate } from '@vanthu/shared/domain';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

import { startTestApp, TestApp } from '../../test/harness';
import { Directory, Route } from '../../test/routing';

describe('duplicate warning when registering an incoming document (Decree 30/2020, Appendix VI)', () => {
  let t: TestApp;
  let route: Route;
  let dir: Directory;
  let clerk: TestAgent;
  const today = toIsoDate(new Date());
  const year = Number(today.slice(0, 4));

  beforeAll(async () => {
    t = await startTestApp('incoming-duplicates', { signing: 'ec' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    clerk = await route.as('quangtan.vanthu');
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const paper = (o: { symbol: string; sender: string; date: string; acceptDuplicate?: boolean }) =>
    clerk.post('/api/incoming').send({
      type: DocumentType.Plan,
      subject: 'Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn',
      urgency: Urgency.Normal,
      securityLevel: SecurityLevel.Normal,
      senderName: o.sender,
      originalSymbol: o.symbol,
      originalDate: o.date,
      ...(o.acceptDuplicate === undefined ? {} : { acceptDuplicate: o.acceptDuplicate }),
    });
  const lastArrivalNumber = async () =>
    ((await clerk.get('/api/records/registers').query({ year }).expect(200)).body as RegisterView[]).find((r) => r.kind === RegisterKind.IncomingNormal)?.lastNumber;

  it('warns when the same number, symbol and issuer of the same year is registered again, takes no number, and registers it when the clerk confirms', async () => {
    const first: DocumentDetail = (await paper({ symbol: '27/KH-UBND', sender: 'UBND tỉnh Đắk Nông', date: `${year}-03-05` }).expect(201)).body;
    expect(first.arrivalNumber).toBe(1);

    // The same letter again, dated differently in the same year: the warning names the first arrival.
    const warned = await paper({ symbol: '27/KH-UBND', sender: 'UBND tỉnh Đắk Nông', date: `${year}-06-01` }).expect(409);
    expect(warned.body).toMatchObject({
      code: ErrorCode.IncomingDuplicate,
      message: { vi: expect.stringContaining('số đến 01'), en: expect.stringContaining('already registered') },
    });
    expect(warned.body.message.vi).toContain('27/KH-UBND');
    expect(await lastArrivalNumber()).toBe(1);
    await paper({ symbol: '27/KH-UBND', sender: 'UBND tỉnh Đắk Nông', date: `${year}-06-01`, acceptDuplicate: false }).expect(409);

    // Another year's number 27, or another issuer's, is another document.
    expect((await paper({ symbol: '27/KH-UBND', sender: 'UBND tỉnh Đắk Nông', date: `${year - 1}-03-05` }).expect(201)).body.arrivalNumber).toBe(2);
    expect((await paper({ symbol: '27/KH-UBND', sender: 'UBND huyện Đắk Song', date: `${year}-03-05` }).expect(201)).body.arrivalNumber).toBe(3);

    // The clerk confirms: registered with the next number, the audit record naming the earlier one.
    const confirmed: DocumentDetail = (await paper({ symbol: '27/KH-UBND', sender: 'UBND tỉnh Đắk Nông', date: `${year}-06-01`, acceptDuplicate: true }).expect(201)).body;
    expect(confirmed.arrivalNumber).toBe(4);
    const [audit] = await t.app.get(DataSource).query(`SELECT details FROM audit_record WHERE entity_type = 'document' AND entity_id = ? AND action = 'document.registered'`, [String(confirmed.id)]);
    expect(JSON.parse(audit.details).duplicateOf).toBe(String(first.id));

    // Another organisation's register is its own: the same letter arriving at Đắk Buk So is no duplicate there.
    const other = await route.as('dakbukso.vanthu');
    await other
      .post('/api/incoming')
      .send({ type: DocumentType.Plan, subject: 'Kế hoạch phòng, chống thiên tai', urgency: Urgency.Normal, securityLevel: SecurityLevel.Normal, senderName: 'UBND tỉnh Đắk Nông', originalSymbol: '27/KH-UBND', originalDate: `${year}-03-05` })
      .expect(201);
  });

  it('warns when the electronic copy of a letter already registered on paper is registered', async () => {
    const sent = await route.dispatched({ recipientIds: [dir.org('quangtan').id] });
    const copyId = sent.deliveries[0].incomingDocumentId!;
    const copy: DocumentDetail = (await clerk.get(`/api/documents/${copyId}`).expect(200)).body;
    await paper({ symbol: copy.symbol!, sender: copy.sender!, date: copy.originalDate! }).expect(201);
    const before = await lastArrivalNumber();

    const warned = await clerk.post(`/api/incoming/${copyId}/register`).expect(409);
    expect(warned.body.code).toBe(ErrorCode.IncomingDuplicate);
    expect(await lastArrivalNumber()).toBe(before);
    expect(((await clerk.get(`/api/documents/${copyId}`).expect(200)).body as DocumentDetail).arrivalNumber).toBeNull();

    const registered: DocumentDetail = (await clerk.post(`/api/incoming/${copyId}/register`).send({ acceptDuplicate: true }).expect(200)).body;
    expect(registered.arrivalNumber).toBe(before! + 1);
  });
});
