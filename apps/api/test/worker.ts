import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, AppConfigModule } from '@vanthu/server/core';
import { DatabaseModule } from '@vanthu/server/data-access';
import { NotificationsWorkerModule } from '@vanthu/server/notifications';
import { DataSource } from 'typeorm';

@Module({})
class NotificationsWorkerHost {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: NotificationsWorkerHost, imports: [AppConfigModule.forRoot(config), DatabaseModule, NotificationsWorkerModule] };
  }
}

/**
 * The worker's notification side (outbox relay, fan-out, in-app delivery) in this process, on the
 * test app's database and Redis prefix: what `apps/worker` runs, without spawning it.
 */
export async function startNotificationsWorker(config: AppConfig): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(NotificationsWorkerHost.forRoot(config), { logger: false });
  await worker.init();
  return worker;
}

/** The in-app notifications a person got, newest first, once `count` of `kind` have arrived (or the time is up). */
export async function notificationsOf(dataSource: DataSource, userId: number, kind: string, count = 1, timeoutMs = 20_000): Promise<Array<{ title_vi: string; title_en: string; body_vi: string; body_en: string }>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await dataSource.query('SELECT title_vi, title_en, body_vi, body_en FROM notification WHERE user_id = ? AND kind = ? ORDER BY id DESC', [userId, kind]);
    if (rows.length >= count || Date.now() > until) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
