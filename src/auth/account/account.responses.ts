import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { PasswordResetView, SessionView } from './account.dto.js';

const time = { type: String, format: 'date-time' } as const;

@ApiSchema({ name: 'SignInSession' })
export class SessionViewResponse implements SessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(time) createdAt!: Date;
  @ApiProperty(time) lastUsedAt!: Date;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({ description: 'the session of this request' }) current!: boolean;
}

@ApiSchema({ name: 'PasswordReset' })
export class PasswordResetResponse implements PasswordResetView {
  @ApiProperty({ description: 'shown once; the user sets a new password with it at POST /auth/password-reset' }) token!: string;
  @ApiProperty(time) expiresAt!: Date;
}
