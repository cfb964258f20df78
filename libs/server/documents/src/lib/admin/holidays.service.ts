import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, Forbidden, NotFound } from '@vanthu/server/core';
import { AuditService, HolidayEntity, inTransaction, isTreeRoot, startsWithPattern } from '@vanthu/server/data-access';
import { HolidayDto } from '@vanthu/shared/contracts';
import { DataSource, Like } from 'typeorm';


const HOLIDAY_TEXT = { vi: 'Ngày nghỉ', en: 'The holiday' };

function toDto(h: HolidayEntity): HolidayDto {
  return { day: h.day, kind: h.kind, name: { vi: h.nameVi, en: h.nameEn } };
}

/**
 * The working calendar's exceptions (holidays, nghỉ bù, hoán đổi, ngày làm bù). Lunar holidays move
 * every year and make-up days are announced late, so the administrators at the top of a tree keep
 * them.
 */
@Injectable()
export class HolidaysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(year?: number): Promise<HolidayDto[]> {
    const rows = await this.dataSource.manager.find(HolidayEntity, { where: year ? { day: Like(startsWithPattern(`${year}-`)) } : {}, order: { day: 'ASC' } });
    return rows.map(toDto);
  }

  async put(admin: AuthenticatedUser, day: string, holiday: HolidayDto, ip: string): Promise<HolidayDto> {
    this.assertTopAdmin(admin);
    return inTransaction(this.dataSource, async (manager) => {
      const row = { day, kind: holiday.kind, nameVi: holiday.name.vi.trim(), nameEn: holiday.name.en.trim() };
      await manager.upsert(HolidayEntity, row, ['day']);
      await this.audit.record(manager, { userId: admin.id, organisationId: admin.organisationId, action: 'holiday.saved', entityType: 'holiday', entityId: day, ip, details: { kind: row.kind, name: row.nameVi } });
      return toDto(await manager.findOneByOrFail(HolidayEntity, { day }));
    });
  }

  async remove(admin: AuthenticatedUser, day: string, ip: string): Promise<void> {
    this.assertTopAdmin(admin);
    await inTransaction(this.dataSource, async (manager) => {
      const result = await manager.delete(HolidayEntity, { day });
      if (!result.affected) throw new NotFound(HOLIDAY_TEXT);
      await this.audit.record(manager, { userId: admin.id, organisationId: admin.organisationId, action: 'holiday.removed', entityType: 'holiday', entityId: day, ip });
    });
  }

  /**
   * The calendar is the same for every organisation (the holidays are national): only an
   * administrator of a tree's top organisation (UBND tỉnh, or the demo's UBND huyện) edits it.
   */
  private assertTopAdmin(admin: AuthenticatedUser): void {
    if (!isTreeRoot(admin.organisationPath)) throw new Forbidden();
  }
}
