import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ExchangeActionRequest, ExternalOrganisationRequest, RefuseExternalRequest, ReplaceRequest, TakeBackAnswerRequest } from '@vanthu/shared/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class ExternalOrganisationDtoIn implements ExternalOrganisationRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(13) identifierCode!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(255) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) address?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) email?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) telephone?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) website?: string | null;
}

export class UpdateExternalOrganisationDto implements Partial<ExternalOrganisationRequest> {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(13) identifierCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(255) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) address?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) email?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) telephone?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) website?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class PeerDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(255) name!: string;
  @ApiPropertyOptional({ type: [String], description: 'mã định danh of the organisations the peer receives for; none: every packet' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(13, { each: true })
  organIds?: string[];
}

export class RefuseDto implements RefuseExternalRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class TakeBackAnswerDto implements TakeBackAnswerRequest {
  @ApiProperty() @IsBoolean() agree!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class ExchangeActionDto implements ExchangeActionRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class ReplaceDto implements ReplaceRequest {
  @ApiProperty() @IsInt() @Min(1) replacesDocumentId!: number;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class PullRefusalDto {
  @ApiProperty() @IsString() @MaxLength(64) code!: string;
  @ApiProperty() @IsString() @MaxLength(2000) vi!: string;
  @ApiProperty() @IsString() @MaxLength(2000) en!: string;
}

/** POST /exchange/pull/:id/ack: empty when imported; the refusal when the packet was refused. */
export class PullAckDto {
  @ApiPropertyOptional({ type: PullRefusalDto }) @IsOptional() @ValidateNested() @Type(() => PullRefusalDto) refused?: PullRefusalDto;
}

export class PacketListQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

export class DirectoryQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => String) @IsString() includeInactive?: string;
}
