import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, NotFound } from '@vanthu/server/core';
import { DocumentEntity, DocumentFileEntity, OrganisationEntity } from '@vanthu/server/data-access';
import {
  DocumentDetail,
  DocumentDirection,
  DocumentListQuery,
  DocumentStatus,
  DocumentSummary,
  Page,
  Permission,
  VerificationView,
  WorkCounts,
  WorkQueue,
} from '@vanthu/shared/contracts';
import { addCalendarDays, startOfVietnamDay, toIsoDate } from '@vanthu/shared/domain';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';

import { IncomingService } from '../incoming/incoming.service';
import { DocumentStore, toSummary, toVerificationView } from '../shared/document-store';
import { searchQueryOf } from '../shared/search-text';

const FILE_TEXT = { vi: 'Tệp', en: 'The file' };
const OPEN_INCOMING = [DocumentStatus.Received, DocumentStatus.Registered, DocumentStatus.Submitted, DocumentStatus.InProgress];
// Counting every row of a large register on each page view costs more than it tells: past this
// many the total is reported as "at least".
const COUNT_CAP = 10_000;

interface Branch {
  /** Adds this branch's scope to the query: which documents of which organisation it lists. */
  scope: (q: SelectQueryBuilder<DocumentEntity>) => SelectQueryBuilder<DocumentEntity>;
}

/**
 * Lists, counts and opens documents. Every query carries the user's scope in its `where`:
 * the organisation's own register, plus what was drafted in the user's unit or assigned to it.
 * Each scope is its own indexed range, read newest first and merged, so a page costs the same
 * for an organisation with a hundred documents or a hundred thousand.
 */
@Injectable()
export class DocumentsQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
    private readonly incoming: IncomingService,
  ) {}

  async list(user: AuthenticatedUser, query: DocumentListQuery): Promise<Page<DocumentSummary> & { totalIsLowerBound: boolean }> {
    const page = Math.max(1, query.page ?? 1);
    const pageSize = Math.min(100, Math.max(1, query.pageSize ?? 20));
    const manager = this.dataSource.manager;
    const branches = this.branches(user, query);
    const limit = page * pageSize;

    const rows: DocumentEntity[] = [];
    let total = 0;
    let lowerBound = false;
    for (const branch of branches) {
      const base = () => this.filtered(branch.scope(manager.getRepository(DocumentEntity).createQueryBuilder('d')), query);
      const [items, counted] = await Promise.all([
        base().orderBy('d.listed_at', 'DESC').addOrderBy('d.id', 'DESC').limit(limit).getMany(),
        this.cappedCount(base()),
      ]);
      rows.push(...items);
      total += counted;
      if (counted >= COUNT_CAP) lowerBound = true;
    }
    // Branches never overlap (each excludes the others), so merging needs no de-duplication.
    rows.sort((a, b) => b.listedAt.getTime() - a.listedAt.getTime() || Number(b.id) - Number(a.id));
    const pageRows = rows.slice((page - 1) * pageSize, page * pageSize);
    const names = await this.organisationNames(manager, pageRows);
    return { items: pageRows.map((d) => toSummary(d, names.get(d.organisationId))), total, page, pageSize, totalIsLowerBound: lowerBound };
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

  /** The detail; the first look by the recipient organisation marks its delivery "opened" for the sender. */
  async detail(user: AuthenticatedUser, id: string, ip: string): Promise<DocumentDetail> {
    const document = await this.store.visible(this.dataSource.manager, user, id);
    await this.incoming.markOpened(user, document, ip);
    return this.store.detail(this.dataSource.manager, user, id);
  }

  async file(user: AuthenticatedUser, id: string, fileId: string): Promise<DocumentFileEntity> {
    const document = await this.store.visible(this.dataSource.manager, user, id);
    const file = /^\d{1,19}$/.test(fileId) ? await this.dataSource.manager.findOneBy(DocumentFileEntity, { id: fileId, documentId: document.id }) : null;
    if (!file) throw new NotFound(FILE_TEXT);
    return file;
  }

  async verification(user: AuthenticatedUser, id: string, fileId: string): Promise<VerificationView> {
    const file = await this.file(user, id, fileId);
    const view = toVerificationView(file);
    if (!view) return { fileId: Number(file.id), verifiedAt: file.createdAt.toISOString(), valid: false, signatures: [] };
    return view;
  }

  private async countQueue(user: AuthenticatedUser, query: DocumentListQuery): Promise<number> {
    let total = 0;
    for (const branch of this.branches(user, query)) {
      total += await this.cappedCount(this.filtered(branch.scope(this.dataSource.manager.getRepository(DocumentEntity).createQueryBuilder('d')), query));
    }
    return total;
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

  /** The scopes a list reads, as disjoint indexed ranges. */
  private branches(user: AuthenticatedUser, query: DocumentListQuery): Branch[] {
    const org = user.organisationId;
    const me = user.id;
    switch (query.queue) {
      case 'awaiting-my-signature':
        return [{ scope: (q) => q.where('d.signer_id = :me AND d.status = :st', { me, st: DocumentStatus.AwaitingSignature }) }];
      case 'awaiting-my-review':
        return [
          {
            scope: (q) =>
              q.where('d.status = :st', { st: DocumentStatus.InReview }).andWhere(
                'EXISTS (SELECT 1 FROM review_step s WHERE s.document_id = d.id AND s.reviewer_id = :me AND s.status = :pending)',
                { me, pending: 'pending' },
              ),
          },
        ];
      case 'awaiting-my-assignment':
        return [{ scope: (q) => q.where('d.organisation_id = :org AND d.direction = :dir AND d.status = :st', { org, dir: DocumentDirection.Incoming, st: DocumentStatus.Submitted }).andWhere('d.submitted_to = :me', { me }) }];
      case 'to-register':
        return [{ scope: (q) => q.where('d.organisation_id = :org AND d.direction = :dir AND d.status = :st', { org, dir: DocumentDirection.Incoming, st: DocumentStatus.Received }) }];
      case 'to-issue':
        return [{ scope: (q) => q.where('d.organisation_id = :org AND d.direction = :dir AND d.status = :st', { org, dir: DocumentDirection.Outgoing, st: DocumentStatus.Signed }) }];
      case 'to-dispatch':
        return [
          {
            scope: (q) =>
              q.where('d.organisation_id = :org AND d.direction = :dir AND d.status = :st AND d.security_level = :normal', {
                org,
                dir: DocumentDirection.Outgoing,
                st: DocumentStatus.Issued,
                normal: 'thuong',
              }),
          },
        ];
      case 'my-returned-drafts':
        return [{ scope: (q) => q.where('d.created_by = :me AND d.status = :st', { me, st: DocumentStatus.Returned }) }];
      case 'my-assignments':
        return [
          {
            scope: (q) =>
              q
                .where('d.status = :st', { st: DocumentStatus.InProgress })
                .andWhere(
                  `EXISTS (SELECT 1 FROM assignee a WHERE a.document_id = d.id AND a.role <> 'inform' AND a.status <> 'completed'
                    AND (a.user_id = :me OR (a.user_id IS NULL AND a.organisation_id = :org)))`,
                  { me, org },
                ),
          },
        ];
      default:
        break;
    }
    const direction = query.direction;
    const own: Branch = {
      scope: (q) => (direction ? q.where('d.organisation_id = :org AND d.direction = :dir', { org, dir: direction }) : q.where('d.organisation_id = :org', { org })),
    };
    const branches = [own];
    if (direction !== DocumentDirection.Incoming) {
      // A department's drafts issued in the district's name.
      branches.push({
        scope: (q) => q.where('d.drafting_unit_id = :org AND d.direction = :out AND d.organisation_id <> :org', { org, out: DocumentDirection.Outgoing }),
      });
    }
    if (direction !== DocumentDirection.Outgoing) {
      // Another organisation's incoming document assigned to this unit or one of its people.
      branches.push({
        scope: (q) =>
          q
            .where('d.organisation_id <> :org AND d.direction = :in', { org, in: DocumentDirection.Incoming })
            .andWhere('EXISTS (SELECT 1 FROM assignee a WHERE a.document_id = d.id AND (a.organisation_id = :org OR a.user_id = :me))', { org, me }),
      });
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
      q.andWhere('d.deadline < :today AND d.status IN (:...open)', { today: toIsoDate(new Date()), open: OPEN_INCOMING });
    }
    // Words in any order and without diacritics ("quyet dinh"), or a number and symbol ("27/KH", "5/qd").
    const fullText = query.q ? searchQueryOf(query.q) : null;
    if (fullText) q.andWhere('MATCH(d.search_text) AGAINST (:fq IN BOOLEAN MODE)', { fq: fullText });
    return q;
  }

  private async cappedCount(q: SelectQueryBuilder<DocumentEntity>): Promise<number> {
    const [sql, params] = q.select('1').limit(COUNT_CAP).getQueryAndParameters();
    const [row] = await this.dataSource.query(`SELECT COUNT(*) AS n FROM (${sql}) capped`, params);
    return Number(row.n);
  }

  private async organisationNames(manager: EntityManager, rows: DocumentEntity[]): Promise<Map<number, string>> {
    const ids = [...new Set(rows.filter((r) => r.direction === DocumentDirection.Outgoing).map((r) => r.organisationId))];
    if (!ids.length) return new Map();
    const organisations = await manager.getRepository(OrganisationEntity).createQueryBuilder('o').where('o.id IN (:...ids)', { ids }).getMany();
    return new Map(organisations.map((o) => [o.id, o.name]));
  }
}
