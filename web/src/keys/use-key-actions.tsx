import { useState, type ReactNode } from 'react';
import type { ApiKey, CreatedApiKey } from '../api/types';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notices';
import { errorLines } from '../api/api-error';
import type { KeyAction } from './key-actions';
import { EditKeyDialog } from './EditKeyDialog';
import { deleteKey, revokeKey, updateKey } from './keys-api';
import { OneTimeKeyDialog } from './OneTimeKeyDialog';
import { RotateKeyDialog } from './RotateKeyDialog';
import { TransferKeyDialog } from './TransferKeyDialog';
import { useWorkspaceScope } from '../workspaces/workspace-scope';

interface KeyActionHandlers {
  onUpdated(key: ApiKey): void;
  onDeleted(key: ApiKey): void;
  /** After a rotation's one-time dialog was closed. */
  onRotated(created: CreatedApiKey): void;
  /** As soon as the key belongs to another member (its dialog stays open to show what it lost). */
  onTransferred(key: ApiKey): void;
}

type Open = { action: 'edit' | 'rotate' | 'transfer' | 'revoke' | 'delete'; key: ApiKey } | { action: 'show-rotated'; created: CreatedApiKey } | null;

/** Runs a key action, with the dialog it needs; the same everywhere keys are listed. */
export function useKeyActions({ onUpdated, onDeleted, onRotated, onTransferred }: KeyActionHandlers): { run(action: KeyAction, key: ApiKey): void; dialogs: ReactNode } {
  const { api } = useWorkspaceScope();
  const notify = useNotify();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  async function setActive(key: ApiKey, active: boolean) {
    try {
      onUpdated(await updateKey(api, key.id, { active }));
      notify(`${key.name} ${active ? 'enabled' : 'disabled'}.`);
    } catch (error) {
      notify(`Could not ${active ? 'enable' : 'disable'} ${key.name}: ${errorLines(error).join(' ')}`);
    }
  }

  function run(action: KeyAction, key: ApiKey) {
    if (action === 'disable' || action === 'enable') void setActive(key, action === 'enable');
    else setOpen({ action, key });
  }

  let dialogs: ReactNode = null;
  if (open?.action === 'edit') {
    dialogs = (
      <EditKeyDialog
        apiKey={open.key}
        onClose={close}
        onSaved={(key) => {
          close();
          onUpdated(key);
          notify(`${key.name} saved.`);
        }}
      />
    );
  } else if (open?.action === 'rotate') {
    dialogs = <RotateKeyDialog apiKey={open.key} onClose={close} onRotated={(created) => setOpen({ action: 'show-rotated', created })} />;
  } else if (open?.action === 'transfer') {
    dialogs = (
      <TransferKeyDialog
        apiKey={open.key}
        onClose={close}
        onTransferred={({ droppedScopes: _dropped, ...key }) => onTransferred(key)}
      />
    );
  } else if (open?.action === 'show-rotated') {
    const { created } = open;
    dialogs = (
      <OneTimeKeyDialog
        created={created}
        title="Key rotated: here is the new key"
        origin={window.location.origin}
        onClose={() => {
          close();
          onRotated(created);
        }}
      />
    );
  } else if (open?.action === 'revoke') {
    const { key } = open;
    dialogs = (
      <ConfirmDialog
        title="Revoke key"
        confirmLabel="Revoke key"
        danger
        onClose={close}
        onConfirm={async () => {
          const revoked = await revokeKey(api, key.id);
          close();
          onUpdated(revoked);
          notify(`${key.name} revoked.`);
        }}
      >
        <p>
          Revoke <strong>{key.name}</strong> (<span className="mono">{key.keyPrefix}</span>)? It stops working at once. This cannot be undone.
        </p>
      </ConfirmDialog>
    );
  } else if (open?.action === 'delete') {
    const { key } = open;
    dialogs = (
      <ConfirmDialog
        title="Delete key"
        confirmLabel="Delete key"
        danger
        onClose={close}
        onConfirm={async () => {
          await deleteKey(api, key.id);
          close();
          onDeleted(key);
          notify(`${key.name} deleted.`);
        }}
      >
        <p>
          Delete <strong>{key.name}</strong> (<span className="mono">{key.keyPrefix}</span>)? It stops working at once and disappears from
          this list; its audit history stays.
        </p>
      </ConfirmDialog>
    );
  }
  return { run, dialogs };
}
