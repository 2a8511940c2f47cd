import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Workspace } from '../api/types';
import { personalFirst, pickCurrent, readChoice, toCurrentWorkspace, writeChoice, type CurrentWorkspace } from '../workspaces/current-workspace';
import { listWorkspaces } from '../workspaces/workspaces-api';
import { useApi, useSession } from './session-context';

export interface WorkspaceContextValue {
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  /** Mine, personal first. */
  workspaces: Workspace[];
  /** The one the console acts in: the stored choice, or the personal workspace when that is gone. */
  current: Workspace | null;
  select(id: string): void;
  reload(): void;
  /** After a create, rename or accept: put the server's answer in the list, and optionally switch to it. */
  upsert(workspace: Workspace, options?: { select?: boolean }): void;
  /** After a delete or leave: drop it; if it was current, the personal workspace takes over. */
  forget(id: string): void;
}

const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

/** The signed-in user's workspaces and the current one, whose id is kept in localStorage. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const session = useSession();
  const userId = session.status === 'signed-in' ? session.user.id : '';
  const [workspaces, setWorkspaces] = useState<Workspace[]>([]);
  const [status, setStatus] = useState<WorkspaceContextValue['status']>('loading');
  const [error, setError] = useState<unknown>(null);
  const [chosenId, setChosenId] = useState<string | null>(() => readChoice(userId));
  // Only the latest list answer counts; a change made while one is on the wire asks again.
  const loads = useRef(0);
  const inFlight = useRef(false);

  const reload = useCallback(() => {
    const load = ++loads.current;
    inFlight.current = true;
    listWorkspaces(api).then(
      (list) => {
        if (load !== loads.current) return;
        inFlight.current = false;
        setWorkspaces(personalFirst(list));
        setError(null);
        setStatus('ready');
      },
      (failure: unknown) => {
        if (load !== loads.current) return;
        inFlight.current = false;
        setError(failure);
        setStatus((previous) => (previous === 'ready' ? previous : 'error'));
      },
    );
  }, [api]);

  useEffect(() => {
    reload();
    return () => {
      loads.current += 1;
    };
  }, [reload]);

  const select = useCallback(
    (id: string) => {
      setChosenId(id);
      writeChoice(userId, id);
    },
    [userId],
  );

  const upsert = useCallback(
    (workspace: Workspace, options: { select?: boolean } = {}) => {
      setWorkspaces((list) => personalFirst(list.some((w) => w.id === workspace.id) ? list.map((w) => (w.id === workspace.id ? workspace : w)) : [...list, workspace]));
      if (options.select) select(workspace.id);
      if (inFlight.current) reload();
    },
    [select, reload],
  );

  const forget = useCallback(
    (id: string) => {
      setWorkspaces((list) => list.filter((w) => w.id !== id));
      setChosenId((chosen) => {
        if (chosen !== id) return chosen;
        writeChoice(userId, null);
        return null;
      });
      if (inFlight.current) reload();
    },
    [userId, reload],
  );

  const current = pickCurrent(workspaces, chosenId);
  const value = useMemo(
    () => ({ status, error, workspaces, current, select, reload, upsert, forget }),
    [status, error, workspaces, current, select, reload, upsert, forget],
  );
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspaces(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('WorkspaceProvider is missing');
  return value;
}

/** The current workspace (id, slug, name, role, personal), or null until the list has loaded. */
export function useCurrentWorkspace(): CurrentWorkspace | null {
  const { current } = useWorkspaces();
  return useMemo(() => (current ? toCurrentWorkspace(current) : null), [current]);
}
