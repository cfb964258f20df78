import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, Req, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, ClientAddress, CurrentUser, RequiresPermission } from '@vanthu/server/core';
import { NotificationListResponse, NotificationSettings, UnreadCountResponse } from '@vanthu/shared/contracts';
import type { Request } from 'express';
import { Observable } from 'rxjs';

import { NotificationListQueryDto, UpdateNotificationSettingsDto } from './dto';
import { NotificationStream } from './notification-stream.service';
import { NotificationsService } from './notifications.service';

/** The logged-in person's own notifications; nobody reaches another person's. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly stream: NotificationStream,
  ) {}

  @RequiresPermission()
  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: NotificationListQueryDto): Promise<NotificationListResponse> {
    return this.notifications.list(user, query);
  }

  @RequiresPermission()
  @Get('unread-count')
  unreadCount(@CurrentUser() user: AuthenticatedUser): Promise<UnreadCountResponse> {
    return this.notifications.unreadCount(user);
  }

  @RequiresPermission()
  @Post('read-all')
  @HttpCode(200)
  markAllRead(@CurrentUser() user: AuthenticatedUser): Promise<UnreadCountResponse> {
    return this.notifications.markAllRead(user);
  }

  @RequiresPermission()
  @Post(':id/read')
  @HttpCode(200)
  markRead(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<UnreadCountResponse> {
    return this.notifications.markRead(user, id);
  }

  @RequiresPermission()
  @Get('settings')
  settings(@CurrentUser() user: AuthenticatedUser): Promise<NotificationSettings> {
    return this.notifications.settings(user);
  }

  @RequiresPermission()
  @Put('settings')
  updateSettings(@CurrentUser() user: AuthenticatedUser, @Body() body: UpdateNotificationSettingsDto, @ClientAddress() ip: string): Promise<NotificationSettings> {
    return this.notifications.updateSettings(user, body, ip);
  }

  @RequiresPermission()
  @Sse('stream')
  @ApiOkResponse({ description: 'text/event-stream: ready, notification, unread and heartbeat events' })
  live(@CurrentUser() user: AuthenticatedUser, @Req() request: Request): Observable<unknown> {
    // A reverse proxy (nginx) passes each event on at once instead of filling its buffer first.
    request.res?.setHeader('X-Accel-Buffering', 'no');
    return this.stream.open(user, request);
  }
}
