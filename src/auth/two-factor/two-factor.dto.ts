import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

export class TwoFactorCodeDto {
  @ApiProperty({ example: '123456', description: 'the 6-digit code of the authenticator app' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  code: string;
}

export class DisableTwoFactorDto extends TwoFactorCodeDto {
  @ApiProperty()
  @IsString()
  @MaxLength(256)
  password: string;
}

/** The second step of a sign-in: the challenge a right password opened, and a code or a recovery code. */
export class SecondFactorDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  mfaToken: string;

  @ApiPropertyOptional({ example: '123456' })
  @ValidateIf((dto: SecondFactorDto) => dto.recoveryCode === undefined)
  @IsString()
  @MaxLength(20)
  code?: string;

  @ApiPropertyOptional({ example: 'abcde-fghij', description: 'instead of code: one of the recovery codes, each works once' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  recoveryCode?: string;
}

export interface TwoFactorSetup {
  secret: string;
  otpauthUrl: string;
}

export interface MfaChallenge {
  mfaRequired: true;
  mfaToken: string;
  expiresIn: number;
}
