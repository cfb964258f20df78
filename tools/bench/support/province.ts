/**
 * npm run bench:province (= npm run bench:dispatch -- --open-loop) — a province's registers under
 * an open-loop load.
 *
 * A province tree (UBND tỉnh, its office, 20 departments, 100 communes; a clerk, a leader and two
 * specialists in each) holding BENCH_DOCUMENTS documents (default 1,000,000), written with bulk SQL
 * (LOAD DATA from generated rows: documents, their search words, assignments), not through the API.
 * Requests then arrive at fixed rates (BENCH_RATES, default 100, 200, 400, 800 per second) for
 * BENCH_SECONDS each, due by the clock whatever the answers do, with latency counted from the due
 * time: list 50 %, search 20 %, detail 20 %, counts 10 %, each by one of the 484 users of the
 * 122 organisations. The same schedule is run against the naive baseline (./naive-api.ts: the API
 * booted as in production — Nest, helmet, compression, the session guard and rate limit — with one
 * more controller that answers the same four kinds with the obvious SQL under /api/naive/documents),
 * against one API process, and against two API processes on their own ports with the requests
 * alternated. Every request asks for `accept-encoding: gzip, br`, as browsers do.
 *
 * BENCH_KEEP_DB=1 keeps the database (for EXPLAIN); DB_POOL_SIZE sets each API process's pool;
 * DB_HOST/DB_PORT point it at another MariaDB (e.g. a private one whose buffer pool holds the
 * data: at 1,000,000 documents the registers and their indexes take about 3.6 GB).
 */
import { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { Readable } from 'node:stream';

import { createConnection, Connection, RowDataPacket } from 'mysql2/promise';

import { DB, describeEnvironment, environment, freePort, loadNow, mib, ms, OpenLoopResult, openLoop, percentile, scratch, startProcess, waitFor } from './bench-kit';
import { SENDERS, tokens, TYPES, WORDS } from './corpus';

const DOCUMENTS = Number(process.env['BENCH_DOCUMENTS'] ?? 1_000_000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const RATES = (process.env['BENCH_RATES'] ?? '100,200,400,800').split(',').map(Number);
const TARGET_P99_MS = 50;
const DEPARTMENTS = 20;
const COMMUNES = 100;
const BATCH = 50_000;

interface Unit {
  id: number;
  kind: 'province' | 'office' | 'department' | 'commune';
  /** Share of the province's documents. */
  weight: number;
  clerk: number;
  leader: number;
  specialists: [number, number];
  /** The unit's documents are ids first..last. */
  first: number;
  last: number;
}

interface Reader {
  userId: number;
  unit: Unit;
  cookie: string;
}

/** mulberry32: a small, well-spread generator, so that runs are repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sqlTime = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');
const sqlDate = (date: Date) => date.toISOString().slice(0, 10);
const N = '\\N';

/** LOAD DATA LOCAL INFILE from rows made on the fly (tab-separated, \N for NULL). */
async function loadRows(connection: Connection, table: string, columns: string[], rows: Iterable<Array<string | number | null>>): Promise<void> {
  function* lines(): Generator<Buffer> {
    let chunk: string[] = [];
    for (const r of rows) {
      chunk.push(r.map((v) => (v === null ? N : String(v))).join('\t'));
      if (chunk.length === 2000) {
        yield Buffer.from(`${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length) yield Buffer.from(`${chunk.join('\n')}\n`);
  }
  await connection.query({
    sql: `LOAD DATA LOCAL INFILE 'rows' INTO TABLE \`${table}\` CHARACTER SET utf8mb4 (${columns.join(', ')})`,
    infileStreamFactory: () => Readable.from(lines()),
  });
}

/** Organisations, users, their roles and a session each: the readers of the load. */
async function seedProvince(connection: Connection): Promise<{ units: Unit[]; readers: Reader[] }> {
  const [[admin]] = (await connection.query("SELECT password_hash FROM `user` WHERE username = 'admin'")) as unknown as [[{ password_hash: string }]];
  const [[{ lastOrg }]] = (await connection.query('SELECT MAX(id) AS lastOrg FROM organisation')) as unknown as [[{ lastOrg: number }]];
  const [[{ lastUser }]] = (await connection.query('SELECT MAX(id) AS lastUser FROM `user`')) as unknown as [[{ lastUser: number }]];
  const root = Number(lastOrg) + 1;
  const kinds: Array<Unit['kind']> = ['province', 'office', ...Array<Unit['kind']>(DEPARTMENTS).fill('department'), ...Array<Unit['kind']>(COMMUNES).fill('commune')];
  // UBND tỉnh 10 %, its office 4 %, each department 2.3 %, each commune 0.4 %.
  const weights = { province: 0.1, office: 0.04, department: 0.46 / DEPARTMENTS, commune: 0.4 / COMMUNES };
  let userId = Number(lastUser);
  const units: Unit[] = kinds.map((kind, i) => ({ id: root + i, kind, weight: weights[kind], clerk: ++userId, leader: ++userId, specialists: [++userId, ++userId], first: 0, last: -1 }));
  const names = { province: 'UBND tỉnh Thử Nghiệm', office: 'Văn phòng UBND tỉnh', department: 'Sở', commune: 'UBND xã' };
  await connection.query(
    'INSERT INTO organisation (id, parent_id, path, code, name, kind, abbreviation, active) VALUES ?',
    [units.map((u, i) => [u.id, i === 0 ? null : root, i === 0 ? `/${root}/` : `/${root}/${u.id}/`, `bp-${i}`, `${names[u.kind]} ${i || ''}`.trim(), u.kind, `BP${i}`, 1])],
  );
  const people = units.flatMap((u, i) => [
    [u.clerk, u.id, `bp${i}.vanthu`, 'Văn thư', 'Văn thư', 'clerk'],
    [u.leader, u.id, `bp${i}.lanhdao`, 'Lãnh đạo', 'Chủ tịch', 'leader'],
    [u.specialists[0], u.id, `bp${i}.chuyenvien1`, 'Chuyên viên', 'Chuyên viên', 'specialist'],
    [u.specialists[1], u.id, `bp${i}.chuyenvien2`, 'Chuyên viên', 'Chuyên viên', 'specialist'],
  ]);
  await connection.query('INSERT INTO `user` (id, organisation_id, username, full_name, position, password_hash, active) VALUES ?', [people.map(([id, org, username, name, position]) => [id, org, username, name, position, admin.password_hash, 1])]);
  await connection.query('INSERT INTO user_role (user_id, role, organisation_id) VALUES ?', [people.map(([id, org, , , , role]) => [id, role, org])]);
  const expires = sqlTime(new Date(Date.now() + 86_400_000));
  const readers: Reader[] = [];
  const sessions = people.map(([id, org]) => {
    const token = randomBytes(32).toString('base64url');
    readers.push({ userId: Number(id), unit: units.find((u) => u.id === org) as Unit, cookie: `vanthu_session=${token}` });
    return [createHash('sha256').update(token).digest('hex'), id, randomBytes(32).toString('base64url'), sqlTime(new Date()), expires];
  });
  await connection.query('INSERT INTO session (id, user_id, csrf_token, created_at, expires_at) VALUES ?', [sessions]);
  return { units, readers };
}

/** A register's worth of documents for each unit, with their search words and (incoming) assignments. */
async function seedDocuments(connection: Connection, units: Unit[]): Promise<void> {
  const random = seeded(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const [[{ lastDoc }]] = (await connection.query('SELECT COALESCE(MAX(id), 0) AS lastDoc FROM document')) as unknown as [[{ lastDoc: number }]];
  const [[{ lastAssignment }]] = (await connection.query('SELECT COALESCE(MAX(id), 0) AS lastAssignment FROM assignment')) as unknown as [[{ lastAssignment: number }]];
  await connection.query('SET unique_checks = 0, foreign_key_checks = 0');
  let id = Number(lastDoc);
  let assignmentId = Number(lastAssignment);
  const departments = units.filter((u) => u.kind === 'department');
  const today = Date.UTC(2026, 10, 30);
  const span = 700 * 86_400_000;

  type Row = Array<string | number | null>;
  let documents: Row[] = [];
  let terms: Row[] = [];
  let assignments: Row[] = [];
  let assignees: Row[] = [];
  const flush = async () => {
    await loadRows(connection, 'document', DOCUMENT_COLUMNS, documents);
    await loadRows(connection, 'document_term', ['organisation_id', 'term', 'listed_at', 'document_id'], terms);
    await loadRows(connection, 'assignment', ['id', 'document_id', 'assigned_by', 'assigned_at', 'deadline'], assignments);
    await loadRows(connection, 'assignee', ['assignment_id', 'document_id', 'role', 'organisation_id', 'user_id', 'status', 'completed_at'], assignees);
    documents = [];
    terms = [];
    assignments = [];
    assignees = [];
  };

  for (const unit of units) {
    const count = Math.max(1, Math.round(DOCUMENTS * unit.weight));
    unit.first = id + 1;
    for (let n = 1; n <= count; n++) {
      id++;
      // Oldest first, so ids and listed_at rise together as they do in a live register.
      const listedAt = new Date(today - span + Math.floor(((n - 1 + random()) / count) * span));
      const recent = today - listedAt.getTime() < 30 * 86_400_000;
      const incoming = random() < 0.65;
      const [type, abbr, name] = pick(TYPES);
      const subject = `${name} về ${pick(WORDS)} và ${pick(WORDS)} năm ${listedAt.getUTCFullYear()} (${n})`;
      const symbol = `${(n % 900) + 1}/${abbr ? `${abbr}-` : ''}${incoming ? 'UBND' : `BP${units.indexOf(unit)}`}`;
      const sender = incoming ? pick(SENDERS) : null;
      const r = random();
      // Most of a register is done with; what is still open is recent.
      const status = incoming
        ? recent
          ? pick(['received', 'registered', 'submitted', 'in-progress', 'in-progress', 'completed'])
          : r < 0.02
            ? 'in-progress'
            : 'completed'
        : recent
          ? pick(['draft', 'in-review', 'returned', 'awaiting-signature', 'signed', 'issued', 'dispatched', 'dispatched'])
          : 'dispatched';
      const assigned = incoming && (status === 'in-progress' || status === 'completed');
      const deadline = assigned ? sqlDate(new Date(listedAt.getTime() + 15 * 86_400_000)) : null;
      const drafter = pick(unit.specialists);
      const words = tokens(`${name} ${symbol} ${subject} ${sender ?? ''} ${incoming ? n : ''}`);
      documents.push([
        id,
        unit.id,
        incoming ? 'incoming' : 'outgoing',
        type,
        status,
        subject,
        random() < 0.1 ? 'khan' : 'thuong',
        'thuong',
        symbol,
        sqlDate(listedAt),
        incoming ? null : unit.id,
        incoming ? unit.clerk : drafter,
        incoming ? null : unit.leader,
        incoming ? n : null,
        incoming ? sqlTime(listedAt) : null,
        sender,
        status === 'submitted' ? unit.leader : null,
        deadline,
        words,
        sqlTime(listedAt),
        1,
      ]);
      for (const term of words.split(' ')) terms.push([unit.id, term, sqlTime(listedAt), id]);
      if (assigned) {
        assignmentId++;
        assignments.push([assignmentId, id, unit.leader, sqlTime(listedAt), deadline]);
        const done = status === 'completed';
        const state = done ? 'completed' : 'in-progress';
        const completedAt = done ? sqlTime(new Date(listedAt.getTime() + 5 * 86_400_000)) : null;
        // The province hands some of its documents to a department; everyone else to a specialist.
        if (unit.kind === 'province' && random() < 0.5) assignees.push([assignmentId, id, 'lead', pick(departments).id, null, state, completedAt]);
        else assignees.push([assignmentId, id, 'lead', unit.id, drafter, state, completedAt]);
      }
      if (documents.length === BATCH) await flush();
    }
    unit.last = id;
  }
  await flush();
  await connection.query('SET unique_checks = 1, foreign_key_checks = 1');
  await connection.query('ANALYZE TABLE document, document_term, assignment, assignee');
}

const DOCUMENT_COLUMNS = [
  'id',
  'organisation_id',
  'direction',
  'type',
  'status',
  'subject',
  'urgency',
  'security_level',
  'symbol',
  'document_date',
  'drafting_unit_id',
  'created_by',
  'signer_id',
  'arrival_number',
  'received_at',
  'sender_name',
  'submitted_to',
  'deadline',
  'search_text',
  'listed_at',
  'version',
];

type Kind = 'list' | 'search' | 'detail' | 'counts';
const KINDS: Kind[] = ['list', 'search', 'detail', 'counts'];

const SEARCHES = ['quyết định', 'chuyển đổi số', 'tiêm chủng', 'sở y tế', 'giải phóng mặt bằng', 'kế hoạch thuế', 'thiên tai năm 2026', 'nông thôn mới', 'báo cáo du lịch', 'giấy mời'];

/** The i-th request of the mix: its path and its reader. */
function requestOf(readers: Reader[], i: number): { path: string; reader: Reader; kind: Kind } {
  const random = seeded(1 + i * 7919);
  random();
  const reader = readers[Math.floor(random() * readers.length)];
  const r = random();
  const page = 1 + Math.floor(random() * random() * 3);
  const direction = pick3(random(), ['direction=incoming&', 'direction=outgoing&', '']);
  if (r < 0.5) return { reader, kind: 'list', path: `/api/documents?${direction}page=${page}` };
  if (r < 0.7) return { reader, kind: 'search', path: `/api/documents?${direction}q=${encodeURIComponent(SEARCHES[Math.floor(random() * SEARCHES.length)])}` };
  if (r < 0.9) return { reader, kind: 'detail', path: `/api/documents/${reader.unit.first + Math.floor(random() * (reader.unit.last - reader.unit.first + 1))}` };
  return { reader, kind: 'counts', path: '/api/documents/counts' };
}

function pick3<T>(r: number, [a, b, c]: [T, T, T]): T {
  return r < 0.5 ? a : r < 0.75 ? b : c;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1024 });

/** The naive baseline answers the same requests under /api/naive/documents (./naive-api.ts). */
const NAIVE = (path: string) => path.replace(/^\/api\/documents/, '/api/naive/documents');
const SAME = (path: string) => path;

function get(port: number, path: string, cookie: string, timeoutMs = 30_000): Promise<boolean> {
  return new Promise((resolveRequest) => {
    // As a browser asks: the answers come back compressed, and compressing them is part of the cost.
    const headers = { cookie, 'accept-encoding': 'gzip, br' };
    const req = request({ host: '127.0.0.1', port, path, headers, agent, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on('end', () => resolveRequest(response.statusCode === 200));
      response.on('error', () => resolveRequest(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolveRequest(false));
    req.end();
  });
}

interface Target {
  label: string;
  ports: number[];
  /** Where this target answers a request of the mix (the naive baseline has its own routes). */
  route: (path: string) => string;
  results: OpenLoopResult[];
  skipped: number[];
  /** Median latency of each kind of request, one at a time (the service time, without queueing). */
  alone: Map<Kind, number>;
}

/** One request at a time through the mix: what each kind costs when nothing waits. */
async function serviceTimes(target: Target, readers: Reader[], count = 200): Promise<void> {
  const times = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  for (let i = 0; i < count; i++) {
    const { path, reader, kind } = requestOf(readers, 5_000_000 + i);
    const started = performance.now();
    await get(target.ports[i % target.ports.length], target.route(path), reader.cookie);
    times.get(kind)?.push(performance.now() - started);
  }
  for (const [kind, list] of times) target.alone.set(kind, percentile(list.sort((a, b) => a - b), 50));
}

/**
 * Waits until the database runs no query of the benchmark's for 2 s in a row (at most 180 s): a
 * saturated rate leaves requests the clients gave up on still running in the API and in MariaDB,
 * and the next measurement must not start on top of them.
 */
async function settle(database: string): Promise<void> {
  const connection = await createConnection({ ...DB, timezone: 'Z' });
  const started = performance.now();
  try {
    let quiet = 0;
    while (quiet < 8 && performance.now() - started < 180_000) {
      const [[{ running }]] = (await connection.query(
        "SELECT COUNT(*) AS running FROM information_schema.PROCESSLIST WHERE DB = ? AND COMMAND = 'Query' AND ID <> CONNECTION_ID()",
        [database],
      )) as unknown as [[{ running: number }]];
      quiet = Number(running) === 0 ? quiet + 1 : 0;
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await connection.end();
  }
  const waited = (performance.now() - started) / 1000;
  if (waited > 3) console.log(`  (waited ${waited.toFixed(0)} s for the previous load to drain)`);
}

async function runTarget(target: Target, readers: Reader[], database: string): Promise<void> {
  let offset = 0;
  const call = (i: number) => {
    const { path, reader } = requestOf(readers, offset + i);
    return get(target.ports[i % target.ports.length], target.route(path), reader.cookie);
  };
  await settle(database);
  // A short warm-up: the processes' first requests compile their code paths.
  await openLoop(50, 3000, call);
  offset += 1_000_000;
  await serviceTimes(target, readers);
  console.log(`  ${target.label}, one request at a time: ${KINDS.map((k) => `${k} ${ms(target.alone.get(k) ?? NaN)}`).join(', ')}`);
  for (const rate of RATES) {
    const previous = target.results.at(-1);
    if (previous && (previous.achieved < previous.rate * 0.8 || percentile(previous.latencies, 50) > 2000)) {
      target.skipped.push(rate);
      continue;
    }
    await settle(database);
    const loadBefore = loadNow();
    const result = await openLoop(rate, SECONDS * 1000, call, 15_000);
    offset += 1_000_000;
    target.results.push(result);
    console.log(
      `  ${target.label} at ${rate}/s: achieved ${result.achieved.toFixed(0)}/s, p50 ${ms(percentile(result.latencies, 50))}, p99 ${ms(percentile(result.latencies, 99))}, max ${ms(result.latencies.at(-1) ?? NaN)}, failed ${result.failed}, sender lag ≤ ${ms(result.worstSendLag)}, load ${loadBefore} → ${loadNow()}`,
    );
    await new Promise((r) => setTimeout(r, 2000));
  }
}

export async function province(): Promise<void> {
  const env = await environment();
  const ports = [await freePort(), await freePort(), await freePort()];
  const db = await scratch('province', ports[0]);
  const children: ChildProcess[] = [];
  const targets: Target[] = [];
  let dataSize = '';
  let dataBytes = NaN;
  // Should this process die of an uncaught error, what it started dies with it.
  process.once('exit', () => children.forEach((child) => child.kill('SIGTERM')));
  try {
    console.log(`Starting the API on port ${ports[0]} (database ${db.database}) …`);
    children.push(startProcess('apps/api/src/main.ts', db.env, 'api-1'));
    await waitFor('the API', async () => (await fetch(`http://127.0.0.1:${ports[0]}/api/health`)).status === 200, 600_000, 500);

    const connection = await createConnection({ ...DB, database: db.database, timezone: 'Z' });
    console.log(`Seeding a province of ${2 + DEPARTMENTS + COMMUNES} organisations and ${DOCUMENTS.toLocaleString('en')} documents with bulk SQL …`);
    const seedStarted = performance.now();
    const { units, readers } = await seedProvince(connection);
    await seedDocuments(connection, units);
    const [sizes] = await connection.query<RowDataPacket[]>(
      `SELECT table_name AS name, table_rows AS n, data_length + index_length AS bytes FROM information_schema.tables
        WHERE table_schema = ? AND table_name IN ('document', 'document_term', 'assignee', 'assignment') ORDER BY bytes DESC`,
      [db.database],
    );
    const [[{ total }]] = (await connection.query('SELECT SUM(data_length + index_length) AS total FROM information_schema.tables WHERE table_schema = ?', [db.database])) as unknown as [[{ total: number }]];
    await connection.end();
    dataBytes = Number(total);
    dataSize = `${mib(Number(total))} (${sizes.map((s) => `${s['name']} ~${Number(s['n']).toLocaleString('en')} rows ${mib(Number(s['bytes']))}`).join(', ')})`;
    console.log(`  seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; data and indexes ${dataSize}`);

    console.log('Starting the naive baseline (the API with the naive controller) …');
    const naiveEnv = { ...db.env, PORT: String(ports[2]), SEED_DEMO: 'false' };
    children.push(startProcess('tools/bench/support/naive-api.ts', naiveEnv, 'naive'));
    await waitFor('the naive baseline', async () => (await fetch(`http://127.0.0.1:${ports[2]}/api/health`)).status === 200, 600_000, 500);
    for (const [port, route] of [[ports[0], SAME], [ports[2], NAIVE]] as const) {
      const probe = readers[0];
      for (const path of ['/api/documents?page=1', `/api/documents/${probe.unit.first}`, '/api/documents/counts', '/api/documents?q=k%E1%BA%BF%20ho%E1%BA%A1ch']) {
        if (!(await get(port, route(path), probe.cookie))) throw new Error(`GET ${route(path)} on port ${port} failed`);
      }
      // Without a session both stacks refuse alike: the naive routes are behind the same guard.
      if (await get(port, route('/api/documents/counts'), '')) throw new Error(`GET ${route('/api/documents/counts')} on port ${port} answered without a session`);
    }

    targets.push({ label: 'naive SQL, 1 process', ports: [ports[2]], route: NAIVE, results: [], skipped: [], alone: new Map() });
    targets.push({ label: 'ours, 1 API process', ports: [ports[0]], route: SAME, results: [], skipped: [], alone: new Map() });
    console.log(`Open loop: ${SECONDS} s per rate; list 50 %, search 20 %, detail 20 %, counts 10 %, ${readers.length} users in ${units.length} organisations`);
    await runTarget(targets[0], readers, db.database);
    children[1].kill('SIGTERM');
    await runTarget(targets[1], readers, db.database);

    const second = await freePort();
    children.push(startProcess('apps/api/src/main.ts', { ...db.env, PORT: String(second), SEED_DEMO: 'false' }, 'api-2'));
    await waitFor('the second API process', async () => (await fetch(`http://127.0.0.1:${second}/api/health`)).status === 200, 600_000, 500);
    targets.push({ label: 'ours, 2 API processes', ports: [ports[0], second], route: SAME, results: [], skipped: [], alone: new Map() });
    await runTarget(targets[2], readers, db.database);

    console.log(`\nbench:dispatch --open-loop — ${DOCUMENTS.toLocaleString('en')} documents, ${units.length} organisations, ${readers.length} users, ${SECONDS} s per rate`);
    console.log(describeEnvironment(env, [
      ['load average at the end', loadNow()],
      ['data and indexes', dataSize],
      ['buffer pool / data and indexes', `${((100 * env.bufferPoolBytes) / dataBytes).toFixed(0)} %${env.bufferPoolBytes < dataBytes ? ': the registers do not fit in memory, reads go to disk (or the OS cache)' : ''}`],
      ['API DB pool per process', db.env['DB_POOL_SIZE']],
    ]));
    console.log('\n  target                    rate/s  achieved/s      p50        p99        max   failed');
    for (const target of targets) {
      for (const r of target.results) {
        console.log(
          `  ${target.label.padEnd(24)} ${String(r.rate).padStart(6)}  ${r.achieved.toFixed(0).padStart(10)}  ${ms(percentile(r.latencies, 50)).padStart(9)}  ${ms(percentile(r.latencies, 99)).padStart(9)}  ${ms(r.latencies.at(-1) ?? NaN).padStart(9)}  ${String(r.failed).padStart(6)}`,
        );
      }
      for (const rate of target.skipped) console.log(`  ${target.label.padEnd(24)} ${String(rate).padStart(6)}  not run: saturated at a lower rate`);
    }
    console.log('\n  median latency one request at a time (service time, no queue):');
    for (const target of targets) console.log(`    ${target.label.padEnd(24)} ${KINDS.map((k) => `${k} ${ms(target.alone.get(k) ?? NaN)}`).join(', ')}`);
    console.log(`\n  highest rate with p99 ≤ ${TARGET_P99_MS} ms (and ≥ 95 % of it achieved, nothing failed):`);
    for (const target of targets) {
      const passing = target.results.filter((r) => percentile(r.latencies, 99) <= TARGET_P99_MS && r.achieved >= r.rate * 0.95 && r.failed === 0);
      const best = passing.at(-1);
      console.log(`    ${target.label.padEnd(24)} ${best ? `${best.rate}/s` : `none of ${RATES.join(', ')}/s`}`);
    }
    console.log('\n  naive ÷ ours at each rate both ran (p50, p99; above 1 = ours faster):');
    for (const target of targets.slice(1)) {
      const pairs = target.results.flatMap((r) => {
        const naive = targets[0].results.find((n) => n.rate === r.rate);
        if (!naive) return [];
        const ratio = (p: number) => (percentile(naive.latencies, p) / percentile(r.latencies, p)).toFixed(1);
        return [`${r.rate}/s ${ratio(50)}×, ${ratio(99)}×`];
      });
      console.log(`    ${target.label.padEnd(24)} ${pairs.join('; ') || 'no rate in common'}`);
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    if (process.env['BENCH_KEEP_DB']) console.log(`Kept database ${db.database}`);
    else await db.drop();
  }
}
