import { Body, Controller, Get, HttpCode, Inject, Param, ParseIntPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, AuthenticatedUser, ClientAddress, CurrentUser, DomainError, Public, RateLimited, RequiresPermission } from '@vanthu/server/core';
import { ExchangePeerEntity, FileStorage } from '@vanthu/server/data-access';
import {
  CsvImportResult,
  DocumentDetail,
  ErrorCode,
  ExchangePacketView,
  ExchangePeerCreated,
  ExchangePeerDto,
  ExternalOrganisationDto,
  Page,
  PacketReceipt,
  Permission,
} from '@vanthu/shared/contracts';
import type { Request, Response } from 'express';

import { ExternalOrganisations, peerOrganIds } from '../directory/external-organisations.service';
import { BusinessType, packetLimitsFor } from '../edxml/model';
import { PacketImporter } from '../inbound/packet-import.service';
import { PacketOutbox } from '../outbound/packet-outbox.service';
import { DirectoryQuery, PullAckDto, ExchangeActionDto, ExternalOrganisationDtoIn, PacketListQuery, PeerDto, RefuseDto, ReplaceDto, TakeBackAnswerDto, UpdateExternalOrganisationDto } from './dto';
import { ExchangeActions } from './exchange-actions.service';
import { readPacketBody } from './packet-body';

class PeerUnauthorized extends DomainError {
  constructor() {
    super(401, ErrorCode.PeerUnauthorized, {
      vi: 'Hệ thống gửi chưa được xác thực: thiếu hoặc sai mã truy cập (Authorization: Bearer …).',
      en: 'The sending system is not authenticated: missing or wrong token (Authorization: Bearer …).',
    });
  }
}

/** The HTTP adapter (receiving side) and the clerk's exchange screens. */
@ApiTags('exchange')
@Controller('exchange')
export class ExchangeController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly importer: PacketImporter,
    private readonly actions: ExchangeActions,
    private readonly directory: ExternalOrganisations,
    private readonly storage: FileStorage,
    private readonly packets: PacketOutbox,
  ) {}

  /**
   * A peer posts one packet (application/xml) with its bearer token. The answer comes after the
   * packet's transaction committed: a 200 means it is held. Posting it again answers the same.
   */
  @Public()
  @Post('packets')
  @HttpCode(200)
  async receive(@Req() request: Request): Promise<PacketReceipt> {
    await this.requirePeer(request);
    const bytes = await readPacketBody(request, packetLimitsFor(this.config.uploadMaxBytes).maxPacketBytes);
    const { repeated: _repeated, ...receipt } = await this.importer.receive(bytes, 'http');
    return receipt;
  }

  /**
   * The pull side of the HTTP adapter (gateway `pull`): a peer fetches the oldest packet waiting
   * for it (200 with `X-Packet-Id`, or 204), imports it, then acknowledges it.
   */
  @Public()
  @Get('pull')
  async pullNext(@Req() request: Request, @Res() response: Response): Promise<void> {
    const peer = await this.requirePeer(request);
    const next = this.config.exchange.gateway === 'pull' ? await this.packets.nextPending(peerOrganIds(peer)) : null;
    if (!next) {
      response.status(204).end();
      return;
    }
    response.setHeader('Content-Type', 'application/xml; charset=utf-8');
    response.setHeader('X-Packet-Id', next.id);
    response.status(200).send(next.bytes);
  }

  @Public()
  @Post('pull/:id/ack')
  @HttpCode(200)
  async acknowledge(@Req() request: Request, @Param('id') id: string, @Body() body: PullAckDto): Promise<{ acknowledged: boolean }> {
    const peer = await this.requirePeer(request);
    if (!/^\d{1,19}$/.test(id)) return { acknowledged: false };
    const refusal = body.refused ? `${body.refused.code}: ${body.refused.vi} / ${body.refused.en}` : null;
    return { acknowledged: await this.packets.acknowledge(id, refusal, peerOrganIds(peer)) };
  }

  private async requirePeer(request: Request): Promise<ExchangePeerEntity> {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const peer = await this.directory.peerByToken(token);
    if (!peer) throw new PeerUnauthorized();
    return peer;
  }

  @RequiresPermission(Permission.RegisterIncoming)
  @Get('inbox')
  inbox(@CurrentUser() user: AuthenticatedUser, @Query() query: PacketListQuery): Promise<Page<ExchangePacketView>> {
    return this.actions.packets(user, 'in', query.page, query.pageSize);
  }

  @RequiresPermission(Permission.DispatchDocuments)
  @Get('outbox')
  outbox(@CurrentUser() user: AuthenticatedUser, @Query() query: PacketListQuery): Promise<Page<ExchangePacketView>> {
    return this.actions.packets(user, 'out', query.page, query.pageSize);
  }

  @RequiresPermission(Permission.ViewDocuments)
  @Get('packets/:id/content')
  async content(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Res() response: Response): Promise<void> {
    const { sha256 } = await this.actions.packetBytes(user, id);
    response.setHeader('Content-Type', 'application/xml; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="packet-${id}.xml"`);
    response.send(await this.storage.get(sha256));
  }

  @RequiresPermission(Permission.ViewDirectory)
  @Get('organisations')
  organisations(@Query() query: DirectoryQuery): Promise<ExternalOrganisationDto[]> {
    return this.directory.list(query.q, query.includeInactive === 'true');
  }

  @RequiresPermission(Permission.RegisterIncoming)
  @Post('incoming/:id/refuse')
  @HttpCode(200)
  refuse(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: RefuseDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.actions.refuse(user, id, body.reason, ip);
  }

  @RequiresPermission(Permission.RegisterIncoming)
  @Post('incoming/:id/take-back')
  @HttpCode(200)
  answerTakeBack(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: TakeBackAnswerDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.actions.answerTakeBack(user, id, body.agree, body.reason, ip);
  }

  @RequiresPermission(Permission.DispatchDocuments)
  @Post('outgoing/:id/revoke')
  @HttpCode(200)
  revoke(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: ExchangeActionDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.actions.sendBusiness(user, id, BusinessType.Revoke, body.reason, ip);
  }

  @RequiresPermission(Permission.DispatchDocuments)
  @Post('outgoing/:id/update')
  @HttpCode(200)
  update(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: ExchangeActionDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.actions.sendBusiness(user, id, BusinessType.Update, body.reason, ip);
  }

  @RequiresPermission(Permission.DispatchDocuments)
  @Post('outgoing/:id/replace')
  @HttpCode(200)
  replace(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: ReplaceDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.actions.sendBusiness(user, id, BusinessType.Replace, body.reason, ip, String(body.replacesDocumentId));
  }

  @RequiresPermission(Permission.DispatchDocuments)
  @Post('outgoing/:id/take-back')
  @HttpCode(200)
  requestTakeBack(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: ExchangeActionDto, @ClientAddress() ip: string): Promise<DocumentDetail> {
    return this.actions.requestTakeBack(user, id, body.reason, ip);
  }
}

/** Administrators: the external directory (edit, CSV import) and the peers allowed to post packets. */
@ApiTags('exchange')
@Controller('admin')
export class ExchangeAdminController {
  constructor(private readonly directory: ExternalOrganisations) {}

  @RequiresPermission(Permission.ManageOrganisations)
  @Post('external-organisations')
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: ExternalOrganisationDtoIn, @ClientAddress() ip: string): Promise<ExternalOrganisationDto> {
    return this.directory.create(user, body, ip);
  }

  @RequiresPermission(Permission.ManageOrganisations)
  @Patch('external-organisations/:id')
  update(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number, @Body() body: UpdateExternalOrganisationDto, @ClientAddress() ip: string): Promise<ExternalOrganisationDto> {
    return this.directory.update(user, id, body, ip);
  }

  /** The CSV as the request body (text/csv), at most 2 MB. */
  @RequiresPermission(Permission.ManageOrganisations)
  @RateLimited('upload')
  @Post('external-organisations/import')
  @HttpCode(200)
  async importCsv(@CurrentUser() user: AuthenticatedUser, @Req() request: Request, @ClientAddress() ip: string): Promise<CsvImportResult> {
    const bytes = await readPacketBody(request, 2 * 1024 * 1024);
    return this.directory.importCsv(user, bytes.toString('utf8'), ip);
  }

  @RequiresPermission(Permission.ManageOrganisations)
  @Get('exchange/peers')
  peers(): Promise<ExchangePeerDto[]> {
    return this.directory.peers();
  }

  @RequiresPermission(Permission.ManageOrganisations)
  @Post('exchange/peers')
  createPeer(@CurrentUser() user: AuthenticatedUser, @Body() body: PeerDto, @ClientAddress() ip: string): Promise<ExchangePeerCreated> {
    return this.directory.createPeer(user, body.name, body.organIds ?? [], ip);
  }
}
