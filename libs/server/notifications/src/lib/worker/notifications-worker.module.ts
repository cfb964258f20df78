import { Module } from '@nestjs/common';

import { DeadLetters } from './dead-letters';
import { DeadlineReminders, REMINDER_CLOCK, ReminderClock } from './deadline-reminders';
import { DeliveryReconciler } from './delivery-reconciler';
import { DepositReminders } from './deposit-reminders';
import { EmailDelivery } from './email-delivery';
import { FanOut } from './fan-out';
import { InAppDelivery } from './in-app-delivery';
import { Mailer } from './mailer';
import { NotificationEvents } from './notification-events';
import { NotificationWorkers } from './notification-workers';
import { OutboxRelay } from './outbox-relay';
import { RecipientResolver } from './recipients';
import { UnopenedReminders } from './unopened-reminders';
import { WorkerQueues } from './worker-queues';

/**
 * The worker's side of notifications: the outbox relay, the fan-out to recipients, the in-app and
 * e-mail deliveries with their dead-letter queue, the reconciler that queues again what Redis lost,
 * the deadline reminder scan and the archive deposit reminder. Needs the
 * DatabaseModule (database, Redis, outbox, audit, calendar) and the configuration.
 */
@Module({
  providers: [
    WorkerQueues,
    OutboxRelay,
    NotificationEvents,
    RecipientResolver,
    Mailer,
    FanOut,
    InAppDelivery,
    EmailDelivery,
    DeadLetters,
    DeadlineReminders,
    UnopenedReminders,
    DepositReminders,
    DeliveryReconciler,
    { provide: REMINDER_CLOCK, useValue: (() => new Date()) satisfies ReminderClock },
    NotificationWorkers,
  ],
  exports: [OutboxRelay, DeadlineReminders, UnopenedReminders, DepositReminders, DeliveryReconciler],
})
export class NotificationsWorkerModule {}
