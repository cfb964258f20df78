import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { bullConnection, QUEUES } from '@vanthu/server/data-access';
import { Job, Processor, Worker } from 'bullmq';

import { DEADLINE_SCAN_SCHEDULER, EventJobData, JOB, RecipientJobData, ScanDeadlinesJobData } from '../queue/notification-jobs';
import { logRedisErrors } from '../queue/redis-errors';
import { DeadLetters } from './dead-letters';
import { DeadlineReminders, ReminderScanResult } from './deadline-reminders';
import { DepositReminders } from './deposit-reminders';
import { UnopenedReminders } from './unopened-reminders';
import { EmailDelivery } from './email-delivery';
import { FanOut } from './fan-out';
import { InAppDelivery } from './in-app-delivery';
import { EMAIL_CONCURRENCY } from './mailer';
import { WorkerQueues } from './worker-queues';

/** In-app jobs are one indexed insert each: many at once keep the database busy, not waiting. */
const IN_APP_CONCURRENCY = 50;
const FAN_OUT_CONCURRENCY = 4;
/** How long SIGTERM waits for jobs in hand before releasing them to another worker. */
const SHUTDOWN_GRACE_MS = 25_000;

/**
 * The BullMQ workers of the notification queues, created here (not with `@Processor`) because
 * their concurrency and lock come from the configuration. On shutdown (SIGTERM) each finishes the
 * jobs in hand before the database closes; past the grace period it lets them go, and their locks
 * expire so that another worker takes them over.
 */
@Injectable()
export class NotificationWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('NotificationWorkers');
  private workers: Worker[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: WorkerQueues,
    private readonly fanOut: FanOut,
    private readonly inApp: InAppDelivery,
    private readonly email: EmailDelivery,
    private readonly reminders: DeadlineReminders,
    private readonly unopened: UnopenedReminders,
    private readonly deposits: DepositReminders,
    private readonly deadLetters: DeadLetters,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.workers = [
      this.start(QUEUES.notifyEvents, (job: Job<EventJobData>) => this.fanOut.fanOut(job), FAN_OUT_CONCURRENCY),
      this.start(QUEUES.notifyInApp, (job: Job<RecipientJobData>) => this.inApp.deliver(job), IN_APP_CONCURRENCY),
      this.start(QUEUES.notifyEmail, (job: Job<RecipientJobData>) => this.email.deliver(job), EMAIL_CONCURRENCY),
      this.start(QUEUES.reminders, (job: Job<ScanDeadlinesJobData>) => this.scanReminders(job.data.now ? new Date(job.data.now) : undefined), 1, false),
    ];
    // Not awaited: with Redis away at start the worker still starts (the relay keeps events waiting).
    void this.prepare().catch((error: unknown) => this.logger.warn(`Queue set-up deferred: ${(error as Error).message}`));
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((worker) => this.stop(worker)));
  }

  /** Deadlines of assignments, copies nobody opened, then files due at the archive, in the same scheduled job. */
  private async scanReminders(now: Date | undefined): Promise<ReminderScanResult & { unopened: Awaited<ReturnType<UnopenedReminders['scan']>>; deposits: number }> {
    const deadlines = await this.reminders.scan(now);
    const unopened = await this.unopened.scan(now);
    return { ...deadlines, unopened, deposits: await this.deposits.scan(now) };
  }

  private async prepare(): Promise<void> {
    await this.queues.reminders.upsertJobScheduler(
      DEADLINE_SCAN_SCHEDULER,
      { every: this.config.notifications.reminderEveryMinutes * 60_000 },
      { name: JOB.scanDeadlines, data: {}, opts: { removeOnComplete: 100, removeOnFail: 500 } },
    );
    for (const queue of [this.queues.events, this.queues.inApp, this.queues.email]) await this.deadLetters.sweep(queue);
  }

  private start<T>(name: string, process: Processor<T>, concurrency: number, deadLetter = true): Worker<T> {
    const lockMs = this.config.notifications.queueLockMs;
    const worker = new Worker<T>(name, process, {
      connection: bullConnection(this.config),
      prefix: this.config.redis.prefix,
      concurrency,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      // A job whose worker died twice in a row is dead-lettered rather than tried forever.
      maxStalledCount: 2,
    });
    logRedisErrors(worker, this.logger, `Worker ${name}`);
    if (deadLetter) {
      worker.on('failed', (job, error) => {
        if (job) void this.deadLetterIfFinal(name, job, error).catch((e: unknown) => this.logger.error(`Dead-lettering ${name} job ${job.id} failed: ${(e as Error).message}`));
      });
    }
    return worker;
  }

  private async deadLetterIfFinal(queueName: string, job: Job, error: Error): Promise<void> {
    // `failed` fires for every failed attempt; only a job that will not be retried is dead.
    if ((await job.getState()) !== 'failed') return;
    await this.deadLetters.record(queueName, job, error.message);
  }

  private async stop(worker: Worker): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const graceful = worker.close().then(() => true);
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), SHUTDOWN_GRACE_MS)));
    const finished = await Promise.race([graceful, late]);
    clearTimeout(timer);
    if (!finished) {
      this.logger.warn(`Worker ${worker.name} still busy after ${SHUTDOWN_GRACE_MS} ms; releasing its jobs`);
      await worker.close(true);
    }
  }
}
