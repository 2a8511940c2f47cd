import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/pagination.schema.js';
import type { CreatedInvitation, InvitationView } from './members/invitations.service.js';
import type { MemberView } from './members/members.service.js';
import type { WorkspaceRoleView } from './roles/workspace-roles.service.js';
import type { WorkspaceView } from './workspace.view.js';

const time = { type: String, format: 'date-time' } as const;

@ApiSchema({ name: 'WorkspacePlan' })
class PlanResponse {
  @ApiProperty({ description: 'the highest rateLimit a key of this workspace may have' }) maxRateLimit!: number;
  @ApiProperty({ description: 'keys that are not revoked a member may hold here' }) maxKeysPerUser!: number;
}

@ApiSchema({ name: 'WorkspaceKeyPolicy' })
class KeyPolicyResponse {
  @ApiProperty({ type: Number, nullable: true, minimum: 1, description: 'keys must have an expiresAt at most this many days ahead; null: no limit' })
  maxLifetimeDays!: number | null;
  @ApiProperty({ description: 'keys must have a non-empty allowedIps' }) requireIpAllowlist!: boolean;
  @ApiProperty({ type: [String], nullable: true, example: ['contents:read'], description: 'every scope of a key must be within these; null: any scope' })
  allowedScopes!: string[] | null;
  @ApiProperty({ type: Number, nullable: true, minimum: 1, description: 'the highest rateLimit a key may have, besides the plan’s maxRateLimit; null: the plan’s alone' })
  maxRateLimit!: number | null;
}

@ApiSchema({ name: 'Workspace' })
export class WorkspaceResponse implements WorkspaceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'acme' }) slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty() personal!: boolean;
  @ApiProperty({ example: 'owner', description: "the caller's workspace role" }) role!: string;
  @ApiProperty() requireTwoFactor!: boolean;
  @ApiProperty({ type: PlanResponse }) plan!: PlanResponse;
  @ApiProperty({ type: KeyPolicyResponse, description: 'what the workspace demands of its keys (PATCH /workspaces/:ws {keyPolicy})' }) keyPolicy!: KeyPolicyResponse;
  @ApiProperty(time) createdAt!: Date;
  @ApiProperty(time) updatedAt!: Date;
}

@ApiSchema({ name: 'MemberUser' })
class MemberUserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() name!: string;
}

@ApiSchema({ name: 'Member' })
export class MemberResponse implements MemberView {
  @ApiProperty({ type: MemberUserResponse }) user!: MemberUserResponse;
  @ApiProperty({ example: 'member' }) role!: string;
  @ApiProperty(time) joinedAt!: Date;
}

export const MemberPage = PageOf(MemberResponse, 'MemberPage');

@ApiSchema({ name: 'Invitation' })
export class InvitationResponse implements InvitationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty({ example: 'member' }) role!: string;
  @ApiProperty(time) expiresAt!: Date;
  @ApiProperty(time) createdAt!: Date;
}

@ApiSchema({ name: 'CreatedInvitation' })
export class CreatedInvitationResponse extends InvitationResponse implements CreatedInvitation {
  @ApiProperty({ description: 'shown once: hand it (or the console link carrying it) to the invitee' }) token!: string;
}

export const InvitationPage = PageOf(InvitationResponse, 'InvitationPage');

@ApiSchema({ name: 'WorkspaceRole' })
export class WorkspaceRoleResponse implements WorkspaceRoleView {
  @ApiProperty({ example: 'editor' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String], example: ['contents:read'] }) permissions!: string[];
  @ApiProperty({ description: 'built-in roles are shared by every workspace and cannot be changed' }) builtIn!: boolean;
}
