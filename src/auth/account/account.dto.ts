import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { NewPassword } from '../auth.dto.js';

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(256)
  currentPassword: string;

  @NewPassword()
  newPassword: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'the token an instance admin handed over' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @NewPassword()
  newPassword: string;
}

/** A sign-in as the sessions page lists it: one refresh-token family. */
export interface SessionView {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface PasswordResetView {
  token: string;
  expiresAt: Date;
}
