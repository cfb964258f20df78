import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { bullConnection, closeQueue, QUEUES } from '@vanthu/server/data-access';
import { Queue } from 'bullmq';

import { DeadLetterJobData, EventJobData, RecipientJobData, ScanDeadlinesJobData } from '../queue/notification-jobs';
import { logRedisErrors } from '../queue/redis-errors';

/**
 * The worker's producers. Their connection queues commands while Redis is away (BullMQ's
 * connection), which suits jobs adding jobs: a processor that cannot reach Redis cannot finish either.
 */
@Injectable()
export class WorkerQueues implements OnApplicationShutdown {
  private readonly logger = new Logger('NotificationQueues');
  readonly events: Queue<EventJobData>;
  readonly inApp: Queue<RecipientJobData>;
  readonly email: Queue<RecipientJobData>;
  readonly deadLetter: Queue<DeadLetterJobData>;
  readonly reminders: Queue<ScanDeadlinesJobData>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const options = { connection: bullConnection(config), prefix: config.redis.prefix };
    this.events = new Queue<EventJobData>(QUEUES.notifyEvents, options);
    this.inApp = new Queue<RecipientJobData>(QUEUES.notifyInApp, options);
    this.email = new Queue<RecipientJobData>(QUEUES.notifyEmail, options);
    this.deadLetter = new Queue<DeadLetterJobData>(QUEUES.notifyDeadLetter, options);
    this.reminders = new Queue<ScanDeadlinesJobData>(QUEUES.reminders, options);
    for (const queue of this.all()) logRedisErrors(queue, this.logger, `Queue ${queue.name}`);
  }

  all(): Queue[] {
    return [this.events, this.inApp, this.email, this.deadLetter, this.reminders];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.all().map((queue) => closeQueue(queue)));
  }
}
