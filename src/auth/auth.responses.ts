import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { UserResponse } from '../users/users.responses.js';
import type { MeResponse, SessionResponse } from './auth.dto.js';

@ApiSchema({ name: 'Session' })
/** One schema for both answers: with the refresh token in the body, or (cookie sessions) without it. */
export class SessionResponseSchema implements Omit<SessionResponse, 'refreshToken'>, Partial<Pick<SessionResponse, 'refreshToken'>> {
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
  @ApiProperty() accessToken!: string;
  @ApiPropertyOptional({ description: 'absent from the body for cookie sessions (X-Session: cookie)' }) refreshToken?: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn!: number;
}

@ApiSchema({ name: 'MeWorkspace' })
export class MeWorkspaceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'the caller’s workspace role' }) role!: string;
}

@ApiSchema({ name: 'PrincipalKey' })
class PrincipalKeyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() keyPrefix!: string;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty() rateLimit!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: Date | null;
}

@ApiSchema({ name: 'Me' })
export class MeResponseSchema implements MeResponse {
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
  @ApiProperty({ enum: ['jwt', 'api_key', 'oauth'] }) authMethod!: 'jwt' | 'api_key' | 'oauth';
  @ApiProperty({ type: [String], description: 'effective permissions in the workspace of the call' }) permissions!: string[];
  @ApiProperty({ type: [String], description: 'the instance roles’ permissions (none through a key)' }) instancePermissions!: string[];
  @ApiProperty({ type: MeWorkspaceResponse, description: 'the workspace of the call' }) workspace!: MeWorkspaceResponse;
  @ApiPropertyOptional({ type: PrincipalKeyResponse }) apiKey?: PrincipalKeyResponse;
}
