import { DynamicModule, Global, Module } from '@nestjs/common';

import { APP_CONFIG, AppConfig } from './config';

/** Makes the validated {@link AppConfig} injectable everywhere as `@Inject(APP_CONFIG)`. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AppConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
