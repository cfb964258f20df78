import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@vanthu/server/data-access';

import { MaintenanceProcessor, MaintenanceScheduler } from './maintenance.processor';

/** The worker's housekeeping queue and its processor. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.maintenance })],
  providers: [MaintenanceProcessor, MaintenanceScheduler],
})
export class MaintenanceModule {}
