import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequiresPermission } from '@vanthu/server/core';
import { AuditService } from '@vanthu/server/data-access';
import { AuditChainResponse, Permission } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Walks the hash chain of the audit log: a changed or deleted record is reported with where it broke. */
  @RequiresPermission(Permission.ViewAudit)
  @Get('verify')
  verify(): Promise<AuditChainResponse> {
    return this.audit.verifyChain(this.dataSource.manager);
  }
}
