import { Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, ClientAddress, CurrentUser, RateLimited, RequiresPermission, setFileHeaders } from '@vanthu/server/core';
import { DocumentDetail, DocumentSummary, FileAccessAction, Page, Permission, VerificationView, WorkCounts } from '@vanthu/shared/contracts';
import type { Response } from 'express';

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
  @RateLimited('search')
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
  detail(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<DocumentDetail> {
    return this.documents.detail(user, id);
  }

  @RequiresPermission(Permission.ViewDocuments)
  @Post(':id/opened')
  @HttpCode(204)
  opened(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @ClientAddress() ip: string): Promise<void> {
    return this.documents.markOpened(user, id, ip);
  }

  @RequiresPermission(Permission.ViewDocuments)
  @Get(':id/files/:fileId/content')
  @ApiProduces('application/pdf')
  @ApiQuery({ name: 'download', required: false, description: '1: as an attachment (saved, never shown by the browser itself)' })
  async content(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('fileId') fileId: string,
    @Query('download') download: string | undefined,
    @ClientAddress() ip: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const asked = download === '1' || download === 'true';
    // The signed original, byte for byte; the access log holds who opened or saved it.
    const file = await this.documents.openFile(user, id, fileId, asked ? FileAccessAction.Download : FileAccessAction.View, ip);
    const bytes = await this.files.read(file);
    // Sandboxed should a browser ever render it itself (see FILE_CSP).
    setFileHeaders(response);
    // Files that came from other systems are not always PDFs (an edXML packet may carry a .docx):
    // what does not start as a PDF is served as bytes to save, never shown inline.
    const pdf = isPdf(bytes);
    const kind = !pdf || asked ? 'attachment' : 'inline';
    return new StreamableFile(bytes, {
      type: pdf ? 'application/pdf' : 'application/octet-stream',
      length: bytes.length,
      disposition: `${kind}; filename="${file.name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
  }

  @RequiresPermission(Permission.ViewDocuments)
  @Get(':id/files/:fileId/verification')
  verification(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Param('fileId') fileId: string): Promise<VerificationView> {
    return this.documents.verification(user, id, fileId);
  }

  /** Verifies the file's signatures again, now (today's trust store, revocation asked online); the new report is stored. */
  @RequiresPermission(Permission.ViewDocuments)
  @RateLimited('sign')
  @Post(':id/files/:fileId/verification')
  @HttpCode(200)
  reverify(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Param('fileId') fileId: string, @ClientAddress() ip: string): Promise<VerificationView> {
    return this.documents.reverify(user, id, fileId, ip);
  }
}

/** A PDF begins with %PDF- within its first kilobyte (ISO 32000-1, 7.5.2; readers allow leading bytes). */
export function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes('%PDF-');
}
