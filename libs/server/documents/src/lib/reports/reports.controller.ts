import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, RateLimited, RequiresPermission } from '@vanthu/server/core';
import { DispatchReport, IncomingReport, MonthlyReport, Permission } from '@vanthu/shared/contracts';

import { PeriodQueryDto, YearQueryDto } from '../query/dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @RequiresPermission(Permission.ViewReports)
  @RateLimited('report')
  @Get('incoming')
  incoming(@CurrentUser() user: AuthenticatedUser, @Query() query: PeriodQueryDto): Promise<IncomingReport> {
    return this.reports.incoming(user, query.from, query.to);
  }

  @RequiresPermission(Permission.ViewReports)
  @RateLimited('report')
  @Get('dispatched')
  dispatched(@CurrentUser() user: AuthenticatedUser, @Query() query: PeriodQueryDto): Promise<DispatchReport> {
    return this.reports.dispatched(user, query.from, query.to);
  }

  @RequiresPermission(Permission.ViewReports)
  @RateLimited('report')
  @Get('monthly')
  monthly(@CurrentUser() user: AuthenticatedUser, @Query() query: YearQueryDto): Promise<MonthlyReport> {
    return this.reports.monthly(user, query.year);
  }
}
