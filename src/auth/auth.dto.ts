import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsDisplayText } from '../common/display-text.js';
import type { UserView } from '../users/users.dto.js';

/** A password someone chooses (registration, change, reset): 8 to 256 characters. */
export const NewPassword = () =>
  applyDecorators(
    ApiProperty({ minLength: 8, maxLength: 256 }),
    IsString(),
    MinLength(8, { message: 'password must be at least 8 characters' }),
    MaxLength(256),
  );

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @NewPassword()
  password: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsDisplayText()
  name?: string;
}

export class LoginDto {
  @ApiProperty()
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(256)
  password: string;
}

/** Body of refresh and logout; the token may instead come from the session cookie. */
export class RefreshDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface SessionResponse extends TokenPair {
  user: UserView;
}

/** A cookie session (`X-Session: cookie`): the refresh token travels only in the httpOnly cookie. */
export type CookieSessionResponse = Omit<SessionResponse, 'refreshToken'>;

export interface MeResponse {
  user: UserView;
  authMethod: 'jwt' | 'api_key' | 'oauth';
  /** What the caller may do in the workspace of the call. */
  permissions: string[];
  /** The user's instance roles' permissions (`/users`, `/roles`, every-workspace listings); none through a key. */
  instancePermissions: string[];
  workspace: { id: string; slug: string; name: string; role: string };
  apiKey?: { id: string; name: string; keyPrefix: string; scopes: string[]; rateLimit: number; expiresAt: Date | null };
}
