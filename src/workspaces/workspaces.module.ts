import { Module } from '@nestjs/common';
import { CALL_WORKSPACES } from '../access/call-workspace.js';
import { AuditLogModule } from '../audit/chain/audit-log.module.js';
import { InvitationAcceptanceController, InvitationsController } from './members/invitations.controller.js';
import { InvitationsService } from './members/invitations.service.js';
import { MembersController } from './members/members.controller.js';
import { MembersService } from './members/members.service.js';
import { PersonalWorkspaces } from './personal-workspaces.js';
import { SharedLimitsController } from './limits/shared-limits.controller.js';
import { SharedLimitsService } from './limits/shared-limits.service.js';
import { WorkspaceRolesController } from './roles/workspace-roles.controller.js';
import { WorkspaceRolesService } from './roles/workspace-roles.service.js';
import { WorkspaceAccess } from './workspace-access.js';
import { WorkspaceStandings } from './workspace-standings.js';
import { WorkspaceChanges } from './workspace-changes.js';
import { WorkspacesController } from './workspaces.controller.js';
import { WorkspacesService } from './workspaces.service.js';

/** Tenants: workspaces, members, invitations, and the resolver access asks for the workspace of a call. */
@Module({
  imports: [AuditLogModule],
  controllers: [WorkspacesController, MembersController, InvitationsController, InvitationAcceptanceController, WorkspaceRolesController, SharedLimitsController],
  providers: [WorkspacesService, MembersService, SharedLimitsService, InvitationsService, WorkspaceRolesService, PersonalWorkspaces, WorkspaceStandings, WorkspaceChanges, WorkspaceAccess, { provide: CALL_WORKSPACES, useExisting: WorkspaceAccess }],
  exports: [CALL_WORKSPACES, PersonalWorkspaces],
})
export class WorkspacesModule {}
