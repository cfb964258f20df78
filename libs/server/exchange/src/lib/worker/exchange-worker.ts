import { createHash } from 'node:crypto';

import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DomainError } from '@vanthu/server/core';
import { bullConnection, closeQueue, QUEUES } from '@vanthu/server/data-access';
import { DocumentsCoreModule } from '@vanthu/server/documents';
import { Job, Queue, Worker } from 'bullmq';

import { FolderGateway, PacketFolders } from '../gateway/folder-gateway';
import { ExchangeGateway, NoGateway } from '../gateway/gateway';
import { HttpGateway } from '../gateway/http-gateway';
import { PullClient } from '../gateway/pull-client';
import { PacketAwaitingDocument, PacketImporter } from '../inbound/packet-import.service';
import { PacketBuilder } from '../outbound/packet-builder';
import { PacketOutbox } from '../outbound/packet-outbox.service';

export interface ImportFileJob {
  name: string;
}

/** A file left in processing/ this long is taken for the work of a worker that stopped. */
const STALE_MS = 60_000;

export function gatewayFor(config: AppConfig): ExchangeGateway {
  if (config.exchange.gateway === 'folder') return new FolderGateway(config.exchange.outboxDir);
  if (config.exchange.gateway === 'http' && config.exchange.httpUrl) return new HttpGateway(config.exchange.httpUrl, config.exchange.httpToken);
  return new NoGateway();
}

/**
 * The folder adapter's reading side, the pull client and the outgoing passes, in the worker. Every
 * `pollMs`: packets in the inbox are taken (renamed into processing/) and one BullMQ job per file is added
 * with a job id from its name; packets waiting at the pull URL are fetched and imported; dispatches to external recipients become packets; the route's
 * progress on documents from outside becomes status packets; pending packets go to the gateway.
 * The import job reads the file, imports it in one transaction and only then moves it to done/
 * (a refusal: to rejected/ with a reason file); a failure is retried with backoff, and a file a
 * dead worker left in processing/ is taken again — importing the same bytes twice changes nothing.
 */
@Injectable()
export class ExchangeWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ExchangeWorker');
  private readonly folders: PacketFolders;
  private readonly gateway: ExchangeGateway;
  private readonly pull: PullClient | null;
  private queue: Queue<ImportFileJob> | null = null;
  private worker: Worker<ImportFileJob> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly importer: PacketImporter,
    private readonly outbox: PacketOutbox,
  ) {
    this.folders = new PacketFolders(config.exchange.inboxDir);
    this.gateway = gatewayFor(config);
    this.pull = config.exchange.pullUrl ? new PullClient(config.exchange.pullUrl, config.exchange.pullToken, 60_000, config.exchange.maxAttempts) : null;
  }

  onApplicationBootstrap(): void {
    const options = { connection: bullConnection(this.config), prefix: this.config.redis.prefix };
    this.queue = new Queue<ImportFileJob>(QUEUES.exchangeImport, options);
    this.worker = new Worker<ImportFileJob>(QUEUES.exchangeImport, (job: Job<ImportFileJob>) => this.importFile(job.data.name, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)), {
      ...options,
      concurrency: 2,
    });
    this.queue.on('error', (e) => this.logger.warn(`Queue: ${e.message}`));
    this.worker.on('error', (e) => this.logger.warn(`Worker: ${e.message}`));
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
    await this.worker?.close();
    if (this.queue) await closeQueue(this.queue);
  }

  /** One pass of everything; also what tests call to run the adapter at once. */
  async pass(): Promise<void> {
    if (this.config.exchange.readInbox) await this.takeInbox();
    if (this.pull) await this.pull.pullAll((bytes, final) => this.importer.receive(bytes, 'pull', { final, awaitReplaced: true }));
    await this.outbox.exportQueued();
    await this.outbox.reportProgress();
    if (!(this.gateway instanceof NoGateway)) await this.outbox.deliverPending(this.gateway);
  }

  /**
   * Imports one taken file; acknowledges it (done/) only after the import committed. A packet
   * about a document not held yet (it may have overtaken it) fails the job, so that BullMQ tries
   * again with backoff; on the `final` attempt it is refused for good like any other refusal.
   */
  async importFile(name: string, final = true): Promise<string> {
    const bytes = await this.folders.read(name);
    if (!bytes) return 'gone';
    try {
      await this.importer.receive(bytes, 'folder', { final, awaitReplaced: true });
    } catch (error) {
      if (error instanceof PacketAwaitingDocument) {
        // Kept in processing/ meanwhile; a file left there by a dead worker is taken again anyway.
        this.logger.log(`Packet ${name} waits for its document: ${error.text.en}`);
        throw error;
      }
      // A refusal of the packet itself (a PacketRefused, or a file the document route refuses: a
      // damaged PDF, active content) will not change by trying again; anything else may.
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      await this.folders.markRejected(name, { code: error.code, ...error.text });
      this.logger.warn(`Packet ${name} refused: ${error.text.en}`);
      return 'rejected';
    }
    await this.folders.markDone(name);
    return 'done';
  }

  private async takeInbox(): Promise<void> {
    const names = [...(await this.folders.claim()), ...(await this.folders.stale(STALE_MS))];
    if (!names.length || !this.queue) return;
    await this.queue.addBulk(
      names.map((name) => ({
        name: 'import-file',
        data: { name },
        opts: {
          jobId: `file-${createHash('sha256').update(name).digest('hex').slice(0, 32)}`,
          attempts: this.config.exchange.maxAttempts,
          backoff: { type: 'exponential', delay: 1000 },
          // Gone once finished, so that a file still in processing/ later can be taken again.
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.pass()
        .catch((error: unknown) => this.logger.warn(`Exchange pass failed, tried again shortly: ${(error as Error).message}`))
        .finally(() => {
          this.current = null;
          this.schedule(this.config.exchange.pollMs);
        });
    }, delay);
  }
}

/** The worker's side of exchange: the folder adapter, the export and status passes, the gateway. */
@Module({
  imports: [DocumentsCoreModule],
  providers: [PacketBuilder, PacketOutbox, PacketImporter, ExchangeWorker],
  exports: [ExchangeWorker],
})
export class ExchangeWorkerModule {}
