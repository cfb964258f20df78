import { Module } from '@nestjs/common';
import { AuthModule } from '@vanthu/server/auth';

import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';
import { DemoSeedService } from './demo/demo-seed.service';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';

/** The organisation tree, its people, their administration, and the demo district. */
@Module({
  imports: [AuthModule],
  controllers: [DirectoryController, AdminController],
  providers: [DirectoryService, AdminService, DemoSeedService],
  exports: [DirectoryService, DemoSeedService],
})
export class OrganisationsModule {}
