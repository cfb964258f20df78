/**
 * The naive baseline of bench:dispatch --open-loop, served over HTTP like the API: the same routes
 * (/api/documents, /api/documents/counts, /api/documents/:id) answered with the naive SQL — exact
 * COUNT(*), OFFSET paging, LIKE '%…%' on the folded search text, one query per queue — after the
 * same session look-up the API makes. A bare node:http server on one mysql2 pool, one process:
 * what "just write the obvious queries" costs, through an HTTP stack at least as light as ours.
 *
 * Started by the benchmark: PORT, DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME, DB_POOL_SIZE.
 */
import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

import { createPool, RowDataPacket } from 'mysql2/promise';

const env = process.env;
const pool = createPool({
  host: env['DB_HOST'] ?? '127.0.0.1',
  port: Number(env['DB_PORT'] ?? 3306),
  user: env['DB_USER'] ?? 'root',
  password: env['DB_PASSWORD'] ?? '',
  database: env['DB_NAME'],
  connectionLimit: Number(env['DB_POOL_SIZE'] ?? 20),
  timezone: 'Z',
  supportBigNumbers: true,
  bigNumberStrings: true,
});

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

async function rows(sql: string, params: unknown[]): Promise<RowDataPacket[]> {
  const [result] = await pool.query<RowDataPacket[]>(sql, params);
  return result;
}

interface Who {
  id: number;
  organisationId: number;
}

async function session(request: IncomingMessage): Promise<Who | null> {
  const token = /(?:^|;\s*)vanthu_session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  if (!token) return null;
  const [row] = await rows(
    `SELECT u.id AS user_id, u.organisation_id,
            (SELECT GROUP_CONCAT(r.role) FROM user_role r WHERE r.user_id = u.id) AS roles
       FROM session s JOIN \`user\` u ON u.id = s.user_id AND u.active = 1
       JOIN organisation o ON o.id = u.organisation_id AND o.active = 1
      WHERE s.id = ? AND s.expires_at > UTC_TIMESTAMP(3)`,
    [createHash('sha256').update(decodeURIComponent(token)).digest('hex')],
  );
  return row ? { id: Number(row['user_id']), organisationId: Number(row['organisation_id']) } : null;
}

async function list(who: Who, query: URLSearchParams): Promise<unknown> {
  const page = Math.max(1, Number(query.get('page') ?? 1));
  const where = ['organisation_id = ?'];
  const params: unknown[] = [who.organisationId];
  const direction = query.get('direction');
  if (direction) {
    where.push('direction = ?');
    params.push(direction);
  }
  for (const word of fold(query.get('q') ?? '').split(/[^a-z0-9/]+/).filter(Boolean)) {
    where.push('search_text LIKE ?');
    params.push(`%${word}%`);
  }
  const [items, [count]] = await Promise.all([
    rows(`SELECT * FROM document WHERE ${where.join(' AND ')} ORDER BY listed_at DESC, id DESC LIMIT 20 OFFSET ?`, [...params, (page - 1) * 20]),
    rows(`SELECT COUNT(*) AS n FROM document WHERE ${where.join(' AND ')}`, params),
  ]);
  return { items, total: Number(count['n']), page, pageSize: 20 };
}

async function counts(who: Who): Promise<unknown> {
  const org = who.organisationId;
  const me = who.id;
  const queues: Record<string, [string, unknown[]]> = {
    awaitingMySignature: ["signer_id = ? AND status = 'awaiting-signature'", [me]],
    awaitingMyReview: ["status = 'in-review' AND id IN (SELECT document_id FROM review_step WHERE reviewer_id = ? AND status = 'pending')", [me]],
    awaitingMyAssignment: ["submitted_to = ? AND status = 'submitted'", [me]],
    incomingToRegister: ["organisation_id = ? AND direction = 'incoming' AND status = 'received'", [org]],
    outgoingToIssue: ["organisation_id = ? AND direction = 'outgoing' AND status = 'signed'", [org]],
    outgoingToDispatch: ["organisation_id = ? AND direction = 'outgoing' AND status = 'issued'", [org]],
    myReturnedDrafts: ["created_by = ? AND status = 'returned'", [me]],
    myOpenAssignments: ["status = 'in-progress' AND id IN (SELECT document_id FROM assignee WHERE user_id = ? AND status <> 'completed')", [me]],
    overdue: ["organisation_id = ? AND direction = 'incoming' AND deadline < CURRENT_DATE AND status IN ('received', 'registered', 'submitted', 'in-progress')", [org]],
  };
  const entries = await Promise.all(Object.entries(queues).map(async ([key, [where, params]]) => [key, Number((await rows(`SELECT COUNT(*) AS n FROM document WHERE ${where}`, params))[0]['n'])]));
  return Object.fromEntries(entries);
}

async function detail(who: Who, id: string): Promise<unknown> {
  const [document] = await rows('SELECT * FROM document WHERE id = ? AND organisation_id = ?', [id, who.organisationId]);
  if (!document) return null;
  const [files, history] = await Promise.all([
    rows('SELECT id, name, role, sha256 FROM document_file WHERE document_id = ?', [id]),
    rows("SELECT * FROM audit_record WHERE entity_type = 'document' AND entity_id = ? ORDER BY id", [id]),
  ]);
  return { ...document, files, history };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  (async () => {
    if (url.pathname === '/api/health') return send(response, 200, { status: 'ok' });
    const who = await session(request);
    if (!who) return send(response, 401, { code: 'UNAUTHENTICATED' });
    if (url.pathname === '/api/documents') return send(response, 200, await list(who, url.searchParams));
    if (url.pathname === '/api/documents/counts') return send(response, 200, await counts(who));
    const id = /^\/api\/documents\/(\d+)$/.exec(url.pathname)?.[1];
    if (id) {
      const found = await detail(who, id);
      return found ? send(response, 200, found) : send(response, 404, { code: 'NOT_FOUND' });
    }
    send(response, 404, { code: 'NOT_FOUND' });
  })().catch((error: unknown) => send(response, 500, { message: String(error) }));
});
server.keepAliveTimeout = 65_000;
server.listen(Number(env['PORT']), env['HOST'] ?? '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
