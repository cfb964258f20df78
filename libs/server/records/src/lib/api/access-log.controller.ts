import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, ClientAddress, CurrentUser, RateLimited, RequiresPermission, setFileHeaders } from '@vanthu/server/core';
import { FileAccessView, Page, Permission } from '@vanthu/shared/contracts';
import type { Response } from 'express';

import { FileAccessService } from '../access/file-access.service';
import { AccessLogQueryDto } from './dto';

/** Nhật ký truy cập and the watermarked copy (bản in, bản sao) of a document's file. */
@ApiTags('records')
@Controller('records')
export class AccessLogController {
  constructor(private readonly access: FileAccessService) {}

  @RequiresPermission(Permission.ViewAccessLog)
  @Get('access-log')
  log(@CurrentUser() user: AuthenticatedUser, @Query() query: AccessLogQueryDto): Promise<Page<FileAccessView>> {
    return this.access.log(user, query);
  }

  @RequiresPermission(Permission.ViewDocuments)
  @RateLimited('report')
  @Get('documents/:id/files/:fileId/copy.pdf')
  @ApiProduces('application/pdf')
  @ApiQuery({ name: 'print', required: false, description: '0: a copy to save (an attachment); otherwise the print view (inline)' })
  async copy(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('fileId') fileId: string,
    @Query('print') print: string | undefined,
    @ClientAddress() ip: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const forPrint = print !== '0' && print !== 'false';
    const { pdf, fileName } = await this.access.copy(user, id, fileId, forPrint, ip);
    setFileHeaders(response);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      length: pdf.length,
      disposition: `${forPrint ? 'inline' : 'attachment'}; filename="${fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
  }
}
