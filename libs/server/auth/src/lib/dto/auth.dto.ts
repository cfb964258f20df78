import { ApiProperty } from '@nestjs/swagger';
import { ChangePasswordRequest, LoginRequest } from '@vanthu/shared/contracts';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'quangtan.vanthu' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'Demo@123' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ description: 'At least 8 characters with a letter and a digit' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  newPassword!: string;
}
