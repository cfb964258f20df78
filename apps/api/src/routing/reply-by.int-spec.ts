import { DocumentDetail, DocumentSummary, ErrorCode, Page } from '@vanthu/shared/contracts';
import { addCalendarDays, toIsoDate } from '@vanthu/shared/domain';

import { startTestApp, TestApp } from '../../test/harness';
import { Directory, DISTRICT_CAST, Route } from '../../test/routing';

/**
 * Hạn trả lời (issue 16, item 6): the sender sets on the draft the day it wants an answer by;
 * a day already past is refused with nothing stored; dispatch copies it onto each recipient's
 * incoming copy, whose detail shows it.
 */
describe('the reply deadline set by the sender (real MariaDB)', () => {
  let t: TestApp;
  let dir: Directory;
  let route: Route;
  const today = toIsoDate(new Date());

  beforeAll(async () => {
    t = await startTestApp('replyby', { signing: 'ec' });
    dir = await Directory.load(t);
    route = new Route(t, dir, { ...DISTRICT_CAST, recipients: ['quangtam'] });
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const draftCount = async (): Promise<number> => {
    const drafter = await route.as(DISTRICT_CAST.drafter);
    return ((await drafter.get('/api/documents').query({ direction: 'outgoing', pageSize: 1 }).expect(200)).body as Page<DocumentSummary>).total;
  };

  it('refuses a day already past, on create and on update, and stores nothing', async () => {
    const drafter = await route.as(DISTRICT_CAST.drafter);
    const before = await draftCount();
    const refused = await drafter
      .post('/api/outgoing')
      .send({
        type: 'cong-van',
        subject: 'Công văn đề nghị báo cáo số liệu',
        urgency: 'thuong',
        securityLevel: 'thuong',
        issuingOrganisationId: dir.org('tuyduc').id,
        recipientIds: [dir.org('quangtam').id],
        replyBy: addCalendarDays(today, -1),
      })
      .expect(422);
    expect(refused.body.code).toBe(ErrorCode.InvalidDeadline);
    expect(refused.body.message.vi).toContain('Hạn trả lời');
    expect(refused.body.message.en).toContain('reply deadline');
    expect(await draftCount()).toBe(before);

    const draft = await route.draft({ replyBy: addCalendarDays(today, 10) });
    const update = await drafter.patch(`/api/outgoing/${draft.id}`).send({ replyBy: addCalendarDays(today, -3) }).expect(422);
    expect(update.body.code).toBe(ErrorCode.InvalidDeadline);
    expect(((await drafter.get(`/api/documents/${draft.id}`).expect(200)).body as DocumentDetail).replyBy).toBe(addCalendarDays(today, 10));
  }, 120_000);

  it('keeps it when an update leaves it out, changes it, and accepts everything the draft form sends', async () => {
    const drafter = await route.as(DISTRICT_CAST.drafter);
    const draft = await route.draft({ replyBy: addCalendarDays(today, 5) });
    expect(draft.replyBy).toBe(addCalendarDays(today, 5));
    // The form sends the whole form on every save, the issuing organisation included.
    const kept: DocumentDetail = (
      await drafter
        .patch(`/api/outgoing/${draft.id}`)
        .send({
          type: draft.type,
          subject: 'Kế hoạch triển khai chuyển đổi số (sửa)',
          urgency: draft.urgency,
          securityLevel: draft.securityLevel,
          issuingOrganisationId: draft.organisation.id,
          recipientIds: draft.recipients.map((r) => r.id),
          signerId: draft.signer?.id ?? null,
          signingLine: draft.signingLine,
        })
        .expect(200)
    ).body;
    expect(kept.replyBy).toBe(addCalendarDays(today, 5));
    const changed: DocumentDetail = (await drafter.patch(`/api/outgoing/${draft.id}`).send({ replyBy: today }).expect(200)).body;
    expect(changed.replyBy).toBe(today);
    const cleared: DocumentDetail = (await drafter.patch(`/api/outgoing/${draft.id}`).send({ replyBy: null }).expect(200)).body;
    expect(cleared.replyBy).toBeNull();
  }, 120_000);

  it('travels with the dispatch: the recipient’s incoming copy carries it and shows it on its detail', async () => {
    const replyBy = addCalendarDays(today, 12);
    const sent = await route.dispatched({ replyBy, subject: 'Kế hoạch có hạn trả lời' });
    expect(sent.replyBy).toBe(replyBy);
    const clerk = await route.as('quangtam.vanthu');
    const waiting: Page<DocumentSummary> = (await clerk.get('/api/documents').query({ queue: 'to-register' }).expect(200)).body;
    const copy = waiting.items.find((d) => d.symbol === sent.symbol);
    if (!copy) throw new Error(`no copy of ${sent.symbol} at Quảng Tâm`);
    const detail: DocumentDetail = (await clerk.get(`/api/documents/${copy.id}`).expect(200)).body;
    expect(detail).toMatchObject({ direction: 'incoming', replyBy, deadline: null });
    // A draft without one sends copies without one.
    const plain = await route.dispatched({ subject: 'Kế hoạch không có hạn trả lời' });
    const again: Page<DocumentSummary> = (await clerk.get('/api/documents').query({ queue: 'to-register' }).expect(200)).body;
    const plainCopy = again.items.find((d) => d.symbol === plain.symbol);
    expect(((await clerk.get(`/api/documents/${plainCopy?.id}`).expect(200)).body as DocumentDetail).replyBy).toBeNull();
  }, 180_000);
});
