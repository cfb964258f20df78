import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { DataSource } from 'typeorm';

import { custodyProblem, resealAll, sealedCounts } from './key-custody';
import { KeyRing } from './key-ring';

/** Thrown at start-up when this process could not open the keys the database holds. */
export class KeyCustodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyCustodyError';
  }
}

/**
 * Checks at start-up that the API holds the key-encryption keys the stored keys were sealed with
 * (and refuses to start otherwise, saying what to set), and seals keys stored before sealing.
 */
@Injectable()
export class KeyCustody implements OnApplicationBootstrap {
  private readonly logger = new Logger('SigningKeys');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ring: KeyRing,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const counts = await sealedCounts(this.dataSource.manager);
    const problem = custodyProblem(counts, this.ring, this.config.signing.kekSource);
    if (problem) throw new KeyCustodyError(problem);
    if ((counts.credentials.get(null) ?? 0) + (counts.authorities.get(null) ?? 0) > 0) {
      const sealed = await resealAll(this.dataSource, this.ring, { onlyUnsealed: true });
      this.logger.log(`Sealed signing keys stored before sealing: ${sealed.credentials} credential(s), ${sealed.authorities} development CA`);
    }
    if (!this.config.signing.devPki && [...counts.authorities.values()].some((n) => n > 0)) {
      this.logger.warn('The database holds a development CA (table dev_authority) although DEV_PKI is off: it is not used; delete the row if this is a production installation.');
    }
  }
}
