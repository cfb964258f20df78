import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, CalendarService, OutboxEventType, OutboxService } from '@vanthu/server/data-access';
import { DeliveryStatus, DocumentStatus, Role } from '@vanthu/shared/contracts';
import { addWorkingDays, toIsoDate } from '@vanthu/shared/domain';
import { DataSource } from 'typeorm';

import { REMINDER_CLOCK, ReminderClock } from './deadline-reminders';

interface UnopenedCopy {
  id: string;
  document_id: string;
  recipient_id: number;
  incoming_document_id: string;
  dispatched_at: Date;
  subject: string;
  symbol: string | null;
  sender_id: number;
  sender_name: string;
}

/**
 * Nhắc mở văn bản: a recipient whose clerks have not opened a dispatched copy by the end of the
 * next working day (holidays and make-up days from the calendar) is reminded once. A reminder the
 * sender already sent by hand counts: `reminded_at` is set by either, in the transaction of the event.
 */
@Injectable()
export class UnopenedReminders {
  private readonly logger = new Logger('UnopenedReminders');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REMINDER_CLOCK) private readonly clock: ReminderClock,
    private readonly calendar: CalendarService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Reminds as of `now` (the clock's time by default); how many recipients were reminded. */
  async scan(now: Date = this.clock()): Promise<number> {
    const calendar = await this.calendar.workingCalendar(this.dataSource.manager);
    const today = toIsoDate(now);
    const rows: UnopenedCopy[] = await this.dataSource.query(
      `SELECT x.id, x.document_id, x.recipient_id, x.incoming_document_id, x.dispatched_at,
              d.subject, d.symbol, d.organisation_id AS sender_id, s.name AS sender_name
         FROM delivery x
         JOIN document d ON d.id = x.document_id
         JOIN document c ON c.id = x.incoming_document_id
         JOIN organisation s ON s.id = d.organisation_id
        WHERE x.status = ? AND x.opened_at IS NULL AND x.reminded_at IS NULL AND c.status = ? AND x.dispatched_at < ?`,
      [DeliveryStatus.Delivered, DocumentStatus.Received, new Date(now.getTime() - 86_400_000)],
    );
    let reminded = 0;
    for (const row of rows) {
      // Due once the next working day after the arrival day has ended.
      if (addWorkingDays(toIsoDate(row.dispatched_at), 1, calendar) >= today) continue;
      if (await this.remind(row, now)) reminded += 1;
    }
    if (reminded) this.logger.log(`Unopened copies reminded: ${reminded}`);
    return reminded;
  }

  private remind(row: UnopenedCopy, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const updated = await manager.query('UPDATE delivery SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL AND opened_at IS NULL', [now, row.id]);
      // Opened, or reminded by another run, meanwhile.
      if (Number(updated.affectedRows) !== 1) return false;
      await this.outbox.emit(manager, {
        type: OutboxEventType.DeliveryReminder,
        documentId: String(row.incoming_document_id),
        payload: { organisationIds: [Number(row.recipient_id)], roles: [Role.Clerk], actorId: null, subject: row.subject, symbol: row.symbol, senderName: row.sender_name },
      });
      await this.audit.record(manager, {
        userId: null,
        organisationId: Number(row.sender_id),
        action: 'document.reminder-sent',
        entityType: 'document',
        entityId: String(row.document_id),
        details: { recipient: Number(row.recipient_id), automatic: true },
      });
      return true;
    });
  }
}
