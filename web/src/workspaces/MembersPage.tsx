import { useState } from 'react';
import type { Invitation, Workspace } from '../api/types';
import { useApi, useSession } from '../app/session-context';
import { useWorkspaces } from '../app/workspace-context';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadMore } from '../components/LoadMore';
import { useNotify } from '../components/Notices';
import { EmptyState, Loading } from '../components/States';
import { formatDateTime, formatRelativeTime } from '../lib/relative-time';
import { usePagedList } from '../lib/use-paged-list';
import { InviteDialog } from './InviteDialog';
import { MemberLimitsDialog } from './MemberLimitsDialog';
import { MemberRoleDialog } from './MemberRoleDialog';
import { workspaceInWords } from './current-workspace';
import { mayManageMember, workspaceAbilities, type WorkspaceAbilities } from './workspace-abilities';
import { useWorkspaceScope } from './workspace-scope';
import { listInvitations, listMembers, removeMember, revokeInvitation, type MemberRow } from './workspaces-api';
import { ActionsHeader } from '../components/ActionsHeader';


type DialogState =
  | { kind: 'invite' }
  | { kind: 'role'; member: MemberRow }
  | { kind: 'limits'; member: MemberRow }
  | { kind: 'remove'; member: MemberRow }
  | { kind: 'revoke'; invitation: Invitation }
  | { kind: 'leave' }
  | null;

/** The current workspace's members and pending invitations; what it offers follows my permissions there. */
export function MembersPage() {
  const api = useApi();
  const notify = useNotify();
  const session = useSession();
  const workspaces = useWorkspaces();
  const { workspace, permissions } = useWorkspaceScope();
  const me = session.status === 'signed-in' ? session.user.id : null;
  const abilities = workspaceAbilities(workspace.role, permissions);
  const canInvite = abilities.manageMembers && !workspace.personal;
  const [dialog, setDialog] = useState<DialogState>(null);

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>Members</h1>
          <p className="muted">
            Who is in <strong>{workspaceInWords(workspace)}</strong>, and with which role. You are{' '}
            <span className="chip">{workspace.role}</span> here.
          </p>
        </div>
        {!workspace.personal && (
          <div className="button-row">
            {canInvite && (
              <button type="button" className="button" onClick={() => setDialog({ kind: 'invite' })}>
                Invite
              </button>
            )}
            <button type="button" className="button button--danger-outline" onClick={() => setDialog({ kind: 'leave' })}>
              Leave workspace
            </button>
          </div>
        )}
      </header>

      {workspace.personal && (
        <p className="alert alert--info">
          This is your personal workspace: members cannot be invited into a personal workspace. Create a shared workspace (the{' '}
          <strong>+</strong> beside the workspace switcher) to work with others.
        </p>
      )}

      {!abilities.readMembers ? (
        <p className="alert alert--info" data-testid="members-not-available">
          Your role in {workspace.name} (<strong>{workspace.role}</strong>) does not let you see its members. An owner or admin of the
          workspace can tell you who is in it, or give you a role that can.
        </p>
      ) : (
        <MemberLists workspace={workspace} me={me} dialog={dialog} openDialog={setDialog} abilities={abilities} canInvite={canInvite} />
      )}

      {dialog?.kind === 'leave' && (
        <ConfirmDialog
          title="Leave workspace"
          confirmLabel="Leave workspace"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await removeMember(api, workspace.id, me!);
            setDialog(null);
            workspaces.forget(workspace.id);
            notify(`You left ${workspace.name}.`);
          }}
        >
          <p>
            Leave <strong>{workspace.name}</strong>? You lose access to it at once, and need a new invitation to come back.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

interface MemberListsProps {
  workspace: Workspace;
  me: string | null;
  dialog: DialogState;
  openDialog(dialog: DialogState): void;
  abilities: WorkspaceAbilities;
  canInvite: boolean;
}

function MemberLists({ workspace, me, dialog, openDialog, abilities, canInvite }: MemberListsProps) {
  const api = useApi();
  const notify = useNotify();
  const members = usePagedList((cursor, signal) => listMembers(api, workspace.id, cursor, signal), [api, workspace.id]);
  const showInvitations = !workspace.personal;
  const invitations = usePagedList(
    (cursor, signal) => (showInvitations ? listInvitations(api, workspace.id, cursor, signal) : Promise.resolve({ items: [], nextCursor: null })),
    [api, workspace.id, showInvitations],
  );
  const manages = (member: MemberRow) => member.user.id !== me && !workspace.personal && mayManageMember(abilities, member.role);
  // The server refuses limits on a member above me, as it refuses changing their role.
  const limitable = (member: MemberRow) => !workspace.personal && (member.user.id === me || mayManageMember(abilities, member.role));
  const anyActions = abilities.manageMembers && !workspace.personal;
  const close = () => openDialog(null);

  return (
    <>
      {members.loading ? (
        <Loading label="Loading members…" />
      ) : members.error && members.items.length === 0 ? (
        <ErrorMessage error={members.error} onRetry={members.reload} />
      ) : members.items.length === 0 ? (
        <EmptyState title="No members." />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table--cards" data-testid="members-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Joined</th>
                  {anyActions && <ActionsHeader />}
                </tr>
              </thead>
              <tbody>
                {members.items.map((member) => (
                  <tr key={member.id} data-user-id={member.user.id}>
                    <td data-label="Name">
                      {member.user.name ? <strong>{member.user.name}</strong> : <span className="muted">—</span>}{' '}
                      {member.user.id === me && <span className="badge badge--builtin">you</span>}
                    </td>
                    <td data-label="Email" className="table__break">
                      {member.user.email}
                    </td>
                    <td data-label="Role">
                      <span className="chip">{member.role}</span>
                    </td>
                    <td data-label="Joined">
                      <time dateTime={member.joinedAt} title={formatDateTime(member.joinedAt)}>
                        {formatRelativeTime(member.joinedAt)}
                      </time>
                    </td>
                    {anyActions && (
                      <td className="table__actions">
                        {/* Nobody changes their own role, nor a member above them (an admin cannot touch an owner); limits are set on oneself too. */}
                        <div className="button-row">
                          {limitable(member) && (
                            <button
                              type="button"
                              className="button button--secondary button--small"
                              aria-label={`Limits of ${member.user.email}`}
                              onClick={() => openDialog({ kind: 'limits', member })}
                            >
                              Limits
                            </button>
                          )}
                          {manages(member) && (
                            <>
                              <button
                                type="button"
                                className="button button--secondary button--small"
                                aria-label={`Change role of ${member.user.email}`}
                                onClick={() => openDialog({ kind: 'role', member })}
                              >
                                Role
                              </button>
                              <button
                                type="button"
                                className="button button--danger-outline button--small"
                                aria-label={`Remove ${member.user.email}`}
                                onClick={() => openDialog({ kind: 'remove', member })}
                              >
                                Remove
                              </button>
                            </>
                          )}
                        </div>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore list={members} />
        </>
      )}

      {showInvitations && (
        <section className="stack" aria-labelledby="invitations-title">
          <h2 id="invitations-title">Pending invitations</h2>
          {invitations.loading ? (
            <Loading label="Loading invitations…" />
          ) : invitations.error && invitations.items.length === 0 ? (
            <ErrorMessage error={invitations.error} onRetry={invitations.reload} />
          ) : invitations.items.length === 0 ? (
            <EmptyState title="No pending invitations." />
          ) : (
            <>
              <div className="table-wrap">
                <table className="table table--cards" data-testid="invitations-table">
                  <thead>
                    <tr>
                      <th scope="col">Email</th>
                      <th scope="col">Role</th>
                      <th scope="col">Expires</th>
                      {canInvite && <ActionsHeader />}
                    </tr>
                  </thead>
                  <tbody>
                    {invitations.items.map((invitation) => (
                      <tr key={invitation.id} data-invitation-id={invitation.id}>
                        <td data-label="Email" className="table__break">
                          {invitation.email}
                        </td>
                        <td data-label="Role">
                          <span className="chip">{invitation.role}</span>
                        </td>
                        <td data-label="Expires">
                          <time dateTime={invitation.expiresAt} title={formatDateTime(invitation.expiresAt)}>
                            {formatRelativeTime(invitation.expiresAt)}
                          </time>
                        </td>
                        {canInvite && (
                          <td className="table__actions">
                            <button
                              type="button"
                              className="button button--danger-outline button--small"
                              aria-label={`Revoke invitation for ${invitation.email}`}
                              onClick={() => openDialog({ kind: 'revoke', invitation })}
                            >
                              Revoke
                            </button>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <LoadMore list={invitations} />
            </>
          )}
        </section>
      )}

      {dialog?.kind === 'invite' && (
        <InviteDialog
          workspace={workspace}
          roles={abilities.assignableRoles}
          origin={window.location.origin}
          onInvited={(invitation) => {
            invitations.reload();
            notify(`Invitation for ${invitation.email} created.`);
          }}
          onClose={close}
        />
      )}
      {dialog?.kind === 'role' && (
        <MemberRoleDialog
          workspace={workspace}
          member={dialog.member}
          roles={abilities.assignableRoles}
          onClose={close}
          onSaved={(member) => {
            close();
            members.replace(member);
            notify(`${member.user.email} is now ${member.role}.`);
          }}
        />
      )}
      {dialog?.kind === 'limits' && (
        <MemberLimitsDialog
          workspace={workspace}
          member={dialog.member}
          onClose={close}
          onSaved={() => {
            close();
            notify(`Limits of ${dialog.member.user.email} saved.`);
          }}
        />
      )}
      {dialog?.kind === 'remove' && (
        <ConfirmDialog
          title="Remove member"
          confirmLabel="Remove member"
          danger
          onClose={close}
          onConfirm={async () => {
            await removeMember(api, workspace.id, dialog.member.user.id);
            close();
            members.remove(dialog.member);
            notify(`${dialog.member.user.email} removed from ${workspace.name}.`);
          }}
        >
          <p>
            Remove <strong>{dialog.member.user.email}</strong> from {workspace.name}? They lose access to it at once.
          </p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'revoke' && (
        <ConfirmDialog
          title="Revoke invitation"
          confirmLabel="Revoke invitation"
          danger
          onClose={close}
          onConfirm={async () => {
            await revokeInvitation(api, workspace.id, dialog.invitation.id);
            close();
            invitations.remove(dialog.invitation);
            notify(`Invitation for ${dialog.invitation.email} revoked.`);
          }}
        >
          <p>
            Revoke the invitation for <strong>{dialog.invitation.email}</strong>? Its link stops working.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
