import { AppConfig } from '@vanthu/server/core';
import type { ConnectionOptions } from 'bullmq';

import { redisOptions } from './redis.module';

/** Names of the BullMQ queues; producers (API) and processors (worker) share them. */
export const QUEUES = {
  /** Housekeeping: expired sessions, later retention jobs. */
  maintenance: 'maintenance',
  /** One job per outbox event, relayed from the database; its processor finds the recipients. */
  notifyEvents: 'notify-events',
  /** One job per (event, recipient): the in-app notification. */
  notifyInApp: 'notify-in-app',
  /** One job per (event, recipient): the e-mail. */
  notifyEmail: 'notify-email',
  /** Jobs that used every attempt, kept with their error until an administrator retries them. */
  notifyDeadLetter: 'notify-dead-letter',
  /** The repeatable deadline scan (deadline near / passed). */
  reminders: 'reminders',
  /** One job per edXML packet taken from the exchange inbox folder. */
  exchangeImport: 'exchange-import',
} as const;

/**
 * BullMQ's connection: unlike the command client it must queue commands while Redis is away and
 * retry forever (`maxRetriesPerRequest: null`), or workers would stop for good on a blip.
 */
export function bullConnection(config: AppConfig): ConnectionOptions {
  return redisOptions(config, { maxRetriesPerRequest: null, enableOfflineQueue: true });
}
