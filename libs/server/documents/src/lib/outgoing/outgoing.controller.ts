import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Res, StreamableFile, UploadedFile as UploadedFileParam } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedUser, ClientAddress, CurrentUser, Public, RateLimited, RequiresPermission, setFileHeaders, SkipCsrf, UploadedFile } from '@vanthu/server/core';
import {
  DocumentDetail,
  DocumentFileView,
  FileRole,
  IssuePreview,
  Permission,
  PluginTicketResponse,
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
  RecallDecisionDto,
  RecallDto,
  ReviewDecisionDto,
  SignBatchDto,
  SignDto,
  SubmitForReviewDto,
  UpdateDraftDto,
} from './dto';
import { DraftsService } from './drafts.service';
import { IssuingService } from './issuing.service';
import { PluginTicketService } from './plugin-ticket.service';
import { ReceiptReminders } from './receipt-reminders.service';
import { RecallService } from './recall.service';
import { SigningFlowService } from './signing-flow.service';

/** Văn bản đi: drafts, review, the leader's signature, issuing and dispatch. */
@ApiTags('outgoing')
@Controller('outgoing')
export class OutgoingController {
  constructor(
    private readonly drafts: DraftsService,
    private readonly signing: SigningFlowService,
    private readonly issuing: IssuingService,
    private readonly pluginTickets: PluginTicketService,
    private readonly recalls: RecallService,
    private readonly reminders: ReceiptReminders,
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

  /** Upload-back: the PDF to sign elsewhere (the current main file); `X-Prepared-Sha256` names it. */
  @RequiresPermission(Permission.SignDocuments)
  @Get(':id/sign/prepared')
  @ApiProduces('application/pdf')
  async prepared(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const prepared = await this.signing.preparedPdf(user, id);
    setFileHeaders(response);
    response.setHeader('X-Prepared-Sha256', prepared.sha256);
    return new StreamableFile(prepared.bytes, {
      type: 'application/pdf',
      length: prepared.bytes.length,
      disposition: `attachment; filename="${prepared.name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(prepared.name)}`,
    });
  }

  /** Upload-back: the signed PDF (multipart field `file`): the prepared bytes plus one signature, under the acceptance rule. */
  @RequiresPermission(Permission.SignDocuments)
  @RateLimited('sign')
  @Post(':id/sign/upload')
  @HttpCode(200)
  @PdfUpload()
  uploadSigned(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @UploadedFileParam() file: UploadedFile | undefined, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.signing.uploadSigned(user, id, file, ip);
  }

  /** VGCA Sign Service: a single-use ticket and the two URLs the local plugin uses without the browser's session. */
  @RequiresPermission(Permission.SignDocuments)
  @RateLimited('sign')
  @Post(':id/sign/plugin-ticket')
  @HttpCode(200)
  pluginTicket(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @ClientAddress() ip: string): Promise<PluginTicketResponse> {
    return this.pluginTickets.issue(user, id, ip);
  }

  /** VGCA Sign Service: the PDF to sign. Public on purpose: the plugin has no cookie; the unguessable ticket is the credential. */
  @Public()
  @Get(':id/sign/plugin/:ticket')
  @ApiProduces('application/pdf')
  async pluginFile(@Param('id') id: string, @Param('ticket') ticket: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const prepared = await this.pluginTickets.preparedPdf(id, ticket);
    setFileHeaders(response);
    response.setHeader('X-Prepared-Sha256', prepared.sha256);
    return new StreamableFile(prepared.bytes, { type: 'application/pdf', length: prepared.bytes.length, disposition: 'attachment; filename="van-ban.pdf"' });
  }

  /**
   * VGCA Sign Service: the signed PDF (multipart `file`). Public and without CSRF on purpose (the
   * plugin is not the browser, it holds no session); the single-use ticket is the credential, and
   * the upload-back acceptance runs as the ticket's leader.
   */
  @Public()
  @SkipCsrf()
  @RateLimited('sign')
  @Post(':id/sign/plugin/:ticket')
  @HttpCode(200)
  @PdfUpload()
  pluginUpload(@Param('id') id: string, @Param('ticket') ticket: string, @UploadedFileParam() file: UploadedFile | undefined, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.pluginTickets.upload(id, ticket, file, ip);
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

  // The clerk (dispatch permission) asks, or the signing leader does it at once: the service checks which.
  @Post(':id/recall')
  @HttpCode(200)
  recall(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: RecallDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.recalls.request(user, id, body, ip);
  }

  @RequiresPermission(Permission.SignDocuments)
  @Post(':id/recall/decision')
  @HttpCode(200)
  decideRecall(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: RecallDecisionDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.recalls.decide(user, id, body.approve, body.comment, ip);
  }

  /** Nhắc mở: reminds a recipient that has not opened its copy (once per copy per hour). */
  @RequiresPermission(Permission.DispatchDocuments)
  @Post(':id/deliveries/:recipientId/remind')
  @HttpCode(200)
  remind(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Param('recipientId', ParseIntPipe) recipientId: number, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.reminders.remind(user, id, recipientId, ip);
  }
}
