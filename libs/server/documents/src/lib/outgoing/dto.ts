import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CompleteExternalSignatureRequest,
  CreateDraftRequest,
  DispatchRequest,
  DocumentType,
  FileRole,
  IssueRequest,
  PrepareExternalSignatureRequest,
  RecallDecisionRequest,
  RecallKind,
  RecallRequest,
  ReviewDecisionRequest,
  SecurityLevel,
  SignaturePlacement,
  SignBatchRequest,
  SignRequest,
  SubmitForReviewRequest,
  UpdateDraftRequest,
  Urgency,
} from '@vanthu/shared/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class PlacementDto implements SignaturePlacement {
  @ApiProperty() @IsInt() @Min(1) page!: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(14400) x!: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(14400) y!: number;
  @ApiProperty() @IsNumber() @Min(20) @Max(1000) width!: number;
  @ApiProperty() @IsNumber() @Min(10) @Max(1000) height!: number;
}

export class CreateDraftDto implements CreateDraftRequest {
  @ApiProperty({ enum: DocumentType }) @IsEnum(DocumentType) type!: DocumentType;
  @ApiProperty({ example: 'Kế hoạch triển khai chuyển đổi số năm 2026' }) @IsString() @IsNotEmpty() @MaxLength(1000) subject!: string;
  @ApiProperty({ enum: Urgency }) @IsEnum(Urgency) urgency!: Urgency;
  @ApiProperty({ enum: SecurityLevel }) @IsEnum(SecurityLevel) securityLevel!: SecurityLevel;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) issuingOrganisationId?: number;
  @ApiProperty({ type: [Number] }) @IsArray() @ArrayMaxSize(500) @IsInt({ each: true }) recipientIds!: number[];
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_o, v) => v !== null) @IsInt() signerId?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_o, v) => v !== null) @IsString() @MaxLength(255) signingLine?: string | null;
  @ApiPropertyOptional({ nullable: true, example: '2026-12-15' }) @IsOptional() @ValidateIf((_o, v) => v !== null) @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) replyBy?: string | null;
}

export class UpdateDraftDto implements UpdateDraftRequest {
  @ApiPropertyOptional({ enum: DocumentType }) @IsOptional() @IsEnum(DocumentType) type?: DocumentType;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(1000) subject?: string;
  @ApiPropertyOptional({ enum: Urgency }) @IsOptional() @IsEnum(Urgency) urgency?: Urgency;
  @ApiPropertyOptional({ enum: SecurityLevel }) @IsOptional() @IsEnum(SecurityLevel) securityLevel?: SecurityLevel;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) issuingOrganisationId?: number;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsInt({ each: true }) recipientIds?: number[];
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_o, v) => v !== null) @IsInt() signerId?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_o, v) => v !== null) @IsString() @MaxLength(255) signingLine?: string | null;
  @ApiPropertyOptional({ nullable: true, example: '2026-12-15' }) @IsOptional() @ValidateIf((_o, v) => v !== null) @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) replyBy?: string | null;
}

export class SubmitForReviewDto implements SubmitForReviewRequest {
  @ApiProperty({ type: [Number] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsInt({ each: true }) reviewerIds!: number[];
}

export class ReviewDecisionDto implements ReviewDecisionRequest {
  @ApiProperty({ enum: ['approve', 'return'] }) @IsIn(['approve', 'return']) decision!: 'approve' | 'return';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class SignDto implements SignRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(128) pin!: string;
  @ApiPropertyOptional({ type: PlacementDto }) @IsOptional() @ValidateNested() @Type(() => PlacementDto) placement?: PlacementDto;
}

class BatchPlacementDto {
  @ApiProperty() @IsInt() @Min(1) documentId!: number;
  @ApiProperty({ type: PlacementDto }) @ValidateNested() @Type(() => PlacementDto) placement!: PlacementDto;
}

export class SignBatchDto implements SignBatchRequest {
  @ApiProperty({ type: [Number] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsInt({ each: true }) @Min(1, { each: true }) documentIds!: number[];
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(128) pin!: string;
  @ApiPropertyOptional({ type: [BatchPlacementDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => BatchPlacementDto)
  placements?: BatchPlacementDto[];
}

export class PrepareExternalDto implements PrepareExternalSignatureRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(65536) certificateChainPem!: string;
  @ApiPropertyOptional({ type: PlacementDto }) @IsOptional() @ValidateNested() @Type(() => PlacementDto) placement?: PlacementDto;
}

export class CompleteExternalDto implements CompleteExternalSignatureRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(128) preparationId!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(131072) cms?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(8192) signature?: string;
}

export class IssueDto implements IssueRequest {
  /** Not needed for a classified document, which is numbered on paper without the digital seal. */
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) pin?: string;
}

export class FileRoleDto {
  @ApiPropertyOptional({ enum: FileRole, default: FileRole.Main }) @IsOptional() @IsEnum(FileRole) role?: FileRole;
}

export class GenerateDraftFileDto {
  /** Paragraphs of the body; a short default text when empty. */
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) @MaxLength(5000, { each: true }) body?: string[];
}

export class DispatchDto implements DispatchRequest {
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsInt({ each: true }) recipientIds?: number[];
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsInt({ each: true }) externalRecipientIds?: number[];
}

export class RecallDto implements RecallRequest {
  @ApiProperty({ enum: RecallKind }) @IsEnum(RecallKind) kind!: RecallKind;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) replacementDocumentId?: number;
}

export class RecallDecisionDto implements RecallDecisionRequest {
  @ApiProperty() @IsBoolean() approve!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}
