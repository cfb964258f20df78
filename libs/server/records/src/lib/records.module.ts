import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig, UploadLimitInterceptor } from '@vanthu/server/core';
import { DocumentsCoreModule } from '@vanthu/server/documents';

import { MAX_COMMENT_FILES, CommentsController } from './api/comments.controller';
import { AccessLogController } from './api/access-log.controller';
import { RecordFilesController } from './api/record-files.controller';
import { FileAccessService } from './access/file-access.service';
import { RecordsController } from './api/records.controller';
import { RegisterBooksService } from './books/register-books.service';
import { CommentsService } from './comments/comments.service';
import { RecordFilesService } from './files/record-files.service';
import { HandlingSlipsService } from './slips/handling-slips.service';

/** Records, registers and their printouts: register books, handling slips, files (hồ sơ) and their export; comments and results on documents. */
@Module({
  imports: [
    // Attachments are read into memory up to UPLOAD_MAX_MB each.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.uploadMaxBytes, files: MAX_COMMENT_FILES, fields: 4, parts: MAX_COMMENT_FILES + 4 } }),
    }),
    DocumentsCoreModule,
  ],
  controllers: [RecordsController, CommentsController, RecordFilesController, AccessLogController],
  providers: [RegisterBooksService, HandlingSlipsService, CommentsService, RecordFilesService, FileAccessService, UploadLimitInterceptor],
})
export class RecordsModule {}
