import { Injectable } from '@nestjs/common';
import { WorkingCalendar } from '@vanthu/shared/domain';
import { EntityManager } from 'typeorm';

import { HolidayEntity } from './entities/routing.entities';

/**
 * The working calendar (Monday–Friday less the holidays in the table, plus make-up working days)
 * that deadlines and reminders count in. Read from the database on each use: the table is small
 * and an administrator's edit must reach every replica at once.
 */
@Injectable()
export class CalendarService {
  async workingCalendar(manager: EntityManager): Promise<WorkingCalendar> {
    const rows = await manager.getRepository(HolidayEntity).find({ order: { day: 'ASC' } });
    return {
      holidays: rows.filter((r) => r.kind !== 'make-up-working-day').map((r) => r.day),
      makeUpWorkingDays: rows.filter((r) => r.kind === 'make-up-working-day').map((r) => r.day),
    };
  }
}
