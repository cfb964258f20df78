import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, ClientAddress, CurrentUser, RequiresPermission } from '@vanthu/server/core';
import { DeadLetterRetryResponse, Permission, QueueHealth } from '@vanthu/shared/contracts';
import type { Response } from 'express';

import { QueueOperationsService } from './queue-operations.service';

@ApiTags('operations')
@Controller()
export class QueueOperationsController {
  constructor(private readonly operations: QueueOperationsService) {}

  @RequiresPermission(Permission.OperateQueues)
  @Get('health/queues')
  @ApiOkResponse({ description: 'Counts per queue, dead letters and outbox backlog' })
  @ApiServiceUnavailableResponse({ description: 'Redis does not answer' })
  async health(@Res({ passthrough: true }) response: Response): Promise<QueueHealth> {
    const result = await this.operations.health();
    response.status(result.status === 'ok' ? 200 : 503);
    return result;
  }

  @RequiresPermission(Permission.OperateQueues)
  @Post('admin/queues/dead-letter/retry')
  @HttpCode(200)
  retryDeadLetters(@CurrentUser() user: AuthenticatedUser, @ClientAddress() ip: string): Promise<DeadLetterRetryResponse> {
    return this.operations.retryDeadLetters(user, ip);
  }
}
