import { ThrottlerStorage } from '@nestjs/throttler';

import { FailOpenStorage, rateLimitKey } from './rate-limit';

describe('per-user rate limits', () => {
  it('lets requests through while Redis cannot count them, and counts again when it can', async () => {
    let down = true;
    const inner: ThrottlerStorage = {
      increment: async () => {
        if (down) throw new Error('Connection is closed.');
        return { totalHits: 5, timeToExpire: 30, isBlocked: true, timeToBlockExpire: 30 };
      },
    };
    const storage = new FailOpenStorage(inner);
    expect(await storage.increment('k', 60_000, 3, 60_000, 'search')).toMatchObject({ isBlocked: false });
    down = false;
    expect(await storage.increment('k', 60_000, 3, 60_000, 'search')).toMatchObject({ isBlocked: true, totalHits: 5 });
  });

  it('keeps one bucket per installation, kind and user, whatever the route', () => {
    const key = rateLimitKey('vanthu');
    expect(key({} as never, 'user-7', 'sign')).toBe('vanthu:rate:sign:user-7');
  });
});
