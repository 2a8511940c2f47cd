import type { Workspace } from '../api/types';

/** What later pages need to act in the current workspace (e.g. to send `X-Workspace`). */
export interface CurrentWorkspace {
  id: string;
  slug: string;
  name: string;
  role: string;
  personal: boolean;
}

export const toCurrentWorkspace = ({ id, slug, name, role, personal }: Workspace): CurrentWorkspace => ({ id, slug, name, role, personal });

/** The personal workspace first, the others in the order the server gave them. */
export function personalFirst(workspaces: readonly Workspace[]): Workspace[] {
  return [...workspaces.filter((w) => w.personal), ...workspaces.filter((w) => !w.personal)];
}

/** The chosen workspace while it is still one of mine; otherwise the personal one (or the first, should there be none). */
export function pickCurrent(workspaces: readonly Workspace[], chosenId: string | null): Workspace | null {
  return workspaces.find((w) => w.id === chosenId) ?? workspaces.find((w) => w.personal) ?? workspaces[0] ?? null;
}

/** How the switcher names a workspace: the personal one is simply "Personal". */
export const workspaceLabel = (workspace: Pick<Workspace, 'name' | 'personal'>) => (workspace.personal ? 'Personal' : workspace.name);

/** How a sentence names a workspace: "your personal workspace", or its name. */
export const workspaceInWords = (workspace: Pick<Workspace, 'name' | 'personal'>) => (workspace.personal ? 'your personal workspace' : workspace.name);

/** One stored choice per account, so two people sharing a browser do not inherit each other's. */
export const storageKey = (userId: string) => `keyward.workspace.${userId}`;

export function readChoice(userId: string, storage: Pick<Storage, 'getItem'> | undefined = safeStorage()): string | null {
  try {
    return storage?.getItem(storageKey(userId)) ?? null;
  } catch {
    return null;
  }
}

export function writeChoice(userId: string, id: string | null, storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined = safeStorage()) {
  try {
    if (id === null) storage?.removeItem(storageKey(userId));
    else storage?.setItem(storageKey(userId), id);
  } catch {
    // Storage refused (private mode, quota): the choice lasts until the page reloads.
  }
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
