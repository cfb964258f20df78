import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, UploadedFile as UploadedFileParam, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBody, ApiConsumes, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, ClientAddress, CurrentUser, NotFound, RateLimited, RequiresPermission, UploadedFile, UploadLimitInterceptor } from '@vanthu/server/core';
import { AuditService, inTransaction, TrustAnchorEntity } from '@vanthu/server/data-access';
import { BindCertificateRequest, CertificateBindingView, Permission, RegisterCertificateRequest, TrustAnchorView } from '@vanthu/shared/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';

import { InvalidTrustCertificate, readCertificate, TrustService } from '../trust.service';
import { CertificateBindings } from '../trust/certificate-bindings.service';
import { RevocationFetcherService } from '../trust/revocation-fetcher.service';

class AddTrustDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) name?: string;
  @ApiPropertyOptional({ enum: ['anchor', 'intermediate'] }) @IsOptional() @IsIn(['anchor', 'intermediate']) kind?: 'anchor' | 'intermediate';
  /** The certificate as PEM text, when no file is uploaded. */
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) certificatePem?: string;
}

class BindDto implements BindCertificateRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(20_000) certificatePem!: string;
  @ApiProperty({ enum: ['user', 'organisation'] }) @IsIn(['user', 'organisation']) ownerType!: 'user' | 'organisation';
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) ownerId!: number;
}

class RegisterDto implements Partial<RegisterCertificateRequest> {
  /** The certificate as PEM text, when no file is uploaded. */
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(20_000) certificatePem?: string;
}

class BindingFilterDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'disabled'] }) @IsOptional() @IsIn(['pending', 'approved', 'disabled']) status?: 'pending' | 'approved' | 'disabled';
}

const ANCHOR_TEXT = { vi: 'Chứng thư tin cậy', en: 'The trusted certificate' };

function anchorView(a: TrustAnchorEntity): TrustAnchorView {
  const subject = (a.subject ?? '')
    .split('\n')
    .map((line) => line.slice(line.indexOf('=') + 1))
    .reverse()
    .join(', ');
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    active: a.active,
    subject,
    fingerprint: a.fingerprint,
    notAfter: a.notAfter?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    disabledAt: a.disabledAt?.toISOString() ?? null,
  };
}

/**
 * The trust store (roots and intermediates signatures must chain to) and the certificate
 * bindings (which certificate signs for whom): administrators only, every change audited. A
 * leader registers their own token's certificate (`POST /signing/certificates/mine`).
 */
@ApiTags('signing')
@Controller('signing')
export class TrustController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trust: TrustService,
    private readonly bindings: CertificateBindings,
    private readonly fetcher: RevocationFetcherService,
    private readonly audit: AuditService,
  ) {}

  @RequiresPermission(Permission.ManageUsers)
  @Get('trust-anchors')
  async anchors(): Promise<TrustAnchorView[]> {
    return (await this.trust.list(this.dataSource.manager)).map(anchorView);
  }

  /** A CA certificate by file upload (`certificate`, PEM or DER) or as PEM text (`certificatePem`). */
  @RequiresPermission(Permission.ManageUsers)
  @RateLimited('upload')
  @Post('trust-anchors')
  @UseInterceptors(UploadLimitInterceptor, FileInterceptor('certificate'))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ schema: { type: 'object', properties: { certificate: { type: 'string', format: 'binary' }, certificatePem: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string', enum: ['anchor', 'intermediate'] } } } })
  async addAnchor(
    @CurrentUser() user: AuthenticatedUser,
    @UploadedFileParam() file: UploadedFile | undefined,
    @Body() body: AddTrustDto,
    @ClientAddress() ip: string,
  ): Promise<TrustAnchorView> {
    const input = file?.buffer ?? body.certificatePem;
    if (!input) throw new InvalidTrustCertificate('unreadable');
    const certificate = readCertificate(input);
    const name = body.name?.trim() || certificate.subject.split('\n').find((l) => l.startsWith('CN='))?.slice(3) || certificate.subject;
    const view = await inTransaction(this.dataSource, async (manager) => {
      const anchor = await this.trust.addAnchor(manager, name, certificate.raw, { kind: body.kind ?? 'anchor', addedBy: user.id });
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: 'trust.anchor-added',
        entityType: 'trust-anchor',
        entityId: anchor.id,
        ip,
        details: { name: anchor.name, kind: anchor.kind, fingerprint: anchor.fingerprint },
      });
      return anchorView(anchor);
    });
    this.fetcher.clear();
    return view;
  }

  @RequiresPermission(Permission.ManageUsers)
  @Post('trust-anchors/:id/disable')
  @HttpCode(200)
  async disableAnchor(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number, @ClientAddress() ip: string): Promise<TrustAnchorView> {
    return inTransaction(this.dataSource, async (manager) => {
      const anchor = await manager.findOneBy(TrustAnchorEntity, { id });
      if (!anchor) throw new NotFound(ANCHOR_TEXT);
      await manager.update(TrustAnchorEntity, { id }, { active: false, disabledBy: user.id, disabledAt: new Date() });
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: 'trust.anchor-disabled',
        entityType: 'trust-anchor',
        entityId: id,
        ip,
        details: { name: anchor.name, fingerprint: anchor.fingerprint },
      });
      return anchorView(await manager.findOneByOrFail(TrustAnchorEntity, { id }));
    });
  }

  @RequiresPermission(Permission.ManageUsers)
  @Get('certificates')
  bindingsList(@CurrentUser() user: AuthenticatedUser, @Query() query: BindingFilterDto): Promise<CertificateBindingView[]> {
    return this.bindings.list(this.dataSource.manager, user, query.status);
  }

  /** An administrator binds a certificate to a person or organisation directly (approved). */
  @RequiresPermission(Permission.ManageUsers)
  @Post('certificates')
  bind(@CurrentUser() user: AuthenticatedUser, @Body() body: BindDto, @ClientAddress() ip: string): Promise<CertificateBindingView> {
    return inTransaction(this.dataSource, async (manager) => {
      const view = await this.bindings.adminBind(manager, user, body.certificatePem, { ownerType: body.ownerType, ownerId: body.ownerId });
      await this.recordBinding(manager, user, ip, 'certificate.bound', view);
      return view;
    });
  }

  @RequiresPermission(Permission.ManageUsers)
  @Post('certificates/:id/approve')
  @HttpCode(200)
  approve(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number, @ClientAddress() ip: string): Promise<CertificateBindingView> {
    return this.decide(user, id, 'approved', ip);
  }

  @RequiresPermission(Permission.ManageUsers)
  @Post('certificates/:id/disable')
  @HttpCode(200)
  disable(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number, @ClientAddress() ip: string): Promise<CertificateBindingView> {
    return this.decide(user, id, 'disabled', ip);
  }

  /** The leader's own registrations. */
  @RequiresPermission(Permission.SignDocuments)
  @Get('certificates/mine')
  mine(@CurrentUser() user: AuthenticatedUser): Promise<CertificateBindingView[]> {
    return this.bindings.mine(this.dataSource.manager, user);
  }

  /**
   * A leader registers their own token's certificate, pending until an administrator approves: a
   * file (`certificate`: .cer/.crt/.pem/.der, PEM or DER, as exported from the token) or PEM text.
   */
  @RequiresPermission(Permission.SignDocuments)
  @RateLimited('upload')
  @Post('certificates/mine')
  @UseInterceptors(UploadLimitInterceptor, FileInterceptor('certificate'))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ schema: { type: 'object', properties: { certificate: { type: 'string', format: 'binary' }, certificatePem: { type: 'string' } } } })
  register(
    @CurrentUser() user: AuthenticatedUser,
    @UploadedFileParam() file: UploadedFile | undefined,
    @Body() body: RegisterDto,
    @ClientAddress() ip: string,
  ): Promise<CertificateBindingView> {
    const input = file?.buffer ?? body.certificatePem;
    if (!input) throw new InvalidTrustCertificate('unreadable');
    return inTransaction(this.dataSource, async (manager) => {
      const view = await this.bindings.register(manager, user, input);
      await this.recordBinding(manager, user, ip, 'certificate.registered', view);
      return view;
    });
  }

  private decide(user: AuthenticatedUser, id: number, status: 'approved' | 'disabled', ip: string): Promise<CertificateBindingView> {
    return inTransaction(this.dataSource, async (manager) => {
      const view = await this.bindings.decide(manager, user, id, status);
      await this.recordBinding(manager, user, ip, status === 'approved' ? 'certificate.approved' : 'certificate.disabled', view);
      return view;
    });
  }

  private recordBinding(manager: EntityManager, user: AuthenticatedUser, ip: string, action: string, view: CertificateBindingView): Promise<void> {
    return this.audit.record(manager, {
      userId: user.id,
      organisationId: user.organisationId,
      action,
      entityType: 'certificate',
      entityId: view.id,
      ip,
      details: { owner: view.ownerName, ownerType: view.ownerType, subject: view.subject, fingerprint: view.fingerprint, status: view.status },
    });
  }
}
