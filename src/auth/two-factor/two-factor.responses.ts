import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { MfaChallenge, TwoFactorSetup } from './two-factor.dto.js';

@ApiSchema({ name: 'MfaChallenge' })
export class MfaChallengeResponse implements MfaChallenge {
  @ApiProperty({ enum: [true] }) mfaRequired!: true;
  @ApiProperty({ description: 'answer it at POST /auth/login/2fa with a code; dies after 5 wrong codes' }) mfaToken!: string;
  @ApiProperty({ example: 300, description: 'seconds' }) expiresIn!: number;
}

@ApiSchema({ name: 'TwoFactorSetup' })
export class TwoFactorSetupResponse implements TwoFactorSetup {
  @ApiProperty({ description: 'base32, for typing into an app' }) secret!: string;
  @ApiProperty({ description: 'otpauth:// URI to show as a QR code' }) otpauthUrl!: string;
}

@ApiSchema({ name: 'RecoveryCodes' })
export class RecoveryCodesResponse {
  @ApiProperty({ type: [String], description: 'shown once; each works once instead of a code' }) recoveryCodes!: string[];
}
