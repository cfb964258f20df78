/**
 * npm run bench:dispatch — issue and dispatch one signed document to 100 recipient organisations,
 * then list and search an organisation holding 100,000 documents under 50 concurrent clients.
 *
 * The API (and the worker, for the queue figure) run as their own processes from source, on a
 * scratch database; the load comes from this process over HTTP. Baseline for the register
 * queries: the naive SQL (exact COUNT, OFFSET paging, LIKE '%…%' on the folded text) run on the
 * same data with the same concurrency, printed beside ours with the ratio.
 *
 * With --open-loop (npm run bench:province): a province's registers at fixed arrival rates, see
 * ./support/province.ts.
 */
import { ChildProcess } from 'node:child_process';

import { DocumentDetail, DocumentSummary, OrganisationDto, Page, UserDto } from '@vanthu/shared/contracts';
import { createPool, Pool } from 'mysql2/promise';

import { Client, DB, describeEnvironment, environment, freePort, load, loadNow, ms, percentile, scratch, startProcess, waitFor } from './support/bench-kit';
import { fold, row, seeded } from './support/corpus';
import { province } from './support/province';

const RECIPIENTS = 100;
const DOCUMENTS = Number(process.env['BENCH_DOCUMENTS'] ?? 100_000);
const CLIENTS = 50;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);

async function main(): Promise<void> {
  if (process.argv.includes('--open-loop')) return province();
  const env = await environment();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const db = await scratch('dispatch', port);
  const children: ChildProcess[] = [];
  let pool: Pool | null = null;
  const table: Array<[string, string, string]> = [];
  try {
    console.log(`Starting the API on ${base} (database ${db.database}) …`);
    children.push(startProcess('apps/api/src/main.ts', db.env, 'api'));
    await waitFor('the API', async () => (await fetch(`${base}/api/health`)).status === 200, 600_000, 500);
    pool = createPool({ ...DB, database: db.database, connectionLimit: CLIENTS, timezone: 'Z' });

    // 1. One signed document dispatched to 100 organisations.
    const admin = await Client.logIn(base, 'admin');
    const organisations = await admin.get<OrganisationDto[]>('/api/organisations');
    const district = organisations.find((o) => o.code === 'tuyduc');
    if (!district) throw new Error('demo district missing');
    const existing = organisations.filter((o) => o.kind === 'commune').map((o) => o.id);
    const recipients = [...existing];
    for (let i = recipients.length; i < RECIPIENTS; i++) {
      const created = await admin.post<OrganisationDto>('/api/admin/organisations', {
        parentId: district.id,
        code: `bench-${i}`,
        name: `Đơn vị thử nghiệm số ${i}`,
        kind: 'department',
        abbreviation: `TN${i}`,
      });
      recipients.push(created.id);
    }
    const members = await admin.get<UserDto[]>(`/api/organisations/${district.id}/members`);
    const chairman = members.find((u) => u.username === 'tuyduc.lanhdao');
    const nvHead = (await admin.get<UserDto[]>(`/api/organisations/${organisations.find((o) => o.code === 'tuyduc-nv')?.id}/members`)).find((u) => u.username === 'tuyduc-nv.lanhdao');
    if (!chairman || !nvHead) throw new Error('demo leaders missing');
    const drafter = await Client.logIn(base, 'tuyduc-nv.chuyenvien1');
    const draft = await drafter.post<DocumentDetail>('/api/outgoing', {
      type: 'ke-hoach',
      subject: 'Kế hoạch triển khai chuyển đổi số năm 2026',
      urgency: 'thuong',
      securityLevel: 'thuong',
      issuingOrganisationId: district.id,
      recipientIds: recipients,
      signerId: chairman.id,
      signingLine: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
    });
    await drafter.post(`/api/outgoing/${draft.id}/files/generate`, {});
    await drafter.post(`/api/outgoing/${draft.id}/submit`, { reviewerIds: [nvHead.id] });
    await (await Client.logIn(base, 'tuyduc-nv.lanhdao')).post(`/api/outgoing/${draft.id}/review`, { decision: 'approve' });
    await (await Client.logIn(base, 'tuyduc.lanhdao')).post(`/api/outgoing/${draft.id}/sign`, { pin: '123456' });
    const clerk = await Client.logIn(base, 'tuyduc.vanthu');
    await clerk.post(`/api/outgoing/${draft.id}/issue`, { pin: '123456' });

    console.log('Starting the worker (outbox relay) …');
    children.push(startProcess('apps/worker/src/main.ts', db.env, 'worker'));
    await new Promise((r) => setTimeout(r, 8000));

    const started = performance.now();
    const dispatched = await clerk.post<DocumentDetail>(`/api/outgoing/${draft.id}/dispatch`, {});
    const committed = performance.now() - started;
    const [[copies]] = (await pool.query('SELECT COUNT(*) AS n FROM document WHERE source_document_id = ?', [draft.id])) as unknown as [[{ n: number }]];
    let queued = NaN;
    try {
      await waitFor(
        'the relay to queue the notifications',
        async () => {
          const [[left]] = (await pool!.query("SELECT COUNT(*) AS n FROM outbox_event WHERE type = 'document.dispatched' AND published_at IS NULL")) as unknown as [[{ n: number }]];
          return Number(left.n) === 0;
        },
        30_000,
        10,
      );
      queued = performance.now() - started;
    } catch {
      console.warn('The worker did not publish the outbox within 30 s: queue time not measured.');
    }
    table.push(['dispatch to 100: commit (100 incoming copies, files, deliveries, outbox, audit)', ms(committed), `target ≤ 1000 ms: ${(committed / 1000).toFixed(2)}× of target`]);
    table.push(['dispatch to 100: until every notification event is in BullMQ', Number.isNaN(queued) ? 'n/a' : ms(queued), Number.isNaN(queued) ? '' : `target ≤ 1000 ms: ${(queued / 1000).toFixed(2)}× of target`]);
    if (Number(copies.n) !== RECIPIENTS || dispatched.deliveries.length !== RECIPIENTS) throw new Error(`expected ${RECIPIENTS} copies, found ${copies.n}`);

    // 2. An organisation with 100,000 documents.
    const commune = organisations.find((o) => o.code === 'quangtan');
    if (!commune) throw new Error('Quảng Tân missing');
    console.log(`Seeding ${DOCUMENTS.toLocaleString('vi-VN')} documents in ${commune.name} …`);
    const seedStarted = performance.now();
    const random = seeded(42);
    const [[{ last }]] = (await pool.query('SELECT COALESCE(MAX(id), 0) AS last FROM document')) as unknown as [[{ last: number }]];
    for (let offset = 0; offset < DOCUMENTS; offset += 5000) {
      const rows = Array.from({ length: Math.min(5000, DOCUMENTS - offset) }, (_, i) => row(Number(last) + offset + i + 1, commune.id, offset + i + 1, random));
      await pool.query(
        `INSERT INTO document (id, organisation_id, direction, type, status, subject, urgency, security_level, symbol, sender_name, arrival_number, received_at, listed_at, search_text, version) VALUES ?`,
        [rows],
      );
      // The search words, as the API's SearchIndex writes them.
      const terms = rows.flatMap((r) => String(r[13]).split(' ').map((term) => [commune.id, term, r[12], r[0]]));
      await pool.query('INSERT INTO document_term (organisation_id, term, listed_at, document_id) VALUES ?', [terms]);
    }
    console.log(`  seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    const reader = await Client.logIn(base, 'quangtan.vanthu');
    const searches = ['quyet dinh', 'chuyen doi so', 'tiem chung', 'so y te', 'giai phong mat bang', '27/qd', 'thien tai nam 2026', 'nong thon'];
    await reader.get<Page<DocumentSummary>>('/api/documents?direction=incoming');
    // One client alone: the latency a user sees on an idle server.
    const listAlone = await load(1, 3000, (_, i) => reader.get(`/api/documents?direction=incoming&page=${1 + (i % 5)}`));
    const searchAlone = await load(1, 3000, (_, i) => reader.get(`/api/documents?direction=incoming&q=${encodeURIComponent(searches[i % searches.length])}`));
    table.push([`incoming list, one client alone (${listAlone.length} requests)`, `median ${ms(percentile(listAlone, 50))}, p99 ${ms(percentile(listAlone, 99))}`, '']);
    table.push([`search, one client alone (${searchAlone.length} requests)`, `median ${ms(percentile(searchAlone, 50))}, p99 ${ms(percentile(searchAlone, 99))}`, '']);
    const listLatencies = await load(CLIENTS, SECONDS * 1000, (c, i) => reader.get(`/api/documents?direction=incoming&page=${1 + ((c + i) % 5)}`));
    const searchLatencies = await load(CLIENTS, SECONDS * 1000, (c, i) => reader.get(`/api/documents?direction=incoming&q=${encodeURIComponent(searches[(c + i) % searches.length])}`));

    // Baseline: the naive queries on the same rows, same concurrency, straight to MariaDB.
    const naiveList = await load(CLIENTS, SECONDS * 1000, async (c, i) => {
      const offset = ((c + i) % 5) * 20;
      await pool!.query("SELECT * FROM document WHERE organisation_id = ? AND direction = 'incoming' ORDER BY listed_at DESC LIMIT 20 OFFSET ?", [commune.id, offset]);
      await pool!.query("SELECT COUNT(*) AS n FROM document WHERE organisation_id = ? AND direction = 'incoming'", [commune.id]);
    });
    const naiveSearch = await load(CLIENTS, SECONDS * 1000, async (c, i) => {
      const words = fold(searches[(c + i) % searches.length]).split(/\s+/);
      const where = words.map(() => 'search_text LIKE ?').join(' AND ');
      const params = words.map((w) => `%${w}%`);
      await pool!.query(`SELECT * FROM document WHERE organisation_id = ? AND direction = 'incoming' AND ${where} ORDER BY listed_at DESC LIMIT 20`, [commune.id, ...params]);
      await pool!.query(`SELECT COUNT(*) AS n FROM document WHERE organisation_id = ? AND direction = 'incoming' AND ${where}`, [commune.id, ...params]);
    });
    const line = (label: string, ours: number[], naive: number[], target: number) => {
      const p50 = percentile(ours, 50);
      const p99 = percentile(ours, 99);
      table.push([
        `${label} (${CLIENTS} clients, ${ours.length} requests, ${(ours.length / SECONDS).toFixed(0)}/s)`,
        `median ${ms(p50)}, p99 ${ms(p99)}`,
        `target p99 ≤ ${target} ms: ${(p99 / target).toFixed(2)}×; naive SQL p99 ${ms(percentile(naive, 99))} (${(percentile(naive, 99) / p99).toFixed(1)}× ours)`,
      ]);
    };
    line(`incoming list of ${DOCUMENTS.toLocaleString('en')} documents`, listLatencies, naiveList, 50);
    line('search', searchLatencies, naiveSearch, 150);

    console.log('\nbench:dispatch');
    console.log(describeEnvironment(env, [['load average at the end', loadNow()]]));
    console.log('');
    const width = Math.max(...table.map((r) => r[0].length));
    for (const [label, value, note] of table) console.log(`  ${label.padEnd(width)}  ${value.padEnd(28)}  ${note}`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await pool?.end();
    await new Promise((r) => setTimeout(r, 1000));
    // BENCH_KEEP_DB=1 keeps the database for looking at query plans afterwards.
    if (process.env['BENCH_KEEP_DB']) console.log(`Kept database ${db.database}`);
    else await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
