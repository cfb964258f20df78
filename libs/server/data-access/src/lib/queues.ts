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

/** What closeQueue needs of a BullMQ queue (or worker). */
interface Closable {
  waitUntilReady(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Closes a BullMQ queue once its connection has finished starting. BullMQ 5 closing a connection
 * that is still starting (an API refused by a start-up check a few milliseconds after its queues
 * were made) drops every listener while the start-up's version check is in flight; its failure is
 * then emitted with no one listening, an unhandled error that ends the process or fails a test.
 * Waits at most `waitMs` for the start (Redis away: closes anyway).
 */
export async function closeQueue(queue: Closable, waitMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
  await Promise.race([queue.waitUntilReady().catch(() => undefined), waited]);
  clearTimeout(timer);
  await queue.close();
}
