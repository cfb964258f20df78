import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, ClientAddress, CurrentUser, RequiresPermission } from '@vanthu/server/core';
import { DocumentDetail, DocumentSummary, Page, Permission, VerificationView, WorkCounts } from '@vanthu/shared/contracts';

import { DocumentFiles } from '../files/document-files.service';
import { DocumentListQueryDto } from './dto';
import { DocumentsQueryService } from './documents-query.service';

/** Registers, work queues and documents in either direction, as the user's scope allows. */
@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsQueryService,
    private readonly files: DocumentFiles,
  ) {}

  @RequiresPermission(Permission.ViewDocuments)
  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: DocumentListQueryDto): Promise<Page<DocumentSummary>> {
    return this.documents.list(user, query);
  }

  @RequiresPermission(Permission.ViewDocuments)
  @Get('counts')
  counts(@CurrentUser() user: AuthenticatedUser): Promise<WorkCounts> {
    return this.documents.counts(user);
  }

  @RequiresPermission(Permission.ViewDocuments)
  @Get(':id')
  detail(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.documents.detail(user, id, ip);
  }

  @RequiresPermission(Permission.ViewDocuments)
  @Get(':id/files/:fileId/content')
  @ApiProduces('application/pdf')
  async content(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Param('fileId') fileId: string): Promise<StreamableFile> {
    const file = await this.documents.file(user, id, fileId);
    const bytes = await this.files.read(file);
    return new StreamableFile(bytes, {
      type: 'application/pdf',
      length: bytes.length,
      disposition: `inline; filename="${file.name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
  }

  @RequiresPermission(Permission.ViewDocuments)
  @Get(':id/files/:fileId/verification')
  verification(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Param('fileId') fileId: string): Promise<VerificationView> {
    return this.documents.verification(user, id, fileId);
  }
}
