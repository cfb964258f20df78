import { Module } from '@nestjs/common';

import { NotificationStream } from './notification-stream.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { QueueOperationsController } from './queue-operations.controller';
import { QueueOperationsService } from './queue-operations.service';

/**
 * The API's side of notifications: the person's list, read marks, settings and live stream, and
 * the administrators' queue health and dead-letter retry. Needs the DatabaseModule and the
 * configuration; the session guard of the auth module protects every route.
 */
@Module({
  controllers: [NotificationsController, QueueOperationsController],
  providers: [NotificationsService, NotificationStream, QueueOperationsService],
})
export class NotificationsApiModule {}
