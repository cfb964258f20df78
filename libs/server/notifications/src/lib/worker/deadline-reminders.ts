import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { AuditService, CalendarService, OutboxEventType, OutboxPayload, OutboxService } from '@vanthu/server/data-access';
import { AssignmentRole, DocumentStatus, Role } from '@vanthu/shared/contracts';
import { addWorkingDays, dueSoon, isOverdue, toIsoDate } from '@vanthu/shared/domain';
import { DataSource } from 'typeorm';

/** The clock of the deadline scan; tests give a fixed instant (or put `now` in the job). */
export const REMINDER_CLOCK = Symbol('REMINDER_CLOCK');
export type ReminderClock = () => Date;

export interface ReminderScanResult {
  near: number;
  passed: number;
}

type Threshold = 'near' | 'passed';

interface OpenAssignee {
  assignee_id: string;
  role: AssignmentRole;
  organisation_id: number | null;
  user_id: number | null;
  document_id: string;
  document_organisation_id: number;
  assigned_by: number;
  deadline: string;
  symbol: string | null;
  subject: string;
  sender_name: string | null;
  unit_name: string | null;
  person_name: string | null;
  near_sent: number;
  passed_sent: number;
}

/**
 * Finds open assignments whose deadline is near (within the window, in working days) or passed,
 * and raises one reminder per (assignee, threshold, deadline): a `deadline_reminder` row and an
 * outbox event committed together, so that no later run (on any replica) raises it again and no
 * reminder exists without its event. Only chủ trì and phối hợp are reminded (để biết has nothing
 * to do), with the leader who assigned them.
 */
@Injectable()
export class DeadlineReminders {
  private readonly logger = new Logger('DeadlineReminders');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REMINDER_CLOCK) private readonly clock: ReminderClock,
    private readonly calendar: CalendarService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Scans as of `now` (the clock's time by default). */
  async scan(now: Date = this.clock()): Promise<ReminderScanResult> {
    const calendar = await this.calendar.workingCalendar(this.dataSource.manager);
    const window = this.config.notifications.reminderWindowWorkingDays;
    const today = toIsoDate(now);
    // Any deadline before this day may be within the window (a weekend deadline counts as the working day before it).
    const horizon = addWorkingDays(today, window + 1, calendar);
    const rows: OpenAssignee[] = await this.dataSource.query(
      `SELECT e.id AS assignee_id, e.role, e.organisation_id, e.user_id,
              a.document_id, d.organisation_id AS document_organisation_id, a.assigned_by,
              DATE_FORMAT(a.deadline, '%Y-%m-%d') AS deadline,
              d.symbol, d.subject, d.sender_name, o.name AS unit_name, u.full_name AS person_name,
              (rn.assignee_id IS NOT NULL) AS near_sent, (rp.assignee_id IS NOT NULL) AS passed_sent
         FROM assignee e
         JOIN assignment a ON a.id = e.assignment_id
         JOIN document d ON d.id = a.document_id
         LEFT JOIN organisation o ON o.id = e.organisation_id
         LEFT JOIN \`user\` u ON u.id = e.user_id
         LEFT JOIN deadline_reminder rn ON rn.assignee_id = e.id AND rn.threshold = 'near' AND rn.deadline = a.deadline
         LEFT JOIN deadline_reminder rp ON rp.assignee_id = e.id AND rp.threshold = 'passed' AND rp.deadline = a.deadline
        WHERE e.status <> 'completed'
          AND e.role IN (?)
          AND a.deadline < ?
          AND d.status NOT IN (?)`,
      [[AssignmentRole.Lead, AssignmentRole.Coordinate], horizon, [DocumentStatus.Completed, DocumentStatus.ReturnedToSender, DocumentStatus.Withdrawn]],
    );
    const result: ReminderScanResult = { near: 0, passed: 0 };
    for (const row of rows) {
      const threshold: Threshold | null = isOverdue(row.deadline, now) ? 'passed' : dueSoon(row.deadline, now, window, calendar) ? 'near' : null;
      if (!threshold || (threshold === 'near' ? Number(row.near_sent) : Number(row.passed_sent))) continue;
      if (await this.remind(row, threshold)) result[threshold] += 1;
    }
    if (result.near || result.passed) this.logger.log(`Deadline reminders: ${result.near} near, ${result.passed} passed`);
    return result;
  }

  private remind(row: OpenAssignee, threshold: Threshold): Promise<boolean> {
    const payload = this.payloadOf(row);
    if (!payload) return Promise.resolve(false);
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager.query('INSERT IGNORE INTO deadline_reminder (assignee_id, threshold, deadline, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(3))', [
        row.assignee_id,
        threshold,
        row.deadline,
      ]);
      // Another run got here first.
      if (Number(inserted.affectedRows) !== 1) return false;
      await this.outbox.emit(manager, {
        type: threshold === 'near' ? OutboxEventType.DeadlineNear : OutboxEventType.DeadlinePassed,
        documentId: row.document_id,
        payload,
      });
      await this.audit.record(manager, {
        userId: null,
        organisationId: Number(row.document_organisation_id),
        action: threshold === 'near' ? 'deadline.near-reminded' : 'deadline.passed-reminded',
        entityType: 'assignee',
        entityId: row.assignee_id,
        details: { documentId: row.document_id, deadline: row.deadline },
      });
      return true;
    });
  }

  /** A person assignee hears in person; a unit through its leaders; the assigning leader always. */
  private payloadOf(row: OpenAssignee): OutboxPayload | null {
    const base = {
      actorId: null,
      symbol: row.symbol,
      subject: row.subject,
      deadline: row.deadline,
      senderName: row.sender_name,
      assigneeRole: row.role,
      assignee: row.person_name ?? row.unit_name,
    };
    const assignedBy = Number(row.assigned_by);
    if (row.user_id !== null) return { ...base, userIds: [Number(row.user_id), assignedBy] };
    if (row.organisation_id !== null) return { ...base, userIds: [assignedBy], organisationIds: [Number(row.organisation_id)], roles: [Role.Leader] };
    return null;
  }
}
