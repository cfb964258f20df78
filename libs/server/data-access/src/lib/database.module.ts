import { Global, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { DataSource } from 'typeorm';

import { AuditService } from './audit.service';
import { CalendarService } from './calendar.service';
import { dataSourceOptions, ENTITIES } from './database';
import { OutboxService } from './outbox.service';
import { RedisModule } from './redis.module';
import { RegisterService } from './register.service';
import { FileStorage, LocalFileStorage } from './storage/file-storage';
import { databaseLock } from './transaction';

/**
 * Runs pending migrations on start under a database-wide lock, so that an API and a worker (or
 * several replicas) starting together migrate once and the others wait for the schema.
 */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const [lock] = await runner.query(`SELECT GET_LOCK(${databaseLock('migrations')}, 120) AS got`);
      if (Number(lock.got) !== 1) throw new Error('Could not take the migration lock within 120 s');
      try {
        const ran = await this.dataSource.runMigrations({ transaction: 'each' });
        if (ran.length) this.logger.log(`Applied ${ran.length} migration(s): ${ran.map((m) => m.name).join(', ')}`);
      } finally {
        await runner.query(`SELECT RELEASE_LOCK(${databaseLock('migrations')})`);
      }
    } finally {
      await runner.release();
    }
  }
}

/** The database (migrated on start), the shared Redis connection, file storage, and the audit log. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config, { migrationsRun: false }),
    }),
    TypeOrmModule.forFeature(ENTITIES),
    RedisModule,
  ],
  providers: [
    AuditService,
    MigrationRunner,
    RegisterService,
    OutboxService,
    CalendarService,
    // Files by content hash on a local folder; an S3-compatible store would be provided here instead.
    { provide: FileStorage, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalFileStorage(config.storageDir) },
  ],
  exports: [TypeOrmModule, RedisModule, AuditService, RegisterService, OutboxService, CalendarService, FileStorage],
})
export class DatabaseModule {}
