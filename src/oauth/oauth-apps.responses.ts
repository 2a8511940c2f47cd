import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { OAUTH_APP_TYPES, type OAuthAppType } from './oauth-app.policies.js';
import type { CreatedOAuthAppView, OAuthAppView } from './oauth-app.view.js';

const time = { type: String, format: 'date-time' } as const;

@ApiSchema({ name: 'OAuthApp' })
export class OAuthAppResponse implements OAuthAppView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) workspaceId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'kwc_0f1e2d3c4b5a69788796a5b4c3d2e1f0' }) clientId!: string;
  @ApiProperty({ enum: OAUTH_APP_TYPES }) type!: OAuthAppType;
  @ApiProperty({ type: [String] }) redirectUris!: string[];
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty(time) createdAt!: Date;
  @ApiProperty(time) updatedAt!: Date;
}

@ApiSchema({ name: 'CreatedOAuthApp' })
export class CreatedOAuthAppResponse extends OAuthAppResponse implements CreatedOAuthAppView {
  @ApiPropertyOptional({ description: 'confidential apps: the secret, shown in this response only' }) clientSecret?: string;
  @ApiProperty({ example: 'Save this client secret securely. It will not be shown again.' }) message!: string;
}
