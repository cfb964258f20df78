import { AppConfig } from '@vanthu/server/core';
import { QUEUES } from '@vanthu/server/data-access';
import type { JobsOptions } from 'bullmq';

/** Job names, as they show in the queues. */
export const JOB = {
  /** notify-events: one outbox event, to be fanned out to its recipients. */
  event: 'outbox-event',
  inApp: 'in-app',
  email: 'email',
  deadLetter: 'dead-letter',
  /** reminders: the repeatable deadline scan. */
  scanDeadlines: 'scan-deadlines',
} as const;

/** The scheduler id of the repeatable deadline scan (one per installation, whatever the replicas). */
export const DEADLINE_SCAN_SCHEDULER = 'deadline-reminders';

export interface EventJobData {
  eventId: string;
}

/** Kept to two ids: the text is rendered from the outbox row, so a queued job costs little Redis memory. */
export interface RecipientJobData {
  eventId: string;
  userId: number;
}

export interface DeadLetterJobData {
  queue: string;
  jobId: string;
  name: string;
  data: unknown;
  error: string;
  attemptsMade: number;
  failedAt: string;
}

export interface ScanDeadlinesJobData {
  /** The instant to scan as (ISO 8601); the scheduler leaves it out and the worker's clock is used. */
  now?: string;
}

// Deterministic ids: adding the same job twice (a relay re-run, a retried fan-out) is a no-op in BullMQ,
// and the database keys below it catch whatever a removed-then-re-added job would repeat.
export const jobIds = {
  event: (eventId: string) => `event-${eventId}`,
  inApp: (eventId: string, userId: number) => `in-app-${eventId}-${userId}`,
  email: (eventId: string, userId: number) => `email-${eventId}-${userId}`,
  deadLetter: (queue: string, jobId: string) => `${queue}--${jobId}`,
};

/** The queues whose failed jobs end in the dead-letter queue, and that an administrator retries into. */
export const DELIVERY_QUEUES = [QUEUES.notifyEvents, QUEUES.notifyInApp, QUEUES.notifyEmail] as const;
export type DeliveryQueue = (typeof DELIVERY_QUEUES)[number];

export function isDeliveryQueue(name: string): name is DeliveryQueue {
  return (DELIVERY_QUEUES as readonly string[]).includes(name);
}

/** Retries with exponential backoff; completed jobs are kept an hour so that BullMQ itself drops duplicates. */
export function deliveryJobOptions(config: AppConfig): JobsOptions {
  return {
    attempts: config.notifications.maxAttempts,
    backoff: { type: 'exponential', delay: config.notifications.backoffMs },
    removeOnComplete: { age: 3600, count: 10_000 },
    // Failed jobs stay (their copy waits in the dead-letter queue) until retried or two weeks old.
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}
