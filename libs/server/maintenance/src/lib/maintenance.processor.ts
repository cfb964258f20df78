import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUEUES } from '@vanthu/server/data-access';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';

export const PURGE_EXPIRED_SESSIONS = 'purge-expired-sessions';

export interface PurgeResult {
  deleted: number;
}

/** Housekeeping jobs. Each is idempotent: running it twice does no harm. */
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger('Maintenance');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async process(job: Job): Promise<PurgeResult> {
    switch (job.name) {
      case PURGE_EXPIRED_SESSIONS:
        return this.purgeExpiredSessions();
      default:
        throw new Error(`Unknown maintenance job "${job.name}"`);
    }
  }

  private async purgeExpiredSessions(): Promise<PurgeResult> {
    const result = await this.dataSource.query('DELETE FROM session WHERE expires_at <= UTC_TIMESTAMP(3)');
    const deleted = Number(result.affectedRows ?? 0);
    if (deleted) this.logger.log(`Purged ${deleted} expired session(s)`);
    return { deleted };
  }
}

/** Registers the repeatable housekeeping jobs once; BullMQ's job scheduler keeps one per id across replicas. */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.maintenance) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(PURGE_EXPIRED_SESSIONS, { every: 60 * 60 * 1000 }, { name: PURGE_EXPIRED_SESSIONS, opts: { removeOnComplete: 100, removeOnFail: 500 } });
  }
}
