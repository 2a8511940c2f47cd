import { Module } from '@nestjs/common';
import { CALL_WORKSPACES } from '../access/call-workspace.js';
import { AuditLogModule } from '../audit/chain/audit-log.module.js';
import { InvitationAcceptanceController, InvitationsController } from './invitations.controller.js';
import { InvitationsService } from './invitations.service.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';
import { PersonalWorkspaces } from './personal-workspaces.js';
import { WorkspaceAccess } from './workspace-access.js';
import { WorkspacesController } from './workspaces.controller.js';
import { WorkspacesService } from './workspaces.service.js';

/** Tenants: workspaces, members, invitations, and the resolver access asks for the workspace of a call. */
@Module({
  imports: [AuditLogModule],
  controllers: [WorkspacesController, MembersController, InvitationsController, InvitationAcceptanceController],
  providers: [WorkspacesService, MembersService, InvitationsService, PersonalWorkspaces, WorkspaceAccess, { provide: CALL_WORKSPACES, useExisting: WorkspaceAccess }],
  exports: [CALL_WORKSPACES, PersonalWorkspaces],
})
export class WorkspacesModule {}
