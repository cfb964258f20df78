import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, UploadedFiles } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, ClientAddress, CurrentUser, RequiresPermission, UploadedFile } from '@vanthu/server/core';
import { CredentialView, IssueCredentialRequest, Permission } from '@vanthu/shared/contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';

import { CredentialUpload } from './credential-upload';
import { CredentialsAdminService } from './credentials-admin.service';

class OwnerDto {
  @ApiProperty({ enum: ['user', 'organisation'] }) @IsIn(['user', 'organisation']) ownerType!: 'user' | 'organisation';
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) ownerId!: number;
}

class IssueCredentialDto extends OwnerDto implements IssueCredentialRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(128) pin!: string;
}

class UploadCredentialDto extends OwnerDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(128) pin!: string;
}

class ActiveDto {
  @ApiProperty() @IsBoolean() active!: boolean;
}

/** Signing keys and certificates: administrators manage those of their subtree; a leader sees their own. */
@ApiTags('signing')
@Controller('signing/credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsAdminService) {}

  @RequiresPermission()
  @Get()
  list(@CurrentUser() user: AuthenticatedUser): Promise<CredentialView[]> {
    return this.credentials.list(user);
  }

  @RequiresPermission(Permission.ManageUsers)
  @Post()
  @CredentialUpload()
  upload(
    @CurrentUser() user: AuthenticatedUser,
    @UploadedFiles() files: { p12?: UploadedFile[]; image?: UploadedFile[] } | undefined,
    @Body() body: UploadCredentialDto,
    @ClientAddress() ip: string,
  ): Promise<CredentialView> {
    return this.credentials.upload(user, body, body.pin, files?.p12?.[0], files?.image?.[0], ip);
  }

  @RequiresPermission(Permission.ManageUsers)
  @Post('issue')
  issue(@CurrentUser() user: AuthenticatedUser, @Body() body: IssueCredentialDto, @ClientAddress() ip: string): Promise<CredentialView> {
    return this.credentials.issue(user, body, body.pin, ip);
  }

  @RequiresPermission(Permission.ManageUsers)
  @Patch(':id')
  setActive(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number, @Body() body: ActiveDto, @ClientAddress() ip: string): Promise<CredentialView> {
    return this.credentials.setActive(user, id, body.active, ip);
  }
}
