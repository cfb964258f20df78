import { AppConfig } from '@vanthu/server/core';

/**
 * What the worker and the API replicas tell each other over Redis pub/sub so that every open tab
 * of a person, on whichever replica it is connected, hears at once. Messages carry ids only: the
 * replica holding the stream reads the item from the database.
 */
export type LiveMessage = { type: 'created'; userId: number; notificationId: string } | { type: 'read'; userId: number };

/** Pub/sub channels are not prefixed by BullMQ: the installation's prefix keeps installations (and test files) apart. */
export function liveChannel(config: AppConfig): string {
  return `${config.redis.prefix}:notifications:live`;
}

export function parseLiveMessage(raw: string): LiveMessage | null {
  try {
    const message = JSON.parse(raw) as Partial<LiveMessage>;
    if (typeof message.userId !== 'number') return null;
    if (message.type === 'created' && typeof message.notificationId === 'string') return message as LiveMessage;
    if (message.type === 'read') return message as LiveMessage;
    return null;
  } catch {
    return null;
  }
}
