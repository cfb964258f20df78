import { DocumentEntity, OutboxEventType, OutboxService } from '@vanthu/server/data-access';
import { ApiClient, ok } from '@vanthu/server/testing';
import { DocumentDetail, DocumentDirection, DocumentStatus, DocumentType, Role, SecurityLevel, Urgency } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

export interface DispatchInput {
  senderOrganisationId: number;
  /** The clerk who dispatches (never notified of their own dispatch). */
  actorId: number;
  senderName: string;
  symbol: string;
  subject: string;
  deadline?: string | null;
  recipientOrganisationIds: number[];
}

export interface Delivered {
  organisationId: number;
  /** The recipient's own incoming copy: the id in its notification's link. */
  documentId: string;
}

/**
 * What `POST /api/outgoing/:id/dispatch` commits, as far as notifications see it: in one
 * transaction, an incoming copy per recipient organisation and one `document.dispatched` outbox
 * event per recipient for its clerks. Kept in one place so that it can give way to the real
 * dispatch once the routing API lands.
 */
export async function dispatchToOrganisations(dataSource: DataSource, input: DispatchInput): Promise<Delivered[]> {
  const outbox = new OutboxService();
  return dataSource.transaction(async (manager) => {
    const now = new Date();
    const common = {
      type: DocumentType.Plan,
      subject: input.subject,
      urgency: Urgency.Normal,
      securityLevel: SecurityLevel.Normal,
      symbol: input.symbol,
      searchText: input.subject,
      listedAt: now,
    };
    const outgoing = await manager.insert(DocumentEntity, {
      ...common,
      organisationId: input.senderOrganisationId,
      direction: DocumentDirection.Outgoing,
      status: DocumentStatus.Dispatched,
      issuedAt: now,
    });
    const sourceId = String(outgoing.identifiers[0].id);
    const delivered: Delivered[] = [];
    for (const organisationId of input.recipientOrganisationIds) {
      const copy = await manager.insert(DocumentEntity, {
        ...common,
        organisationId,
        direction: DocumentDirection.Incoming,
        status: DocumentStatus.Received,
        receivedAt: now,
        senderOrganisationId: input.senderOrganisationId,
        senderName: input.senderName,
        sourceDocumentId: sourceId,
        deadline: input.deadline ?? null,
      });
      delivered.push({ organisationId, documentId: String(copy.identifiers[0].id) });
    }
    await outbox.emit(
      manager,
      delivered.map((d) => ({
        type: OutboxEventType.DocumentDispatched,
        documentId: d.documentId,
        payload: {
          organisationIds: [d.organisationId],
          roles: [Role.Clerk],
          actorId: input.actorId,
          symbol: input.symbol,
          subject: input.subject,
          senderName: input.senderName,
          deadline: input.deadline ?? null,
        },
      })),
    );
    return delivered;
  });
}

export async function organisationIdOf(dataSource: DataSource, code: string): Promise<number> {
  const [row] = await dataSource.query('SELECT id FROM organisation WHERE code = ?', [code]);
  if (!row) throw new Error(`No organisation ${code}`);
  return Number(row.id);
}

export async function userIdOf(dataSource: DataSource, username: string): Promise<number> {
  const [row] = await dataSource.query('SELECT id FROM `user` WHERE username = ?', [username]);
  if (!row) throw new Error(`No user ${username}`);
  return Number(row.id);
}

export interface Person {
  id: number;
  username: string;
  email: string;
}

/** An organisation with `count` people holding `role` (bulk inserts: benchmarks use thousands). */
export async function organisationWithPeople(dataSource: DataSource, code: string, name: string, role: Role, count: number, parentId: number | null = null): Promise<{ organisationId: number; people: Person[] }> {
  const inserted = await dataSource.query("INSERT INTO organisation (parent_id, path, code, name, kind, abbreviation) VALUES (?, '', ?, ?, 'commune', 'UBND')", [parentId, code, name]);
  const organisationId = Number(inserted.insertId);
  await dataSource.query('UPDATE organisation SET path = ? WHERE id = ?', [`/${organisationId}/`, organisationId]);
  return { organisationId, people: await addPeople(dataSource, organisationId, `${code}.nguoi`, role, count) };
}

/** People holding `role` in an organisation, named `${prefix}1`, `${prefix}2`, …, each with an e-mail address. */
export async function addPeople(dataSource: DataSource, organisationId: number, prefix: string, role: Role, count: number): Promise<Person[]> {
  const usernames = Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
  for (let start = 0; start < count; start += 500) {
    const batch = usernames.slice(start, start + 500);
    await dataSource.query(
      `INSERT INTO \`user\` (organisation_id, username, full_name, position, email, password_hash) VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      batch.flatMap((username, i) => [organisationId, username, `Nguyễn Thị Ánh ${start + i + 1}`, role === Role.Leader ? 'Chủ tịch' : 'Văn thư', `${username}@tuyduc.example`, 'x']),
    );
  }
  const rows: Array<{ id: number; username: string; email: string }> = await dataSource.query('SELECT id, username, email FROM `user` WHERE username IN (?) ORDER BY id', [usernames]);
  for (let start = 0; start < rows.length; start += 500) {
    const batch = rows.slice(start, start + 500);
    await dataSource.query(`INSERT INTO user_role (user_id, role, organisation_id) VALUES ${batch.map(() => '(?, ?, ?)').join(', ')}`, batch.flatMap((r) => [r.id, role, organisationId]));
  }
  return rows.map((r) => ({ id: Number(r.id), username: r.username, email: r.email }));
}

export interface AssignmentInput {
  organisationId: number;
  assignedBy: number;
  deadline: string;
  subject: string;
  symbol: string;
  assignees: Array<{ role: 'lead' | 'coordinate' | 'inform'; userId?: number; organisationId?: number; completed?: boolean }>;
}

/** An incoming document assigned with a deadline, as the routing API's assign step leaves it. */
export async function assignIncoming(dataSource: DataSource, input: AssignmentInput): Promise<{ documentId: string; assigneeIds: string[] }> {
  return dataSource.transaction(async (manager) => {
    const now = new Date();
    const document = await manager.insert(DocumentEntity, {
      organisationId: input.organisationId,
      direction: DocumentDirection.Incoming,
      type: DocumentType.Plan,
      status: DocumentStatus.InProgress,
      subject: input.subject,
      urgency: Urgency.Normal,
      securityLevel: SecurityLevel.Normal,
      symbol: input.symbol,
      senderName: 'UBND huyện Tuy Đức',
      searchText: input.subject,
      listedAt: now,
      receivedAt: now,
      deadline: input.deadline,
    });
    const documentId = String(document.identifiers[0].id);
    const assignment = await manager.query('INSERT INTO assignment (document_id, assigned_by, assigned_at, deadline) VALUES (?, ?, UTC_TIMESTAMP(3), ?)', [documentId, input.assignedBy, input.deadline]);
    const assigneeIds: string[] = [];
    for (const a of input.assignees) {
      const row = await manager.query(
        'INSERT INTO assignee (assignment_id, document_id, role, organisation_id, user_id, status, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [assignment.insertId, documentId, a.role, a.organisationId ?? null, a.userId ?? null, a.completed ? 'completed' : 'assigned', a.completed ? now : null],
      );
      assigneeIds.push(String(row.insertId));
    }
    return { documentId, assigneeIds };
  });
}

/**
 * A Kế hoạch taken through the real routing API, as the people do it: Phòng Nội vụ drafts it in
 * the name of UBND huyện, its head approves, the chairman signs, the district clerk issues and
 * dispatches it to `recipientIds`. Returns the symbol and each recipient's incoming copy.
 */
export async function dispatchThroughTheRoute(
  api: ApiClient,
  db: DataSource,
  subject: string,
  recipientCodes: string[],
): Promise<{ symbol: string; delivered: Map<string, Delivered> }> {
  const as = (username: string) => api.logIn(username);
  const recipientIds = await Promise.all(recipientCodes.map((code) => organisationIdOf(db, code)));
  const drafter = await as('tuyduc-nv.chuyenvien1');
  const draft = await ok(
    api.call<DocumentDetail>('POST', '/api/outgoing', drafter, {
      type: DocumentType.Plan,
      subject,
      urgency: Urgency.Normal,
      securityLevel: SecurityLevel.Normal,
      issuingOrganisationId: await organisationIdOf(db, 'tuyduc'),
      recipientIds,
      signerId: await userIdOf(db, 'tuyduc.lanhdao'),
      signingLine: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
    }),
  );
  await ok(api.call('POST', `/api/outgoing/${draft.id}/files/generate`, drafter, {}));
  await ok(api.call('POST', `/api/outgoing/${draft.id}/submit`, drafter, { reviewerIds: [await userIdOf(db, 'tuyduc-nv.lanhdao')] }));
  await ok(api.call('POST', `/api/outgoing/${draft.id}/review`, await as('tuyduc-nv.lanhdao'), { decision: 'approve' }));
  await ok(api.call('POST', `/api/outgoing/${draft.id}/sign`, await as('tuyduc.lanhdao'), { pin: '123456' }));
  const clerk = await as('tuyduc.vanthu');
  const issued = await ok(api.call<DocumentDetail>('POST', `/api/outgoing/${draft.id}/issue`, clerk, { pin: '123456' }));
  const dispatched = await ok(api.call<DocumentDetail>('POST', `/api/outgoing/${draft.id}/dispatch`, clerk, {}));
  const byId = new Map(dispatched.deliveries.map((d) => [d.recipient.id, String(d.incomingDocumentId)]));
  return {
    symbol: issued.symbol ?? '',
    delivered: new Map(recipientCodes.map((code, i) => [code, { organisationId: recipientIds[i], documentId: byId.get(recipientIds[i]) ?? '' }])),
  };
}
