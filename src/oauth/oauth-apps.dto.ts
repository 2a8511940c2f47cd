import { ApiProperty, type ApiPropertyOptions, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { DisplayName } from '../common/display-text.js';
import { isOAuthScope, isRedirectUri, OAUTH_APP_TYPES, type OAuthAppType } from './oauth-app.policies.js';

@ValidatorConstraint({ name: 'isRedirectUri' })
class IsRedirectUriConstraint implements ValidatorConstraintInterface {
  validate = (value: unknown) => isRedirectUri(value);
  defaultMessage = () => 'each redirect URI must be https, or http on localhost, with no fragment or wildcard';
}

@ValidatorConstraint({ name: 'isOAuthScope' })
class IsOAuthScopeConstraint implements ValidatorConstraintInterface {
  validate = (value: unknown) => isOAuthScope(value);
  defaultMessage = () => 'each scope must be read, write, delete, admin or a permission ("contents:read")';
}

const REDIRECT_URIS: ApiPropertyOptions = { type: [String], example: ['https://app.example.com/callback'], description: 'matched exactly at /oauth/authorize' };
const SCOPES: ApiPropertyOptions = { type: [String], example: ['read', 'contents:write'], description: 'the most the app may ask for' };

export class CreateOAuthAppDto {
  @DisplayName()
  name: string;

  @ApiProperty(REDIRECT_URIS)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Validate(IsRedirectUriConstraint, { each: true })
  redirectUris: string[];

  @ApiProperty({ enum: OAUTH_APP_TYPES, description: 'public apps have no secret and must use PKCE' })
  @IsIn(OAUTH_APP_TYPES)
  type: OAuthAppType;

  @ApiPropertyOptional({ type: [String], example: ['read', 'contents:write'], description: 'the most the app may ask for', default: ['read'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Validate(IsOAuthScopeConstraint, { each: true })
  scopes?: string[];
}

export class UpdateOAuthAppDto {
  @DisplayName({ optional: true })
  name?: string;

  @ApiPropertyOptional(REDIRECT_URIS)
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Validate(IsRedirectUriConstraint, { each: true })
  redirectUris?: string[];

  @ApiPropertyOptional(SCOPES)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Validate(IsOAuthScopeConstraint, { each: true })
  scopes?: string[];
}
