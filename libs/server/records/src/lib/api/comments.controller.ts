import { Body, Controller, Get, Param, Post, Res, StreamableFile, UploadedFile as UploadedFileParam, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, FilesInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, ClientAddress, CurrentUser, RateLimited, RequiresPermission, setFileHeaders, UploadedFile, UploadLimitInterceptor } from '@vanthu/server/core';
import { CommentView, Permission, RecipientResultView } from '@vanthu/shared/contracts';
import type { Response } from 'express';

import { CommentsService } from '../comments/comments.service';
import { CommentTextDto } from './dto';

export const MAX_COMMENT_FILES = 5;

// Attachments are sent back only as downloads, never shown by the browser itself.
const SAFE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/** Ý kiến and kết quả xử lý on documents. */
@ApiTags('records')
@Controller('records/documents')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @RequiresPermission(Permission.ViewDocuments)
  @Get(':id/comments')
  list(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<CommentView[]> {
    return this.comments.list(user, id);
  }

  @RequiresPermission(Permission.ViewDocuments)
  @RateLimited('upload')
  @Post(':id/comments')
  @UseInterceptors(UploadLimitInterceptor, FilesInterceptor('files', MAX_COMMENT_FILES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['text'], properties: { text: { type: 'string' }, files: { type: 'array', items: { type: 'string', format: 'binary' } } } } })
  add(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: CommentTextDto,
    @UploadedFiles() files: UploadedFile[] | undefined,
    @ClientAddress() ip: string,
  ): Promise<CommentView> {
    return this.comments.addOpinion(user, id, body.text, files ?? [], ip);
  }

  @RequiresPermission(Permission.HandleIncoming)
  @RateLimited('upload')
  @Post(':id/result')
  @UseInterceptors(UploadLimitInterceptor, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['text'], properties: { text: { type: 'string' }, file: { type: 'string', format: 'binary' } } } })
  result(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: CommentTextDto,
    @UploadedFileParam() file: UploadedFile | undefined,
    @ClientAddress() ip: string,
  ): Promise<CommentView> {
    return this.comments.recordResult(user, id, body.text, file, ip);
  }

  @RequiresPermission(Permission.ViewDocuments)
  @Get(':id/results')
  results(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<RecipientResultView[]> {
    return this.comments.results(user, id);
  }

  @RequiresPermission(Permission.ViewDocuments)
  @Get(':id/comments/:commentId/files/:fileId')
  async file(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('commentId') commentId: string,
    @Param('fileId') fileId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { file, bytes } = await this.comments.file(user, id, commentId, fileId);
    setFileHeaders(response);
    return new StreamableFile(bytes, {
      type: SAFE_TYPES.has(file.contentType) ? file.contentType : 'application/octet-stream',
      length: bytes.length,
      disposition: `attachment; filename="${file.name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
  }
}
