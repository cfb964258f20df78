import { DispatchReport, DocumentSummary, Page } from '@vanthu/shared/contracts';
import { toIsoDate } from '@vanthu/shared/domain';

import { startTestApp, TestApp } from '../../test/harness';
import { COMMUNE_CODES, Directory, Route } from '../../test/routing';

/**
 * The sender's dispatch report tells apart copies nobody has opened (chưa mở) from those being
 * handled: a commune that never looked at a copy is not "in progress" (issue 16, item 10).
 */
describe('the dispatch report counts never-opened copies on their own (real MariaDB)', () => {
  let t: TestApp;
  let dir: Directory;
  let route: Route;

  beforeAll(async () => {
    t = await startTestApp('notopened', { signing: 'ec' });
    dir = await Directory.load(t);
    route = new Route(t, dir);
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('keeps unopened copies out of "in progress", and moves a copy once its commune opens it', async () => {
    const today = toIsoDate(new Date());
    const sent = await route.dispatched();
    const [opener, registrar] = COMMUNE_CODES;
    const copyAt = async (code: string) => {
      const clerk = await route.as(`${code}.vanthu`);
      const waiting: Page<DocumentSummary> = (await clerk.get('/api/documents').query({ queue: 'to-register' }).expect(200)).body;
      const copy = waiting.items.find((d) => d.symbol === sent.symbol);
      if (!copy) throw new Error(`no copy of ${sent.symbol} at ${code}`);
      return { clerk, id: copy.id };
    };
    const chairman = await route.as('tuyduc.lanhdao');
    const report = async (): Promise<DispatchReport> => (await chairman.get('/api/reports/dispatched').query({ from: today, to: today }).expect(200)).body;

    const fresh = await report();
    expect(fresh).toMatchObject({ documents: 1, deliveries: 6, notOpened: 6 });
    expect(fresh.total).toMatchObject({ received: 6, inProgress: 0, overdue: 0, completed: 0 });
    expect(fresh.byRecipient.every((r) => r.notOpened === 1 && r.inProgress === 0)).toBe(true);

    // One commune opens its copy; another opens and registers it: both are now being handled.
    const first = await copyAt(opener);
    await first.clerk.post(`/api/documents/${first.id}/opened`).expect(204);
    const second = await copyAt(registrar);
    await second.clerk.post(`/api/documents/${second.id}/opened`).expect(204);
    await second.clerk.post(`/api/incoming/${second.id}/register`).expect(200);

    const later = await report();
    expect(later).toMatchObject({ deliveries: 6, notOpened: 4 });
    expect(later.total).toMatchObject({ received: 6, inProgress: 2, overdue: 0 });
    const row = (code: string) => later.byRecipient.find((r) => r.recipient.id === dir.org(code).id);
    expect(row(opener)).toMatchObject({ notOpened: 0, inProgress: 1 });
    expect(row(registrar)).toMatchObject({ notOpened: 0, inProgress: 1 });
    expect(later.byRecipient.filter((r) => r.notOpened === 1)).toHaveLength(4);
  }, 180_000);
});
