import { DocumentEntity } from '@vanthu/server/data-access';
import { ApiClient, dispatchIssued, issueThroughTheRoute, organisationIdOf } from '@vanthu/server/testing';
import { DocumentDirection, DocumentStatus, DocumentType, Role, SecurityLevel, Urgency } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

export interface Delivered {
  organisationId: number;
  /** The recipient's own incoming copy: the id in its notification's link. */
  documentId: string;
}

export { organisationIdOf, userIdOf } from '@vanthu/server/testing';

export interface Person {
  id: number;
  username: string;
  email: string;
}

/** An organisation with `count` people holding `role` (bulk inserts: benchmarks use thousands). */
export async function organisationWithPeople(dataSource: DataSource, code: string, name: string, role: Role, count: number, parentId: number | null = null): Promise<{ organisationId: number; people: Person[] }> {
  const inserted = await dataSource.query("INSERT INTO organisation (parent_id, path, code, name, kind, abbreviation) VALUES (?, '', ?, ?, 'commune', 'UBND')", [parentId, code, name]);
  const organisationId = Number(inserted.insertId);
  // Under its parent in the tree (a dispatch reaches only organisations of the sender's tree).
  const [parent] = parentId === null ? [] : await dataSource.query('SELECT path FROM organisation WHERE id = ?', [parentId]);
  await dataSource.query('UPDATE organisation SET path = ? WHERE id = ?', [`${parent?.path ?? '/'}${organisationId}/`, organisationId]);
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
 * dispatches it to the organisations of `recipientCodes`. Returns the symbol and each recipient's
 * incoming copy.
 */
export async function dispatchThroughTheRoute(
  api: ApiClient,
  db: DataSource,
  subject: string,
  recipientCodes: string[],
): Promise<{ symbol: string; delivered: Map<string, Delivered> }> {
  const recipientIds = await Promise.all(recipientCodes.map((code) => organisationIdOf(db, code)));
  const issued = await issueThroughTheRoute(api, db, subject, recipientIds);
  const copies = await dispatchIssued(api, issued);
  return {
    symbol: issued.symbol,
    delivered: new Map(recipientCodes.map((code, i) => [code, { organisationId: recipientIds[i], documentId: copies.get(recipientIds[i]) ?? '' }])),
  };
}
