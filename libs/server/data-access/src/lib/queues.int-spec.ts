import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

import { closeQueue } from './queues';

const REDIS = { host: '127.0.0.1', port: 6379 };

describe('closeQueue (real Redis)', () => {
  const prefix = `vt-close-${process.pid}-${Date.now()}`;
  const unhandled: unknown[] = [];
  const record = (error: unknown) => unhandled.push(error);

  beforeAll(() => process.on('unhandledRejection', record));
  afterAll(async () => {
    process.off('unhandledRejection', record);
    const redis = new Redis(REDIS);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('closes queues a few milliseconds after they were made (an API refused at start-up) with no unhandled error', async () => {
    // With queue.close() alone, about one in five of these ended in "Stream isn't writeable and
    // enableOfflineQueue options is false", emitted after BullMQ had dropped every listener.
    for (let i = 0; i < 20; i++) {
      const queue = new Queue(`close-${i}`, { connection: { ...REDIS, enableOfflineQueue: false, maxRetriesPerRequest: 1 }, prefix });
      queue.on('error', () => undefined);
      await new Promise((resolve) => setTimeout(resolve, i % 5));
      await closeQueue(queue);
    }
    // A late failure of a start-up check would surface within a few ticks.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(unhandled).toEqual([]);
  });
});
