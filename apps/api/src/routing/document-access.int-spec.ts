import { DocumentDetail, DocumentSummary, Page } from '@vanthu/shared/contracts';
import TestAgent from 'supertest/lib/agent';

import { startTestApp, TestApp } from '../../test/harness';
import { Directory, Route } from '../../test/routing';

/** Every route that takes a document id, called with `id` (and a file id where it takes one). */
function everyDocumentEndpoint(agent: TestAgent, id: number, fileId: number) {
  return [
    agent.get(`/api/documents/${id}`),
    agent.get(`/api/documents/${id}/files/${fileId}/content`),
    agent.get(`/api/documents/${id}/files/${fileId}/verification`),
    agent.patch(`/api/outgoing/${id}`).send({ subject: 'Sửa trái phép' }),
    agent.post(`/api/outgoing/${id}/files`).attach('file', Buffer.from('%PDF-1.4\n'), 'x.pdf'),
    agent.post(`/api/outgoing/${id}/files/generate`).send({}),
    agent.delete(`/api/outgoing/${id}/files/${fileId}`),
    agent.post(`/api/outgoing/${id}/submit`).send({ reviewerIds: [1] }),
    agent.post(`/api/outgoing/${id}/review`).send({ decision: 'approve' }),
    agent.get(`/api/outgoing/${id}/sign/preview`),
    agent.post(`/api/outgoing/${id}/sign`).send({ pin: '123456' }),
    agent.post(`/api/outgoing/${id}/sign/prepare`).send({ certificateChainPem: 'x' }),
    agent.post(`/api/outgoing/${id}/sign/complete`).send({ preparationId: 'x', signature: 'eA==' }),
    agent.get(`/api/outgoing/${id}/issue-preview`),
    agent.post(`/api/outgoing/${id}/issue`).send({ pin: '123456' }),
    agent.post(`/api/outgoing/${id}/dispatch`).send({}),
    agent.post(`/api/incoming/${id}/files`).attach('file', Buffer.from('%PDF-1.4\n'), 'x.pdf'),
    agent.post(`/api/incoming/${id}/register`),
    agent.post(`/api/incoming/${id}/submit`).send({ leaderId: 1 }),
    agent.post(`/api/incoming/${id}/assign`).send({ lead: { userId: 1 }, deadline: '2099-01-01' }),
    agent.post(`/api/incoming/${id}/progress`).send({ note: 'x' }),
    agent.post(`/api/incoming/${id}/complete`).send({ note: 'x' }),
    agent.post(`/api/incoming/${id}/return`).send({ reason: 'x' }),
  ];
}

describe('a commune sees only its own documents, on every endpoint that takes a document id', () => {
  let t: TestApp;
  let dir: Directory;
  let route: Route;
  let quangtanCopy: DocumentDetail;
  let district: DocumentDetail;

  beforeAll(async () => {
    t = await startTestApp('docaccess', { signing: 'ec' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
    district = await route.dispatched({ file: 'generate' });
    const clerk = await route.as('quangtan.vanthu');
    const list: Page<DocumentSummary> = (await clerk.get('/api/documents').query({ direction: 'incoming' }).expect(200)).body;
    quangtanCopy = (await clerk.get(`/api/documents/${list.items[0].id}`).expect(200)).body;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it.each(['quangtam.vanthu', 'quangtam.lanhdao', 'quangtam.chuyenvien1', 'dakngo.vanthu'])(
    'refuses %s Quảng Tân’s copy and the district’s original with 403/404, changing nothing',
    async (username) => {
      const agent = await route.as(username);
      for (const target of [quangtanCopy, district]) {
        const responses = await Promise.all(everyDocumentEndpoint(agent, target.id, target.files[0].id));
        for (const response of responses) {
          expect([403, 404]).toContain(response.status);
          expect(response.body.message.vi.length).toBeGreaterThan(0);
          expect(response.body.message.en.length).toBeGreaterThan(0);
        }
        // Reads are "not found", never "forbidden": the document's existence is not revealed.
        expect(responses[0].status).toBe(404);
      }
      const unchanged: DocumentDetail = (await (await route.as('quangtan.vanthu')).get(`/api/documents/${quangtanCopy.id}`).expect(200)).body;
      expect(unchanged.status).toBe(quangtanCopy.status);
      expect(unchanged.files).toHaveLength(quangtanCopy.files.length);
    },
  );

  it('keeps other communes’ documents out of lists, counts and searches', async () => {
    const agent = await route.as('quangtam.vanthu');
    const own: Page<DocumentSummary> = (await agent.get('/api/documents').expect(200)).body;
    expect(own.items.map((d) => d.id)).not.toContain(quangtanCopy.id);
    const searched: Page<DocumentSummary> = (await agent.get('/api/documents').query({ q: 'chuyen doi so' }).expect(200)).body;
    expect(searched.items.every((d) => d.id !== quangtanCopy.id && d.id !== district.id)).toBe(true);
    expect(searched.total).toBe(1); // its own copy
  });

  it('lets the district’s department that drafted it follow it, but not a commune’s handling', async () => {
    const nv = await route.as('tuyduc-nv.vanthu');
    await nv.get(`/api/documents/${district.id}`).expect(200);
    await nv.get(`/api/documents/${quangtanCopy.id}`).expect(404);
  });

  it('refuses a specialist the clerk’s and the leader’s actions on their own commune’s copy', async () => {
    const specialist = await route.as('quangtan.chuyenvien1');
    expect((await specialist.post(`/api/incoming/${quangtanCopy.id}/register`).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await specialist.post(`/api/incoming/${quangtanCopy.id}/assign`).send({ lead: { userId: 1 }, deadline: '2099-01-01' }).expect(403)).body.code).toBe('FORBIDDEN');
    const detail: DocumentDetail = (await specialist.get(`/api/documents/${quangtanCopy.id}`).expect(200)).body;
    expect(detail.allowedActions).toEqual([]);
  });

  it('keeps a draft never sent for review to its creator: the leader and the clerk see it once it is submitted', async () => {
    const draft = await route.draft({ subject: 'Dự thảo chưa trình: kế hoạch riêng của chuyên viên' });
    const others = await Promise.all(['tuyduc-nv.lanhdao', 'tuyduc-nv.vanthu', 'tuyduc.vanthu', 'tuyduc.lanhdao', 'tuyduc-nv.chuyenvien2'].map((u) => route.as(u)));
    const listed = async (agent: TestAgent) => ((await agent.get('/api/documents').query({ direction: 'outgoing', pageSize: 100 }).expect(200)).body as Page<DocumentSummary>).items.map((d) => d.id);
    for (const agent of others) {
      await agent.get(`/api/documents/${draft.id}`).expect(404);
      expect(await listed(agent)).not.toContain(draft.id);
    }
    const creator = await route.as(route.cast.drafter);
    await creator.get(`/api/documents/${draft.id}`).expect(200);
    expect(await listed(creator)).toContain(draft.id);
    await creator.post(`/api/outgoing/${draft.id}/submit`).send({ reviewerIds: [dir.user('tuyduc-nv.lanhdao').id] }).expect(200);
    await others[0].get(`/api/documents/${draft.id}`).expect(200);
    expect(await listed(others[1])).toContain(draft.id);
  });
});
