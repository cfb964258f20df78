import { Module } from '@nestjs/common';
import { DocumentsCoreModule } from '@vanthu/server/documents';

import { RecordsController } from './api/records.controller';
import { RegisterBooksService } from './books/register-books.service';
import { HandlingSlipsService } from './slips/handling-slips.service';

/** Records, registers and their printouts: register books, handling slips. */
@Module({
  imports: [DocumentsCoreModule],
  controllers: [RecordsController],
  providers: [RegisterBooksService, HandlingSlipsService],
})
export class RecordsModule {}
