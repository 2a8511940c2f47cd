import type { Workspace } from '../api/types';
import { useApi } from '../app/session-context';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/States';
import { SharedLimitsForm } from '../limits/SharedLimitsForm';
import { useAsync } from '../lib/use-async';
import { getMemberLimits, setMemberLimits, type MemberRow } from './workspaces-api';

/** The limits all of one member's keys in the workspace share, loaded and edited as one list. */
export function MemberLimitsDialog({ workspace, member, onClose, onSaved }: { workspace: Workspace; member: MemberRow; onClose(): void; onSaved(): void }) {
  const api = useApi();
  const limits = useAsync((signal) => getMemberLimits(api, workspace.id, member.user.id, signal), [api, workspace.id, member.user.id]);
  return (
    <Dialog title={`Limits of ${member.user.email}`} onClose={onClose} wide>
      {limits.loading ? (
        <Loading label="Loading limits…" />
      ) : limits.error || !limits.data ? (
        <ErrorMessage error={limits.error} onRetry={limits.reload} />
      ) : (
        <SharedLimitsForm
          limits={limits.data.limits}
          hint={`Counted over all of ${member.user.email}’s keys in ${workspace.name} together, on top of each key’s own limits.`}
          onCancel={onClose}
          onSave={async (list) => {
            await setMemberLimits(api, workspace.id, member.user.id, list);
            onSaved();
          }}
        />
      )}
    </Dialog>
  );
}
