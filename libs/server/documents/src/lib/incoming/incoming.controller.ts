import { Body, Controller, HttpCode, Param, Post, UploadedFile as UploadedFileParam } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, ClientAddress, CurrentUser, RateLimited, RequiresPermission, UploadedFile } from '@vanthu/server/core';
import { DocumentDetail, DocumentFileView, Permission } from '@vanthu/shared/contracts';

import { PdfUpload } from '../files/pdf-upload';
import { RecallService } from '../outgoing/recall.service';
import { AssignDto, ProgressDto, RegisterArrivalDto, RegisterIncomingDto, ReturnToSenderDto, SubmitToLeaderDto } from './dto';
import { IncomingService } from './incoming.service';

/** Văn bản đến: registration, submission, assignment, handling, return. */
@ApiTags('incoming')
@Controller('incoming')
export class IncomingController {
  constructor(
    private readonly incoming: IncomingService,
    private readonly recalls: RecallService,
  ) {}

  @RequiresPermission(Permission.RegisterIncoming)
  @Post()
  registerReceived(@CurrentUser() user: AuthenticatedUser, @Body() body: RegisterIncomingDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.incoming.registerReceived(user, body, ip);
  }

  @RequiresPermission(Permission.RegisterIncoming)
  @RateLimited('upload')
  @Post(':id/files')
  @PdfUpload()
  addFile(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @UploadedFileParam() file: UploadedFile | undefined, @ClientAddress() ip: string): Promise<DocumentFileView> {
    return this.incoming.addFile(user, id, file, ip);
  }

  @RequiresPermission(Permission.RegisterIncoming)
  @Post(':id/register')
  @HttpCode(200)
  register(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: RegisterArrivalDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.incoming.register(user, id, ip, body);
  }

  @RequiresPermission(Permission.RegisterIncoming)
  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: SubmitToLeaderDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.incoming.submitToLeader(user, id, body, ip);
  }

  @RequiresPermission(Permission.AssignIncoming)
  @Post(':id/assign')
  @HttpCode(200)
  assign(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: AssignDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.incoming.assign(user, id, body, ip);
  }

  @RequiresPermission(Permission.HandleIncoming)
  @Post(':id/progress')
  @HttpCode(200)
  progress(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: ProgressDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.incoming.reportProgress(user, id, body, ip);
  }

  @RequiresPermission(Permission.HandleIncoming)
  @Post(':id/complete')
  @HttpCode(200)
  complete(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: ProgressDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.incoming.complete(user, id, body, ip);
  }

  /** Clerks and leaders of the receiving organisation; the rule is checked in the service. */
  @RequiresPermission(Permission.ViewDocuments)
  @Post(':id/return')
  @HttpCode(200)
  returnToSender(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: ReturnToSenderDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.incoming.returnToSender(user, id, body, ip);
  }

  /** Xác nhận: the clerk has seen that the sender recalled, updated or replaced the copy. */
  @RequiresPermission(Permission.RegisterIncoming)
  @Post(':id/recall/acknowledge')
  @HttpCode(200)
  acknowledgeRecall(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.recalls.acknowledge(user, id, ip);
  }
}
