import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, OutboxEventType, OutboxService, RecordFileEntity } from '@vanthu/server/data-access';
import { RecordFileStatus, Role } from '@vanthu/shared/contracts';
import { addCalendarDays, toIsoDate } from '@vanthu/shared/domain';
import { DataSource, IsNull, LessThanOrEqual } from 'typeorm';

import { REMINDER_CLOCK, ReminderClock } from './deadline-reminders';

/** Decree 30/2020, Appendix VI: the system reminds before files are due at the archive; we remind 30 days ahead. */
export const DEPOSIT_REMINDER_DAYS = 30;

/**
 * Finds closed files (hồ sơ) due at the organisation's archive within 30 days and reminds their
 * person in charge and the organisation's clerks once: the file's `deposit_reminded_at` and the
 * outbox event are written together, so no later run (on any replica) reminds again.
 */
@Injectable()
export class DepositReminders {
  private readonly logger = new Logger('DepositReminders');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REMINDER_CLOCK) private readonly clock: ReminderClock,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Reminds as of `now`; returns how many files were reminded. */
  async scan(now: Date = this.clock()): Promise<number> {
    const horizon = addCalendarDays(toIsoDate(now), DEPOSIT_REMINDER_DAYS);
    const due = await this.dataSource.manager.find(RecordFileEntity, {
      where: { status: RecordFileStatus.Closed, depositRemindedAt: IsNull(), depositDue: LessThanOrEqual(horizon) },
      order: { id: 'ASC' },
      take: 500,
    });
    let reminded = 0;
    for (const file of due) if (await this.remind(file.id, now)) reminded += 1;
    if (reminded) this.logger.log(`Archive deposit reminders: ${reminded}`);
    return reminded;
  }

  private remind(fileId: number, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = await manager.update(RecordFileEntity, { id: fileId, depositRemindedAt: IsNull() }, { depositRemindedAt: now });
      // Another run got here first.
      if (claimed.affected !== 1) return false;
      const file = await manager.findOneByOrFail(RecordFileEntity, { id: fileId });
      await this.outbox.emit(manager, {
        type: OutboxEventType.ArchiveDepositDue,
        documentId: null,
        payload: {
          actorId: null,
          symbol: file.code,
          subject: file.title,
          fileId: file.id,
          depositDue: file.depositDue,
          userIds: file.personInChargeId !== null ? [file.personInChargeId] : [],
          organisationIds: [file.organisationId],
          roles: [Role.Clerk],
        },
      });
      await this.audit.record(manager, {
        userId: null,
        organisationId: file.organisationId,
        action: 'record-file.deposit-reminded',
        entityType: 'record-file',
        entityId: String(file.id),
        details: { depositDue: file.depositDue },
      });
      return true;
    });
  }
}
