import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule } from '@vanthu/server/core';
import { bullConnection, DatabaseModule } from '@vanthu/server/data-access';
import { ExchangeWorkerModule } from '@vanthu/server/exchange';
import { MaintenanceModule } from '@vanthu/server/maintenance';
import { NotificationsWorkerModule } from '@vanthu/server/notifications';
import { LoggerModule } from 'nestjs-pino';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } }),
        DatabaseModule,
        BullModule.forRoot({ connection: bullConnection(config), prefix: config.redis.prefix }),
        MaintenanceModule,
        NotificationsWorkerModule,
        ExchangeWorkerModule,
      ],
    };
  }
}
