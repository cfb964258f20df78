import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig, UploadLimitInterceptor } from '@vanthu/server/core';
import { SigningCoreModule } from '@vanthu/server/signing';

import { AuditController } from './admin/audit.controller';
import { HolidaysController } from './admin/holidays.controller';
import { HolidaysService } from './admin/holidays.service';
import { DocumentFiles } from './files/document-files.service';
import { FileAccessLog } from './files/file-access-log';
import { PageText } from './files/stamp-places';
import { IncomingController } from './incoming/incoming.controller';
import { ExternalIntake } from './incoming/external-intake.service';
import { IncomingService } from './incoming/incoming.service';
import { DraftsService } from './outgoing/drafts.service';
import { IssuingService } from './outgoing/issuing.service';
import { OutgoingController } from './outgoing/outgoing.controller';
import { PluginTicketService } from './outgoing/plugin-ticket.service';
import { ReceiptReminders } from './outgoing/receipt-reminders.service';
import { RecallService } from './outgoing/recall.service';
import { SigningFlowService } from './outgoing/signing-flow.service';
import { DocumentsQueryService } from './query/documents-query.service';
import { DocumentsController } from './query/documents.controller';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { DocumentAccess } from './shared/document-access';
import { DocumentStore } from './shared/document-store';
import { Parties } from './shared/parties';
import { SearchIndex } from './shared/search-index';

const SERVICES = [
  DocumentAccess,
  DocumentStore,
  Parties,
  SearchIndex,
  DocumentFiles,
  FileAccessLog,
  PageText,
  DraftsService,
  SigningFlowService,
  PluginTicketService,
  IssuingService,
  RecallService,
  ReceiptReminders,
  IncomingService,
  ExternalIntake,
  DocumentsQueryService,
  ReportsService,
  HolidaysService,
];

/**
 * The document route's services without its HTTP side: outgoing and incoming documents,
 * registers, signing, dispatch, assignments, reports. The worker's exchange passes use them too
 * (the exchange library creates and changes incoming copies from other systems through
 * ExternalIntake).
 */
@Module({
  imports: [SigningCoreModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class DocumentsCoreModule {}

/** Document routing, the API's side: its endpoints over {@link DocumentsCoreModule}. */
@Module({
  imports: [
    // Uploads are read into memory (checked before anything is stored) up to UPLOAD_MAX_MB.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.uploadMaxBytes, files: 2, fields: 20, parts: 24 } }),
    }),
    DocumentsCoreModule,
  ],
  controllers: [DocumentsController, OutgoingController, IncomingController, ReportsController, AuditController, HolidaysController],
  providers: [UploadLimitInterceptor],
  exports: [DocumentsCoreModule],
})
export class DocumentsModule {}
