import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UploadedFile as UploadedFileParam } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, ClientAddress, CurrentUser, RateLimited, RequiresPermission, UploadedFile } from '@vanthu/server/core';
import {
  DocumentDetail,
  DocumentFileView,
  FileRole,
  IssuePreview,
  Permission,
  PrepareExternalSignatureResponse,
  SignBatchResponse,
  SigningPreview,
} from '@vanthu/shared/contracts';

import { PdfUpload } from '../files/pdf-upload';
import {
  CompleteExternalDto,
  CreateDraftDto,
  DispatchDto,
  FileRoleDto,
  GenerateDraftFileDto,
  IssueDto,
  PrepareExternalDto,
  ReviewDecisionDto,
  SignBatchDto,
  SignDto,
  SubmitForReviewDto,
  UpdateDraftDto,
} from './dto';
import { DraftsService } from './drafts.service';
import { IssuingService } from './issuing.service';
import { SigningFlowService } from './signing-flow.service';

/** Văn bản đi: drafts, review, the leader's signature, issuing and dispatch. */
@ApiTags('outgoing')
@Controller('outgoing')
export class OutgoingController {
  constructor(
    private readonly drafts: DraftsService,
    private readonly signing: SigningFlowService,
    private readonly issuing: IssuingService,
  ) {}

  @RequiresPermission(Permission.DraftDocuments)
  @Post()
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateDraftDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.drafts.createDraft(user, body, ip);
  }

  // Declared before the `:id` routes: one PIN for several documents waiting for the leader.
  @RequiresPermission(Permission.SignDocuments)
  @Post('sign-batch')
  @HttpCode(200)
  signBatch(@CurrentUser() user: AuthenticatedUser, @Body() body: SignBatchDto, @ClientAddress() ip: string): Promise<SignBatchResponse> {
    return this.signing.signBatch(user, body, ip);
  }

  @RequiresPermission(Permission.DraftDocuments)
  @Patch(':id')
  update(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: UpdateDraftDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.drafts.updateDraft(user, id, body, ip);
  }

  @RequiresPermission(Permission.DraftDocuments)
  @RateLimited('upload')
  @Post(':id/files')
  @PdfUpload({ role: { type: 'string' } })
  addFile(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @UploadedFileParam() file: UploadedFile | undefined,
    @Body() body: FileRoleDto,
    @ClientAddress() ip: string,
  ): Promise<DocumentFileView> {
    return this.drafts.addFile(user, id, file, body.role ?? FileRole.Main, ip);
  }

  @RequiresPermission(Permission.DraftDocuments)
  @RateLimited('upload')
  @Post(':id/files/generate')
  generateFile(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: GenerateDraftFileDto, @ClientAddress() ip: string): Promise<DocumentFileView> {
    return this.drafts.generateMainFile(user, id, body.body ?? [], ip);
  }

  @RequiresPermission(Permission.DraftDocuments)
  @Delete(':id/files/:fileId')
  @HttpCode(204)
  removeFile(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Param('fileId') fileId: string, @ClientAddress() ip: string): Promise<void> {
    return this.drafts.removeFile(user, id, fileId, ip);
  }

  @RequiresPermission(Permission.DraftDocuments)
  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: SubmitForReviewDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.drafts.submitForReview(user, id, body, ip);
  }

  @RequiresPermission(Permission.ReviewDocuments)
  @Post(':id/review')
  @HttpCode(200)
  review(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: ReviewDecisionDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.drafts.review(user, id, body, ip);
  }

  @RequiresPermission(Permission.SignDocuments)
  @Get(':id/sign/preview')
  signPreview(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<SigningPreview> {
    return this.signing.preview(user, id);
  }

  @RequiresPermission(Permission.SignDocuments)
  @RateLimited('sign')
  @Post(':id/sign')
  @HttpCode(200)
  sign(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: SignDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.signing.sign(user, id, body, ip);
  }

  @RequiresPermission(Permission.SignDocuments)
  @RateLimited('sign')
  @Post(':id/sign/prepare')
  @HttpCode(200)
  prepare(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: PrepareExternalDto, @ClientAddress() ip: string): Promise<PrepareExternalSignatureResponse> {
    return this.signing.prepareExternal(user, id, body, ip);
  }

  @RequiresPermission(Permission.SignDocuments)
  @RateLimited('sign')
  @Post(':id/sign/complete')
  @HttpCode(200)
  complete(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: CompleteExternalDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.signing.completeExternal(user, id, body, ip);
  }

  @RequiresPermission(Permission.IssueDocuments)
  @Get(':id/issue-preview')
  issuePreview(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<IssuePreview> {
    return this.issuing.preview(user, id);
  }

  @RequiresPermission(Permission.IssueDocuments)
  @RateLimited('sign')
  @Post(':id/issue')
  @HttpCode(200)
  issue(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: IssueDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.issuing.issue(user, id, body, ip);
  }

  @RequiresPermission(Permission.DispatchDocuments)
  @Post(':id/dispatch')
  @HttpCode(200)
  dispatch(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: DispatchDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.issuing.dispatch(user, id, body, ip);
  }
}
