import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, ClientAddress, CurrentUser, RateLimited, RequiresPermission } from '@vanthu/server/core';
import { Permission, RecordFileDetail, RecordFileView } from '@vanthu/shared/contracts';
import type { Response } from 'express';

import { FileExport, fileCode, renderFilePdf, renderFileXml } from '../files/record-file-export';
import { RecordFilesService } from '../files/record-files.service';
import { AddFileDocumentDto, RecordFilesQueryDto, SaveRecordFileDto } from './dto';
import { download } from './download';

/** `ho-so-<code>` in ASCII, whatever the clerk typed into the file's code. */
function exportName(e: FileExport): string {
  return `ho-so-${fileCode(e)}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Hồ sơ: the year's file list, filing documents, closing and the archive export (.pdf, .xml). */
@ApiTags('records')
@Controller('records/files')
export class RecordFilesController {
  constructor(private readonly files: RecordFilesService) {}

  @RequiresPermission(Permission.ViewDocuments)
  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: RecordFilesQueryDto): Promise<RecordFileView[]> {
    return this.files.list(user, query.year);
  }

  @RequiresPermission(Permission.ManageRecordFiles)
  @Post()
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: SaveRecordFileDto, @ClientAddress() ip: string): Promise<RecordFileView> {
    return this.files.create(user, body, ip);
  }

  @RequiresPermission(Permission.ViewDocuments)
  @Get(':id')
  detail(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<RecordFileDetail> {
    return this.files.detail(user, id);
  }

  @RequiresPermission(Permission.ManageRecordFiles)
  @Put(':id')
  update(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: SaveRecordFileDto, @ClientAddress() ip: string): Promise<RecordFileView> {
    return this.files.update(user, id, body, ip);
  }

  @RequiresPermission(Permission.FileDocuments)
  @Post(':id/documents')
  @HttpCode(200)
  addDocument(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: AddFileDocumentDto, @ClientAddress() ip: string): Promise<RecordFileDetail> {
    return this.files.addDocument(user, id, body.documentId, ip);
  }

  @RequiresPermission(Permission.FileDocuments)
  @Delete(':id/documents/:documentId')
  removeDocument(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Param('documentId') documentId: string, @ClientAddress() ip: string): Promise<RecordFileDetail> {
    return this.files.removeDocument(user, id, documentId, ip);
  }

  @RequiresPermission(Permission.FileDocuments)
  @Post(':id/close')
  @HttpCode(200)
  close(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @ClientAddress() ip: string): Promise<RecordFileDetail> {
    return this.files.close(user, id, ip);
  }

  @RequiresPermission(Permission.FileDocuments)
  @RateLimited('report')
  @Get(':id/export.pdf')
  @ApiProduces('application/pdf')
  async exportPdf(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const e = await this.files.exportOf(user, id);
    return download(response, await renderFilePdf(e), 'application/pdf', `${exportName(e)}.pdf`);
  }

  @RequiresPermission(Permission.FileDocuments)
  @RateLimited('report')
  @Get(':id/export.xml')
  @ApiProduces('application/xml')
  async exportXml(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const e = await this.files.exportOf(user, id);
    return download(response, await renderFileXml(e), 'application/xml; charset=utf-8', `${exportName(e)}.xml`);
  }
}
