import { DynamicModule, Module, RequestMethod, Type } from '@nestjs/common';
import { AuthModule } from '@vanthu/server/auth';
import { AppConfig, AppConfigModule } from '@vanthu/server/core';
import { DatabaseModule, RateLimitModule } from '@vanthu/server/data-access';
import { DocumentsModule } from '@vanthu/server/documents';
import { ExchangeModule } from '@vanthu/server/exchange';
import { HealthModule } from '@vanthu/server/health';
import { NotificationsApiModule } from '@vanthu/server/notifications';
import { OrganisationsModule } from '@vanthu/server/organisations';
import { RecordsModule } from '@vanthu/server/records';
import { SigningModule } from '@vanthu/server/signing';
import { LoggerModule } from 'nestjs-pino';

@Module({})
export class AppModule {
  /** `extra`: modules only a benchmark adds (tools/bench/support/naive-api.ts); production passes none. */
  static forRoot(config: AppConfig, extra: Array<Type | DynamicModule> = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers["x-xsrf-token"]', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        DatabaseModule,
        RateLimitModule,
        AuthModule,
        OrganisationsModule,
        SigningModule,
        DocumentsModule,
        ExchangeModule,
        RecordsModule,
        HealthModule,
        NotificationsApiModule,
        ...extra,
      ],
    };
  }
}
