import type { ApiKey } from '../api/types';

export type KeyAction = 'edit' | 'disable' | 'enable' | 'rotate' | 'transfer' | 'revoke' | 'delete';

export const KEY_ACTION_LABELS: Record<KeyAction, string> = {
  edit: 'Edit',
  disable: 'Disable',
  enable: 'Enable',
  rotate: 'Rotate…',
  transfer: 'Transfer…',
  revoke: 'Revoke…',
  delete: 'Delete…',
};

/**
 * What makes sense for a key in its state: a revoked key is final, so only deleting remains; an
 * expired one cannot be rotated (the server refuses: its successor would be born expired) until
 * an edit extends it. Someone else's key (seen with keys:admin) can be narrowed, disabled,
 * revoked or deleted, never rotated or re-enabled: the server keeps those for the owner.
 * `transfer`: the caller may hand keys to another member (keys:admin in a shared workspace).
 */
export function availableKeyActions(key: Pick<ApiKey, 'status' | 'active'>, { own = true, transfer = false }: { own?: boolean; transfer?: boolean } = {}): KeyAction[] {
  if (key.status === 'revoked') return ['delete'];
  const actions: KeyAction[] = ['edit', key.active ? 'disable' : 'enable', 'rotate', ...(transfer ? (['transfer'] as const) : []), 'revoke', 'delete'];
  const ownerOnly: KeyAction[] = own ? [] : ['rotate', 'enable'];
  if (key.status === 'expired') ownerOnly.push('rotate');
  return actions.filter((action) => !ownerOnly.includes(action));
}
