import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NotificationKind, NotificationListQuery, UpdateNotificationSettingsRequest } from '@vanthu/shared/contracts';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';

export class NotificationListQueryDto implements NotificationListQuery {
  @ApiPropertyOptional({ description: 'Only items older than this id (the previous page’s nextBefore)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  // Query strings carry text: "true"/"1" mean yes, anything else is left for @IsBoolean to refuse.
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  unreadOnly?: boolean;
}

export class KindSettingDto {
  @ApiProperty({ enum: NotificationKind })
  @IsEnum(NotificationKind)
  kind!: NotificationKind;

  @ApiProperty({ description: 'Whether this kind is also sent by e-mail' })
  @IsBoolean()
  email!: boolean;
}

export class UpdateNotificationSettingsDto implements UpdateNotificationSettingsRequest {
  @ApiProperty({ type: [KindSettingDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => KindSettingDto)
  kinds!: KindSettingDto[];
}
