import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { bullConnection, FileStorage, QUEUES, STORED_FILE_REFERENCES } from '@vanthu/server/data-access';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';

export const PURGE_EXPIRED_SESSIONS = 'purge-expired-sessions';
export const RETENTION = 'retention';

export interface PurgeResult {
  deleted: number;
}

/** What a retention run removed. */
export interface RetentionResult {
  outboxEvents: number;
  /** E-mail delivery records of outbox events already removed. */
  deliveries: number;
  signingPreparations: number;
  /** Expired VGCA Sign Service tickets. */
  pluginTickets: number;
  jobs: number;
  files: number;
}

export interface RetentionJobData {
  /** The instant to judge ages from (ISO 8601); the scheduler leaves it out and the worker's clock is used. */
  now?: string;
}

// Rows deleted per statement: short transactions, so the relay and the route never wait long.
const DELETE_BATCH = 5_000;
const JOB_CLEAN_BATCH = 10_000;

/** Housekeeping jobs. Each is idempotent: running it twice does no harm. */
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnModuleDestroy {
  private readonly logger = new Logger('Maintenance');
  private queues: Queue[] | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: FileStorage,
  ) {
    super();
  }

  async process(job: Job): Promise<PurgeResult | RetentionResult> {
    switch (job.name) {
      case PURGE_EXPIRED_SESSIONS:
        return this.purgeExpiredSessions();
      case RETENTION:
        return this.applyRetention((job.data as RetentionJobData).now ? new Date((job.data as RetentionJobData).now as string) : new Date());
      default:
        throw new Error(`Unknown maintenance job "${job.name}"`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all((this.queues ?? []).map((queue) => queue.close()));
  }

  private async purgeExpiredSessions(): Promise<PurgeResult> {
    const result = await this.dataSource.query('DELETE FROM session WHERE expires_at <= UTC_TIMESTAMP(3)');
    const deleted = Number(result.affectedRows ?? 0);
    if (deleted) this.logger.log(`Purged ${deleted} expired session(s)`);
    return { deleted };
  }

  /**
   * RETENTION_*: relayed outbox events (then the delivery records of removed events) and finished
   * queue jobs past their age, expired signing
   * preparations, and stored files no record refers to (a killed upload's bytes) past theirs.
   */
  private async applyRetention(now: Date): Promise<RetentionResult> {
    const { outboxDays, jobDays, orphanFileHours } = this.config.retention;
    const outboxBefore = new Date(now.getTime() - outboxDays * 86_400_000);
    const filesBefore = new Date(now.getTime() - orphanFileHours * 3_600_000);
    const result: RetentionResult = { outboxEvents: 0, deliveries: 0, signingPreparations: 0, pluginTickets: 0, jobs: 0, files: 0 };

    // Only settled events: relayed, and every delivery found done (an unrelayed one still waits for
    // Redis, an unsettled one for the reconciler). The newest row always stays:
    // its id keeps AUTO_INCREMENT ahead, so a new event can never reuse the id of one people were
    // notified of (notifications are unique per event id and person).
    const [newest] = await this.dataSource.query('SELECT MAX(id) AS id FROM outbox_event');
    if (newest?.id !== null && newest?.id !== undefined) {
      for (;;) {
        const deleted = await this.dataSource.query(`DELETE FROM outbox_event WHERE settled_at IS NOT NULL AND published_at < ? AND id < ? LIMIT ${DELETE_BATCH}`, [outboxBefore, newest.id]);
        result.outboxEvents += Number(deleted.affectedRows ?? 0);
        if (Number(deleted.affectedRows ?? 0) < DELETE_BATCH) break;
      }
    }

    // A delivery record is what stops a retried job sending an e-mail twice: it goes only once its
    // event is gone (settled, so never delivered again) and it is itself past the outbox's age.
    for (;;) {
      const deleted = await this.dataSource.query(
        `DELETE FROM notification_delivery WHERE updated_at < ? AND NOT EXISTS (SELECT 1 FROM outbox_event e WHERE e.id = notification_delivery.event_id) LIMIT ${DELETE_BATCH}`,
        [outboxBefore],
      );
      result.deliveries += Number(deleted.affectedRows ?? 0);
      if (Number(deleted.affectedRows ?? 0) < DELETE_BATCH) break;
    }

    const preparations = await this.dataSource.query('DELETE FROM signing_preparation WHERE expires_at < ?', [filesBefore]);
    result.signingPreparations = Number(preparations.affectedRows ?? 0);
    // VGCA Sign Service tickets live minutes; kept as long as preparations, then of no use to anyone.
    const tickets = await this.dataSource.query('DELETE FROM signing_plugin_ticket WHERE expires_at < ?', [filesBefore]);
    result.pluginTickets = Number(tickets.affectedRows ?? 0);

    // Completed and failed jobs older than their age; waiting, delayed and dead-lettered ones stay.
    // BullMQ measures a job's age from the worker's clock: shift the grace by how far `now` is ahead of it.
    const graceMs = Math.max(0, jobDays * 86_400_000 - (now.getTime() - Date.now()));
    for (const queue of this.allQueues()) {
      for (const state of ['completed', 'failed'] as const) {
        for (;;) {
          const removed = await queue.clean(graceMs, JOB_CLEAN_BATCH, state);
          result.jobs += removed.length;
          if (removed.length < JOB_CLEAN_BATCH) break;
        }
      }
    }

    result.files = (await this.storage.sweep((hashes) => this.referenced(hashes), filesBefore)).removed;
    if (result.outboxEvents || result.deliveries || result.jobs || result.files || result.signingPreparations || result.pluginTickets) {
      this.logger.log(`Retention removed ${result.outboxEvents} outbox event(s), ${result.deliveries} delivery record(s), ${result.jobs} job(s), ${result.signingPreparations} signing preparation(s), ${result.pluginTickets} plugin ticket(s), ${result.files} unreferenced file(s)`);
    }
    return result;
  }

  /** Which of these hashes some record still refers to. */
  private async referenced(hashes: string[]): Promise<Set<string>> {
    if (!hashes.length) return new Set();
    const rows: Array<{ sha: string }> = await this.dataSource.query(
      STORED_FILE_REFERENCES.map(({ table, column }) => `SELECT ${column} AS sha FROM ${table} WHERE ${column} IN (?)`).join(' UNION '),
      STORED_FILE_REFERENCES.map(() => hashes),
    );
    return new Set(rows.map((r) => r.sha));
  }

  private allQueues(): Queue[] {
    this.queues ??= Object.values(QUEUES).map((name) => new Queue(name, { connection: bullConnection(this.config), prefix: this.config.redis.prefix }));
    return this.queues;
  }
}

/** Registers the repeatable housekeeping jobs once; BullMQ's job scheduler keeps one per id across replicas. */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUES.maintenance) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(PURGE_EXPIRED_SESSIONS, { every: 60 * 60 * 1000 }, { name: PURGE_EXPIRED_SESSIONS, opts: { removeOnComplete: 100, removeOnFail: 500 } });
    await this.queue.upsertJobScheduler(
      RETENTION,
      { every: this.config.retention.everyHours * 3_600_000 },
      { name: RETENTION, data: {}, opts: { removeOnComplete: 100, removeOnFail: 500 } },
    );
  }
}
