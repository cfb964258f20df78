import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreateOrganisationRequest, OrganisationKind, UpdateOrganisationRequest } from '@vanthu/shared/contracts';
import { IsBoolean, IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';

export class CreateOrganisationDto implements CreateOrganisationRequest {
  @ApiProperty({ nullable: true, description: 'Parent organisation; null only for the root of a new tree (a province or district), which this API does not create' })
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  parentId!: number | null;

  @ApiProperty({ example: 'quangtan' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/)
  code!: string;

  @ApiProperty({ example: 'UBND xã Quảng Tân' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;

  @ApiProperty({ enum: OrganisationKind })
  @IsEnum(OrganisationKind)
  kind!: OrganisationKind;

  @ApiProperty({ example: 'UBND' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  abbreviation!: string;

  @ApiPropertyOptional({ nullable: true, example: '000.00.00.H41', description: 'Mã định danh: at most 13 characters, dot-separated groups of letters and digits; unique' })
  @IsOptional()
  @IsString()
  @MaxLength(13)
  identifierCode?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'Quảng Tân' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  placeName?: string | null;
}

export class UpdateOrganisationDto implements UpdateOrganisationRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  abbreviation?: string;

  @ApiPropertyOptional({ nullable: true, example: '000.00.00.H41', description: 'Mã định danh: at most 13 characters, dot-separated groups of letters and digits; unique' })
  @IsOptional()
  @IsString()
  @MaxLength(13)
  identifierCode?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  placeName?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
