import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AssigneeRef,
  AssignRequest,
  DocumentType,
  ProgressRequest,
  RegisterArrivalRequest,
  RegisterIncomingRequest,
  ReturnToSenderRequest,
  SecurityLevel,
  SubmitToLeaderRequest,
  Urgency,
} from '@vanthu/shared/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class RegisterIncomingDto implements RegisterIncomingRequest {
  @ApiProperty({ enum: DocumentType }) @IsEnum(DocumentType) type!: DocumentType;
  @ApiProperty({ example: 'Về việc triển khai tiêm chủng mở rộng năm 2026' }) @IsString() @IsNotEmpty() @MaxLength(1000) subject!: string;
  @ApiProperty({ enum: Urgency }) @IsEnum(Urgency) urgency!: Urgency;
  @ApiProperty({ enum: SecurityLevel }) @IsEnum(SecurityLevel) securityLevel!: SecurityLevel;
  @ApiProperty({ example: 'Sở Y tế tỉnh Đắk Nông' }) @IsString() @IsNotEmpty() @MaxLength(255) senderName!: string;
  @ApiProperty({ example: '125/SYT-NVY' }) @IsString() @IsNotEmpty() @MaxLength(64) originalSymbol!: string;
  @ApiProperty({ example: '2026-11-20' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) originalDate!: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) receivedAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() acceptDuplicate?: boolean;
}

export class RegisterArrivalDto implements RegisterArrivalRequest {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() acceptDuplicate?: boolean;
}

export class SubmitToLeaderDto implements SubmitToLeaderRequest {
  @ApiProperty() @IsInt() @Min(1) leaderId!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class AssigneeRefDto implements AssigneeRef {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) organisationId?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) userId?: number;
}

export class AssignDto implements AssignRequest {
  @ApiProperty({ type: AssigneeRefDto }) @ValidateNested() @Type(() => AssigneeRefDto) lead!: AssigneeRefDto;
  @ApiPropertyOptional({ type: [AssigneeRefDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AssigneeRefDto) coordinators?: AssigneeRefDto[];
  @ApiPropertyOptional({ type: [AssigneeRefDto] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => AssigneeRefDto) informed?: AssigneeRefDto[];
  @ApiProperty({ example: '2026-12-15' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) deadline!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) instructions?: string;
}

export class ProgressDto implements ProgressRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) note!: string;
}

export class ReturnToSenderDto implements ReturnToSenderRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}
