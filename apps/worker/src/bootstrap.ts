import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@vanthu/server/core';
import { Logger } from 'nestjs-pino';

import { WorkerModule } from './worker.module';

/** The worker: no HTTP, only queue processors, on the same database and Redis as the API. */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  worker.useLogger(worker.get(Logger));
  // On SIGTERM/SIGINT Nest closes the BullMQ workers, which finish the job in hand first.
  worker.enableShutdownHooks();
  return worker;
}
