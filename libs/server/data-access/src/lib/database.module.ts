import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';

import { AuditService } from './audit.service';
import { dataSourceOptions, ENTITIES } from './database';
import { RedisModule } from './redis.module';

/** The database (migrated on start), the shared Redis connection, and the audit log. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config),
    }),
    TypeOrmModule.forFeature(ENTITIES),
    RedisModule,
  ],
  providers: [AuditService],
  exports: [TypeOrmModule, RedisModule, AuditService],
})
export class DatabaseModule {}
