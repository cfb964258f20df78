export * from './lib/api/notifications-api.module';
export * from './lib/worker/notifications-worker.module';
export { OutboxRelay } from './lib/worker/outbox-relay';
export { DeadlineReminders, REMINDER_CLOCK, type ReminderClock, type ReminderScanResult } from './lib/worker/deadline-reminders';
export { DepositReminders, DEPOSIT_REMINDER_DAYS } from './lib/worker/deposit-reminders';
export { recipientJobs } from './lib/worker/fan-out';
export { composeEmail, documentUrl, renderNotification, type NotificationEvent } from './lib/texts/notification-texts';
export * from './lib/queue/notification-jobs';
export { liveChannel } from './lib/queue/live-channel';
