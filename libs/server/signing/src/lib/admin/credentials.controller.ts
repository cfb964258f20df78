import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put, UploadedFiles } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, ClientAddress, CurrentUser, RateLimited, RequiresPermission, UploadedFile } from '@vanthu/server/core';
import { CredentialView, IssueCredentialRequest, Permission, SetPinRequest } from '@vanthu/shared/contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';

import { CredentialUpload } from './credential-upload';
import { CredentialsAdminService } from './credentials-admin.service';

class OwnerDto {
  @ApiProperty({ enum: ['user', 'organisation'] }) @IsIn(['user', 'organisation']) ownerType!: 'user' | 'organisation';
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) ownerId!: number;
}

// No PIN here: the key's owner chooses it (PUT /signing/credentials/:id/pin).
class IssueCredentialDto extends OwnerDto implements IssueCredentialRequest {}

class UploadCredentialDto extends OwnerDto {
  /** The PKCS#12 file's password, as its provider gave it; not the owner's PIN. */
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(128) password!: string;
}

class ActiveDto {
  @ApiProperty() @IsBoolean() active!: boolean;
}

class SetPinDto implements SetPinRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) currentPin?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(128) newPin!: string;
}

/**
 * Signing keys and certificates: administrators manage those of their subtree; a leader sees their
 * own; only a key's owner chooses its PIN.
 */
@ApiTags('signing')
@Controller('signing/credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsAdminService) {}

  @RequiresPermission()
  @Get()
  list(@CurrentUser() user: AuthenticatedUser): Promise<CredentialView[]> {
    return this.credentials.list(user);
  }

  @RequiresPermission()
  @Get('mine')
  mine(@CurrentUser() user: AuthenticatedUser): Promise<CredentialView[]> {
    return this.credentials.mine(user);
  }

  @RequiresPermission(Permission.ManageUsers)
  @RateLimited('upload')
  @Post()
  @CredentialUpload()
  upload(
    @CurrentUser() user: AuthenticatedUser,
    @UploadedFiles() files: { p12?: UploadedFile[]; image?: UploadedFile[] } | undefined,
    @Body() body: UploadCredentialDto,
    @ClientAddress() ip: string,
  ): Promise<CredentialView> {
    return this.credentials.upload(user, body, body.password, files?.p12?.[0], files?.image?.[0], ip);
  }

  // Only where DEV_PKI is on; elsewhere it answers 404 like a route that does not exist.
  @RequiresPermission(Permission.ManageUsers)
  @Post('issue')
  issue(@CurrentUser() user: AuthenticatedUser, @Body() body: IssueCredentialDto, @ClientAddress() ip: string): Promise<CredentialView> {
    return this.credentials.issue(user, body, ip);
  }

  @RequiresPermission(Permission.ManageUsers)
  @Patch(':id')
  setActive(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number, @Body() body: ActiveDto, @ClientAddress() ip: string): Promise<CredentialView> {
    return this.credentials.setActive(user, id, body.active, ip);
  }

  @RequiresPermission(Permission.ManageUsers)
  @Post(':id/unlock')
  @HttpCode(200)
  unlock(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number, @ClientAddress() ip: string): Promise<CredentialView> {
    return this.credentials.unlock(user, id, ip);
  }

  @RequiresPermission()
  @Put(':id/pin')
  setPin(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number, @Body() body: SetPinDto, @ClientAddress() ip: string): Promise<CredentialView> {
    return this.credentials.setPin(user, id, body, ip);
  }
}
