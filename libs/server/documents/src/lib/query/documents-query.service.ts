import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, NotFound } from '@vanthu/server/core';
import { AuditService, DocumentEntity, DocumentFileEntity, escapeLike, inTransaction, startsWithPattern } from '@vanthu/server/data-access';
import { SignatureAcceptance, storedVerificationOf } from '@vanthu/server/signing';
import {
  FileAccessAction,
  DocumentDetail,
  DocumentDirection,
  DocumentListQuery,
  DocumentSort,
  DocumentStatus,
  DocumentSummary,
  Page,
  Permission,
  SortOrder,
  VerificationView,
  WorkCounts,
  WorkQueue,
} from '@vanthu/shared/contracts';
import { addCalendarDays, startOfVietnamDay, toIsoDate } from '@vanthu/shared/domain';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

import { DocumentFiles } from '../files/document-files.service';
import { FileAccessLog } from '../files/file-access-log';
import { IncomingService } from '../incoming/incoming.service';
import { notOthersUnsentDraft } from '../shared/document-access';
import { DocumentStore, toSummary, toVerificationView } from '../shared/document-store';
import { SearchTerm, searchTermsOf } from '../shared/search-text';

const FILE_TEXT = { vi: 'Tệp', en: 'The file' };
const OPEN_INCOMING = [DocumentStatus.Received, DocumentStatus.Registered, DocumentStatus.Submitted, DocumentStatus.InProgress];
// Counting every row of a large register on each page view costs more than it tells: past this
// many the total is reported as "at least" (reports give exact figures).
export const COUNT_CAP = 1_000;
// A search is refined rather than paged far: its matches are counted to a lower cap, each one
// costing word look-ups.
export const SEARCH_COUNT_CAP = 200;

/** Adds one scope to a query: which documents of which organisation (or person) it lists. */
type Branch = (q: SelectQueryBuilder<DocumentEntity>) => SelectQueryBuilder<DocumentEntity>;

/** The branch that reads an organisation's own register: large, so searched through document_term. */
const REGISTER_BRANCHES = new WeakSet<Branch>();

/** A branch ready to run: its query and the column it is ordered by. */
interface Scoped {
  q: SelectQueryBuilder<DocumentEntity>;
  sort: string;
  id: string;
  /** Whether the tables must be joined in the order written. */
  straight: boolean;
}

/** The SQL of a branch, with the join order forced where the branch asks for it. */
function sqlOf(branch: Scoped, q: SelectQueryBuilder<DocumentEntity>): [string, unknown[]] {
  const [sql, params] = q.getQueryAndParameters();
  return [branch.straight ? sql.replace(/^SELECT /, 'SELECT STRAIGHT_JOIN ') : sql, params];
}

// Semi-join rewrites would turn the word checks into a materialised scan of a frequent word;
// checked per candidate through the (organisation, term, document) index they cost a lookup each.
const PER_ROW_CHECKS = "SET STATEMENT optimizer_switch='semijoin=off,materialization=off' FOR ";

// A search word more frequent than this in an organisation is as good as any to start from.
const TERM_COUNT_CAP = 2_000;
const TERM_COUNT_TTL_MS = 60_000;
const TERM_COUNT_ENTRIES = 10_000;

// The number a list shows first: the arrival number (số đến) of an incoming document, the
// register number of an outgoing one.
const NUMBER_KEY = `CASE WHEN d.direction = '${DocumentDirection.Incoming}' THEN d.arrival_number ELSE d.number END`;
/** The sort keys a list may ask for, as SQL: a whitelist, so nothing typed reaches the query. */
const SORT_KEYS: Record<DocumentSort, string> = { date: NUMBER_KEY, number: NUMBER_KEY, subject: 'd.subject', deadline: 'd.deadline' };
const DEFAULT_ORDER: Record<DocumentSort, SortOrder> = { date: 'desc', number: 'desc', subject: 'asc', deadline: 'asc' };

/** How a list is ordered: the key each branch selects, the branch's order and the union's. */
interface ListSort {
  key: string;
  branchOrder(q: SelectQueryBuilder<DocumentEntity>, branch: Scoped): SelectQueryBuilder<DocumentEntity>;
  /** The ORDER BY list over the selected date, key and id columns. */
  order(listedAt: string, key: string, id: string): string;
}

function sortOf(query: DocumentListQuery): ListSort {
  const by = query.sort ?? 'date';
  const direction = (query.order ?? DEFAULT_ORDER[by]) === 'asc' ? 'ASC' : 'DESC';
  const key = SORT_KEYS[by];
  if (by === 'date') {
    return {
      key,
      // Each branch reads its date index as it stands; equal times (to the millisecond) fall
      // back to the id there, so only such a tie cut by a page's edge could sit out of number order.
      branchOrder: (q, b) => q.orderBy(b.sort, direction).addOrderBy(b.id, direction),
      order: (listedAt, k, id) => `${listedAt} ${direction}, ${k} ${direction}, ${id} ${direction}`,
    };
  }
  // Documents without the key (an unnumbered draft, no deadline) come last either way.
  return {
    key,
    branchOrder: (q, b) => q.orderBy(`${key} IS NULL`).addOrderBy(key, direction).addOrderBy(b.sort, 'DESC').addOrderBy(b.id, 'DESC'),
    order: (listedAt, k, id) => `${k} IS NULL, ${k} ${direction}, ${listedAt} DESC, ${id} DESC`,
  };
}

/**
 * Lists, counts and opens documents. Every query carries the user's scope in its `where`:
 * the organisation's own register, plus what was drafted in the user's unit or assigned to it.
 * Each scope is its own indexed range, read newest first and merged, so a page costs the same
 * for an organisation with a hundred documents or a hundred thousand.
 */
@Injectable()
export class DocumentsQueryService {
  private listColumns?: ColumnMetadata[];
  /** How many documents of an organisation hold a search word, as last counted. */
  private readonly termCounts = new Map<string, { n: number; at: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
    private readonly incoming: IncomingService,
    private readonly files: DocumentFiles,
    private readonly acceptance: SignatureAcceptance,
    private readonly audit: AuditService,
    private readonly accessLog: FileAccessLog,
  ) {}

  async list(user: AuthenticatedUser, query: DocumentListQuery): Promise<Page<DocumentSummary> & { totalIsLowerBound: boolean }> {
    const page = Math.max(1, query.page ?? 1);
    const pageSize = Math.min(100, Math.max(1, query.pageSize ?? 20));
    const terms = query.q ? searchTermsOf(query.q) : [];
    // Typed characters that are no word (`%`, `_`, `\`, punctuation) are searched for as they are,
    // and no document's words hold them: nothing matches, rather than everything.
    if (query.q?.trim() && !terms.length) return { items: [], total: 0, page, pageSize, totalIsLowerBound: false };
    const branches = await this.scoped(user, query, terms);
    const cap = terms.length ? SEARCH_COUNT_CAP : COUNT_CAP;
    const sort = sortOf(query);
    // Each branch gives its first rows in the list's order (by date through its own index); the
    // union keeps the page's worth.
    const parts = branches.map((b) =>
      sqlOf(
        b,
        sort.branchOrder(b.q.clone().select([`${b.id} AS id`, `${b.sort} AS listed_at`, `${sort.key} AS sort_key`]), b).limit(page * pageSize),
      ),
    );
    // One round trip for the page and its count: the first ids of the union, then their rows
    // and, for outgoing documents, the issuing organisation's name, beside the capped count
    // (one row of nulls carries the count when the page is empty).
    const columns = this.summaryColumns();
    const counted = this.cappedCountSql(branches, cap);
    const raw: Array<Record<string, unknown>> = await this.dataSource.query(
      `${PER_ROW_CHECKS}SELECT counted.n AS listed_total, listed.* FROM (${counted.sql}) counted LEFT JOIN (
         SELECT ${columns.map((c) => `d.\`${c.databaseName}\``).join(', ')}, o.name AS issuing_organisation_name, page.listed_at AS page_listed_at, page.sort_key AS page_sort_key, page.id AS page_id
           FROM (SELECT id, listed_at, sort_key FROM (${parts.map(([sql]) => `(${sql})`).join(' UNION ALL ')}) ranked ORDER BY ${sort.order('listed_at', 'sort_key', 'id')} LIMIT ? OFFSET ?) page
           JOIN document d ON d.id = page.id
           LEFT JOIN organisation o ON o.id = d.organisation_id AND d.direction = ?
       ) listed ON TRUE
       ORDER BY ${sort.order('listed.page_listed_at', 'listed.page_sort_key', 'listed.page_id')}`,
      [...counted.params, ...parts.flatMap(([, params]) => params), pageSize, (page - 1) * pageSize, DocumentDirection.Outgoing],
    );
    const total = Math.min(cap, Number(raw[0]?.['listed_total'] ?? 0));
    const items = raw
      .filter((row) => row['page_id'] !== null)
      .map((row) => toSummary(this.hydrate(columns, row), (row['issuing_organisation_name'] as string | null) ?? undefined));
    return { items, total, page, pageSize, totalIsLowerBound: total >= cap };
  }

  /** The document columns a list row is made from (the stored search text stays behind). */
  private summaryColumns(): ColumnMetadata[] {
    this.listColumns ??= this.dataSource.getMetadata(DocumentEntity).columns.filter((c) => c.isSelect && c.databaseName !== 'search_text');
    return this.listColumns;
  }

  /** A document from a raw row, converted column by column as TypeORM does for its own reads. */
  private hydrate(columns: ColumnMetadata[], row: Record<string, unknown>): DocumentEntity {
    const document = new DocumentEntity();
    for (const column of columns) column.setEntityValue(document, this.dataSource.driver.prepareHydratedValue(row[column.databaseName], column));
    return document;
  }

  /** What waits for the user: the numbers behind the home page and the navigation badges. */
  async counts(user: AuthenticatedUser): Promise<WorkCounts> {
    const queues: Array<[keyof WorkCounts, WorkQueue | null]> = [
      ['awaitingMySignature', 'awaiting-my-signature'],
      ['awaitingMyReview', 'awaiting-my-review'],
      ['awaitingMyAssignment', 'awaiting-my-assignment'],
      ['incomingToRegister', 'to-register'],
      ['outgoingToIssue', 'to-issue'],
      ['outgoingToDispatch', 'to-dispatch'],
      ['myReturnedDrafts', 'my-returned-drafts'],
      ['myOpenAssignments', 'my-assignments'],
    ];
    const counts = {} as WorkCounts;
    await Promise.all(
      queues.map(async ([key, queue]) => {
        counts[key] = queue && this.queueApplies(user, queue) ? await this.countQueue(user, { queue }) : 0;
      }),
    );
    counts.overdue = await this.countQueue(user, { overdue: true, direction: DocumentDirection.Incoming, queue: this.overdueQueue(user) });
    return counts;
  }

  /** The detail, read only: a link prefetch or a crawler following the address changes nothing. */
  async detail(user: AuthenticatedUser, id: string): Promise<DocumentDetail> {
    return this.store.detail(this.dataSource.manager, user, id);
  }

  /**
   * The recipient organisation has opened its copy (the web app says so when it shows it): the
   * sender sees the delivery "opened". Anything else (the sender's own document, a copy already
   * opened) is a no-op, so the call can be repeated.
   */
  async markOpened(user: AuthenticatedUser, id: string, ip: string): Promise<void> {
    const document = await this.store.visible(this.dataSource.manager, user, id);
    await this.incoming.markOpened(user, document, ip);
  }

  async file(user: AuthenticatedUser, id: string, fileId: string): Promise<DocumentFileEntity> {
    const document = await this.store.visible(this.dataSource.manager, user, id);
    const file = /^\d{1,19}$/.test(fileId) ? await this.dataSource.manager.findOneBy(DocumentFileEntity, { id: fileId, documentId: document.id }) : null;
    if (!file) throw new NotFound(FILE_TEXT);
    return file;
  }

  /** The file, once its view or download is in the access log. */
  async openFile(user: AuthenticatedUser, id: string, fileId: string, action: FileAccessAction, ip: string): Promise<DocumentFileEntity> {
    const document = await this.store.visible(this.dataSource.manager, user, id);
    const file = /^\d{1,19}$/.test(fileId) ? await this.dataSource.manager.findOneBy(DocumentFileEntity, { id: fileId, documentId: document.id }) : null;
    if (!file) throw new NotFound(FILE_TEXT);
    await this.accessLog.record(this.dataSource.manager, { user, document, file, action, ip });
    return file;
  }

  async verification(user: AuthenticatedUser, id: string, fileId: string): Promise<VerificationView> {
    const file = await this.file(user, id, fileId);
    const view = toVerificationView(file);
    if (!view) return { fileId: Number(file.id), verifiedAt: file.createdAt.toISOString(), valid: false, signatures: [] };
    return view;
  }

  /**
   * Verifies a file's signatures again, now: against today's trust store, with revocation asked
   * online (an incoming copy otherwise shows the result stored at receipt). The new report
   * replaces the stored one, with its audit record.
   */
  async reverify(user: AuthenticatedUser, id: string, fileId: string, ip: string): Promise<VerificationView> {
    const file = await this.file(user, id, fileId);
    const bytes = await this.files.read(file);
    const report = await this.acceptance.verifyOnline(this.dataSource.manager, bytes);
    const stored = storedVerificationOf(report);
    const now = new Date();
    await inTransaction(this.dataSource, async (manager) => {
      await manager.update(DocumentFileEntity, { id: file.id }, { verification: JSON.stringify(stored), verifiedAt: now });
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: 'document.signatures-reverified',
        entityType: 'document',
        entityId: file.documentId,
        ip,
        details: { fileId: Number(file.id), valid: stored.valid, signatures: stored.signatures.length },
      });
    });
    return { fileId: Number(file.id), verifiedAt: now.toISOString(), ...stored };
  }

  private async countQueue(user: AuthenticatedUser, query: DocumentListQuery): Promise<number> {
    return this.cappedCount(await this.scoped(user, query), COUNT_CAP);
  }

  /**
   * The branches of a list with its filters and search. The organisation's own register is
   * searched from document_term, starting from the rarest typed word and reading its entries
   * newest first; the other (small) branches match the words in the stored search text.
   */
  private async scoped(user: AuthenticatedUser, query: DocumentListQuery, terms = query.q ? searchTermsOf(query.q) : []): Promise<Scoped[]> {
    const manager = this.dataSource.manager;
    const match = (t: SearchTerm, column: string, key: string) =>
      t.prefix ? { sql: `${column} LIKE :${key}`, value: startsWithPattern(t.token) } : { sql: `${column} = :${key}`, value: t.token };
    const branches = this.branches(user, query);
    const driver = terms.length && branches.some((b) => REGISTER_BRANCHES.has(b)) ? await this.rarestTerm(user.organisationId, terms) : 0;
    return branches.map((branch) => {
      if (terms.length && REGISTER_BRANCHES.has(branch)) {
        // From the rarest word's entries, newest first, into the documents: the join order is
        // forced (STRAIGHT_JOIN), or the optimiser would start from the register's 100,000 rows.
        const first = match(terms[driver], 't.term', 'term0');
        const q = manager
          .createQueryBuilder()
          .from('document_term', 't')
          .innerJoin(DocumentEntity, 'd', 'd.id = t.document_id') as SelectQueryBuilder<DocumentEntity>;
        this.filtered(branch(q), query).andWhere(`t.organisation_id = :termOrg AND ${first.sql}`, { termOrg: user.organisationId, term0: first.value });
        terms.forEach((t, i) => {
          if (i === driver) return;
          const other = match(t, 'x.term', `term${i + 1}`);
          q.andWhere(`EXISTS (SELECT 1 FROM document_term x WHERE x.organisation_id = :termOrg AND ${other.sql} AND x.document_id = t.document_id)`, { [`term${i + 1}`]: other.value });
        });
        return { q, sort: 't.listed_at', id: 't.document_id', straight: true };
      }
      const q = this.filtered(branch(manager.getRepository(DocumentEntity).createQueryBuilder('d')), query);
      terms.forEach((t, i) => {
        // `_` marks one-letter words; in LIKE it would match any letter.
        q.andWhere(`CONCAT(' ', d.search_text, ' ') LIKE :like${i}`, { [`like${i}`]: `% ${escapeLike(t.token)}${t.prefix ? '' : ' '}%` });
      });
      return { q, sort: 'd.listed_at', id: 'd.id', straight: false };
    });
  }

  /**
   * Which typed word has the fewest documents in the organisation (counted up to a cap). The
   * counts only choose where a search starts, never what it finds, so they are kept a minute.
   */
  private async rarestTerm(organisationId: number, terms: SearchTerm[]): Promise<number> {
    if (terms.length === 1) return 0;
    const now = Date.now();
    const keys = terms.map((t) => `${organisationId} ${t.prefix ? 'prefix' : 'word'} ${t.token}`);
    const fresh = (key: string) => {
      const hit = this.termCounts.get(key);
      return hit && now - hit.at < TERM_COUNT_TTL_MS ? hit.n : undefined;
    };
    const n = keys.map(fresh);
    const missing = terms.map((t, i) => ({ t, i, key: keys[i] })).filter(({ i }) => n[i] === undefined);
    if (missing.length) {
      const counts = missing.map(
        ({ t }) => `(SELECT COUNT(*) FROM (SELECT 1 FROM document_term WHERE organisation_id = ? AND term ${t.prefix ? 'LIKE' : '='} ? LIMIT ${TERM_COUNT_CAP}) c)`,
      );
      const [row] = await this.dataSource.query(
        `SELECT ${counts.map((c, i) => `${c} AS n${i}`).join(', ')}`,
        missing.flatMap(({ t }) => [organisationId, t.prefix ? startsWithPattern(t.token) : t.token]),
      );
      missing.forEach(({ i, key }, column) => {
        n[i] = Number(row[`n${column}`]);
        this.termCounts.delete(key);
        this.termCounts.set(key, { n: n[i], at: now });
      });
      // The oldest entries go first when the map is full (a Map keeps insertion order).
      for (const key of this.termCounts.keys()) {
        if (this.termCounts.size <= TERM_COUNT_ENTRIES) break;
        this.termCounts.delete(key);
      }
    }
    let best = 0;
    n.forEach((count, i) => {
      if ((count ?? 0) < (n[best] ?? 0)) best = i;
    });
    return best;
  }

  private queueApplies(user: AuthenticatedUser, queue: WorkQueue): boolean {
    const has = (p: Permission) => user.permissions.includes(p);
    switch (queue) {
      case 'awaiting-my-signature':
        return has(Permission.SignDocuments);
      case 'awaiting-my-review':
        return has(Permission.ReviewDocuments);
      case 'awaiting-my-assignment':
        return has(Permission.AssignIncoming);
      case 'to-register':
        return has(Permission.RegisterIncoming);
      case 'to-issue':
        return has(Permission.IssueDocuments);
      case 'to-dispatch':
        return has(Permission.DispatchDocuments);
      case 'my-returned-drafts':
        return has(Permission.DraftDocuments);
      case 'my-assignments':
        return has(Permission.HandleIncoming);
    }
  }

  /** Leaders and clerks answer for the organisation's overdue items; handlers for their own. */
  private overdueQueue(user: AuthenticatedUser): WorkQueue | undefined {
    const organisationWide = user.permissions.includes(Permission.AssignIncoming) || user.permissions.includes(Permission.RegisterIncoming);
    return organisationWide ? undefined : 'my-assignments';
  }

  /** The scopes a list reads, as disjoint ranges, each entered through an index. */
  private branches(user: AuthenticatedUser, query: DocumentListQuery): Branch[] {
    const org = user.organisationId;
    const me = user.id;
    const incoming = DocumentDirection.Incoming;
    const outgoing = DocumentDirection.Outgoing;
    const inOrganisation = (direction: DocumentDirection, status: DocumentStatus): Branch => (q) =>
      q.where('d.organisation_id = :org AND d.direction = :dir AND d.status = :st', { org, dir: direction, st: status });
    switch (query.queue) {
      case 'awaiting-my-signature':
        return [(q) => q.where('d.signer_id = :me AND d.status = :st', { me, st: DocumentStatus.AwaitingSignature })];
      case 'awaiting-my-review':
        return [
          (q) =>
            q
              .innerJoin('review_step', 's', 's.document_id = d.id AND s.reviewer_id = :me AND s.status = :pending', { me, pending: 'pending' })
              .where('d.status = :st', { st: DocumentStatus.InReview }),
        ];
      case 'awaiting-my-assignment':
        return [(q) => q.where('d.submitted_to = :me AND d.status = :st AND d.organisation_id = :org', { me, st: DocumentStatus.Submitted, org })];
      case 'to-register':
        return [inOrganisation(incoming, DocumentStatus.Received)];
      case 'to-issue':
        return [inOrganisation(outgoing, DocumentStatus.Signed)];
      case 'to-dispatch':
        return [(q) => inOrganisation(outgoing, DocumentStatus.Issued)(q).andWhere('d.security_level = :normal', { normal: 'thuong' })];
      case 'my-returned-drafts':
        return [(q) => q.where('d.created_by = :me AND d.status = :st', { me, st: DocumentStatus.Returned })];
      case 'my-assignments':
        return [
          (q) =>
            q
              .innerJoin(
                `(SELECT document_id FROM assignee WHERE user_id = :me AND role <> 'inform' AND status <> 'completed'
                  UNION SELECT document_id FROM assignee WHERE user_id IS NULL AND organisation_id = :org AND role <> 'inform' AND status <> 'completed')`,
                'mine',
                'mine.document_id = d.id',
                { me, org },
              )
              .where('d.status = :st', { st: DocumentStatus.InProgress }),
        ];
      default:
        break;
    }
    const direction = query.direction;
    // Part of visibleTo's rule, written once there: a draft never sent for review is its creator's alone.
    const notOthersDraft = (q: SelectQueryBuilder<DocumentEntity>) => q.andWhere(notOthersUnsentDraft('d', 'me', 'unsent'), { unsent: DocumentStatus.Draft, me });
    const register: Branch = (q) =>
      notOthersDraft(direction ? q.where('d.organisation_id = :org AND d.direction = :dir', { org, dir: direction }) : q.where('d.organisation_id = :org', { org }));
    REGISTER_BRANCHES.add(register);
    const branches: Branch[] = [register];
    if (direction !== incoming) {
      // A unit's drafts issued in the name of the People's Committee above it (UBND tỉnh or huyện).
      branches.push((q) => notOthersDraft(q.where('d.drafting_unit_id = :org AND d.direction = :out AND d.organisation_id <> :org', { org, out: outgoing })));
    }
    if (direction !== outgoing) {
      // Another organisation's incoming document assigned to this unit or one of its people: only
      // the assignments flagged as from another organisation are read, not every one the unit
      // holds on its own register (tens of thousands in a province's department).
      branches.push((q) =>
        q
          .innerJoin(
            '(SELECT document_id FROM assignee WHERE organisation_id = :org AND from_other_organisation = 1 UNION SELECT document_id FROM assignee WHERE user_id = :me AND from_other_organisation = 1)',
            'assigned',
            'assigned.document_id = d.id',
            { org, me },
          )
          .where('d.organisation_id <> :org AND d.direction = :in', { org, in: incoming }),
      );
    }
    return branches;
  }

  /** The list's filters, common to every branch. */
  private filtered(q: SelectQueryBuilder<DocumentEntity>, query: DocumentListQuery): SelectQueryBuilder<DocumentEntity> {
    if (query.direction && query.queue) q.andWhere('d.direction = :fdir', { fdir: query.direction });
    if (query.status) q.andWhere('d.status = :fstatus', { fstatus: query.status });
    if (query.type) q.andWhere('d.type = :ftype', { ftype: query.type });
    if (query.urgency) q.andWhere('d.urgency = :furgency', { furgency: query.urgency });
    if (query.senderId) q.andWhere('d.sender_organisation_id = :fsender', { fsender: query.senderId });
    if (query.from) q.andWhere('d.listed_at >= :ffrom', { ffrom: startOfVietnamDay(query.from) });
    if (query.to) q.andWhere('d.listed_at < :fto', { fto: startOfVietnamDay(addCalendarDays(query.to, 1)) });
    if (query.overdue) {
      q.andWhere('d.deadline IS NOT NULL AND d.deadline < :today AND d.status IN (:...open)', { today: toIsoDate(new Date()), open: OPEN_INCOMING });
    }
    return q;
  }

  /** The rows of all branches, counted up to `cap`. */
  private async cappedCount(branches: Scoped[], cap: number): Promise<number> {
    const { sql, params } = this.cappedCountSql(branches, cap);
    const [row] = await this.dataSource.query(`${PER_ROW_CHECKS}${sql}`, params);
    return Math.min(cap, Number(row.n));
  }

  /** The query counting the rows of all branches up to `cap`, as column `n`. */
  private cappedCountSql(branches: Scoped[], cap: number): { sql: string; params: unknown[] } {
    const parts = branches.map((b) => sqlOf(b, b.q.clone().select('1').limit(cap)));
    return {
      sql: `SELECT COUNT(*) AS n FROM (${parts.map(([sql]) => `(${sql})`).join(' UNION ALL ')}) capped`,
      params: parts.flatMap(([, params]) => params),
    };
  }
}
