import { AppConfig } from '@vanthu/server/core';
import type { ConnectionOptions } from 'bullmq';

import { redisOptions } from './redis.module';

/** Names of the BullMQ queues; producers (API) and processors (worker) share them. */
export const QUEUES = {
  /** Housekeeping: expired sessions, later retention jobs. */
  maintenance: 'maintenance',
} as const;

/**
 * BullMQ's connection: unlike the command client it must queue commands while Redis is away and
 * retry forever (`maxRetriesPerRequest: null`), or workers would stop for good on a blip.
 */
export function bullConnection(config: AppConfig): ConnectionOptions {
  return redisOptions(config, { maxRetriesPerRequest: null, enableOfflineQueue: true });
}
