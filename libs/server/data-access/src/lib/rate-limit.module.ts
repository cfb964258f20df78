import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig, FailOpenStorage, rateLimitKey, rateLimitThrottlers } from '@vanthu/server/core';
import { Redis } from 'ioredis';

import { REDIS } from './redis.module';

/**
 * The per-user limits of expensive requests (`@RateLimited`), counted in the shared Redis (the
 * fail-fast client: while Redis is away requests pass) under the installation's key prefix.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, REDIS],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: rateLimitThrottlers(config),
        generateKey: rateLimitKey(config.redis.prefix),
        storage: new FailOpenStorage(new ThrottlerStorageRedisService(redis)),
      }),
    }),
  ],
})
export class RateLimitModule {}
