import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AddFileDocumentRequest, SaveRecordFileRequest } from '@vanthu/shared/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export class BookQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) to?: string;
}

export class RegistersQueryDto {
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

/** The text of a comment or result, sent as a multipart field beside the files. */
export class CommentTextDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) text?: string;
}

/** A file (hồ sơ) of the year's file list. */
export class SaveRecordFileDto implements SaveRecordFileRequest {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty({ example: '01.NV' }) @IsString() @Matches(/\S/) @MaxLength(50) code!: string;
  @ApiProperty() @IsString() @Matches(/\S/) @MaxLength(500) title!: string;
  /** Thời hạn bảo quản in years; null: permanent. */
  @ApiProperty({ nullable: true, example: 10 }) @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(100) retentionYears!: number | null;
  @ApiProperty({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) personInChargeId!: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) description?: string | null;
}

export class AddFileDocumentDto implements AddFileDocumentRequest {
  @ApiProperty() @IsInt() @Min(1) documentId!: number;
}

export class RecordFilesQueryDto {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
}

export class AccessLogQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) documentId?: number;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}
