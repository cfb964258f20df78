import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, ClientAddress, CurrentUser, RequiresPermission } from '@vanthu/server/core';
import { HolidayDto, LocalizedText, Permission } from '@vanthu/shared/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

import { HolidaysService } from './holidays.service';

class LocalizedNameDto implements LocalizedText {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(255) vi!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(255) en!: string;
}

class HolidayBodyDto implements HolidayDto {
  @ApiProperty() @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) day!: string;
  @ApiProperty({ enum: ['holiday', 'compensatory', 'swapped-off', 'make-up-working-day'] })
  @IsIn(['holiday', 'compensatory', 'swapped-off', 'make-up-working-day'])
  kind!: HolidayDto['kind'];
  @ApiProperty({ type: LocalizedNameDto }) @ValidateNested() @Type(() => LocalizedNameDto) name!: LocalizedNameDto;
}

class YearDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

class DayParamDto {
  @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) day!: string;
}

@ApiTags('admin')
@Controller('admin/holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @RequiresPermission(Permission.ViewDirectory)
  @Get()
  list(@Query() query: YearDto): Promise<HolidayDto[]> {
    return this.holidays.list(query.year);
  }

  @RequiresPermission(Permission.ManageOrganisations)
  @Put(':day')
  put(@CurrentUser() user: AuthenticatedUser, @Param() params: DayParamDto, @Body() body: HolidayBodyDto, @ClientAddress() ip: string): Promise<HolidayDto> {
    return this.holidays.put(user, params.day, { ...body, day: params.day }, ip);
  }

  @RequiresPermission(Permission.ManageOrganisations)
  @Delete(':day')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthenticatedUser, @Param() params: DayParamDto, @ClientAddress() ip: string): Promise<void> {
    return this.holidays.remove(user, params.day, ip);
  }
}
