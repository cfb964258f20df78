import { ApiPropertyOptional } from '@nestjs/swagger';
import { ALL_DOCUMENT_SORTS, DocumentDirection, DocumentListQuery, DocumentSort, DocumentStatus, DocumentType, SortOrder, Urgency, WorkQueue } from '@vanthu/shared/contracts';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const QUEUES: WorkQueue[] = [
  'awaiting-my-signature',
  'awaiting-my-review',
  'awaiting-my-assignment',
  'to-register',
  'to-issue',
  'to-dispatch',
  'my-returned-drafts',
  'my-assignments',
];

export class DocumentListQueryDto implements DocumentListQuery {
  @ApiPropertyOptional({ enum: DocumentDirection }) @IsOptional() @IsEnum(DocumentDirection) direction?: DocumentDirection;
  @ApiPropertyOptional({ enum: QUEUES }) @IsOptional() @IsIn(QUEUES) queue?: WorkQueue;
  @ApiPropertyOptional({ enum: DocumentStatus }) @IsOptional() @IsEnum(DocumentStatus) status?: DocumentStatus;
  @ApiPropertyOptional({ enum: DocumentType }) @IsOptional() @IsEnum(DocumentType) type?: DocumentType;
  @ApiPropertyOptional({ enum: Urgency }) @IsOptional() @IsEnum(Urgency) urgency?: Urgency;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) senderId?: number;
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ enum: ALL_DOCUMENT_SORTS, default: 'date' }) @IsOptional() @IsIn(ALL_DOCUMENT_SORTS) sort?: DocumentSort;
  @ApiPropertyOptional({ enum: ['asc', 'desc'] }) @IsOptional() @IsIn(['asc', 'desc']) order?: SortOrder;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}

export class PeriodQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) from!: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) to!: string;
}

export class YearQueryDto {
  @ApiPropertyOptional({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
}
