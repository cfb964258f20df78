import { Injectable, Logger } from '@nestjs/common';
import { Job, Queue } from 'bullmq';

import { JOB, jobIds } from '../queue/notification-jobs';
import { WorkerQueues } from './worker-queues';

/**
 * Keeps a copy of every job that used all its attempts, with its error, in the dead-letter queue
 * (nothing processes that queue: jobs wait there for an administrator's retry). The copy's id is
 * derived from the job's, so recording twice keeps one.
 */
@Injectable()
export class DeadLetters {
  private readonly logger = new Logger('DeadLetters');

  constructor(private readonly queues: WorkerQueues) {}

  async record(queueName: string, job: Job, error: string): Promise<void> {
    if (!job.id) return;
    await this.queues.deadLetter.add(
      JOB.deadLetter,
      { queue: queueName, jobId: job.id, name: job.name, data: job.data, error, attemptsMade: job.attemptsMade, failedAt: new Date(job.finishedOn ?? Date.now()).toISOString() },
      { jobId: jobIds.deadLetter(queueName, job.id), removeOnComplete: true, removeOnFail: true },
    );
    this.logger.warn(`Dead-lettered ${queueName} job ${job.id} after ${job.attemptsMade} attempt(s): ${error}`);
  }

  /** Records failed jobs a crashed worker had no time to record; run at start. */
  async sweep(queue: Queue): Promise<number> {
    let recorded = 0;
    for (let start = 0; ; start += 500) {
      const failed = await queue.getFailed(start, start + 499);
      for (const job of failed) {
        if (!job.id || (await this.queues.deadLetter.getJob(jobIds.deadLetter(queue.name, job.id)))) continue;
        await this.record(queue.name, job, job.failedReason ?? 'failed');
        recorded += 1;
      }
      if (failed.length < 500) return recorded;
    }
  }
}
