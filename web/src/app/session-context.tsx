import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client';
import { hasPermission } from '../auth/permissions';
import type { SessionState, SessionStore } from '../auth/session-store';

interface Services {
  session: SessionStore;
  api: ApiClient;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ session, api, children }: Services & { children: ReactNode }) {
  const services = useMemo(() => ({ session, api }), [session, api]);
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesProvider is missing');
  return services;
}

export const useApi = () => useServices().api;
export const useSessionStore = () => useServices().session;

export function useSession(): SessionState {
  const { session } = useServices();
  return useSyncExternalStore(session.subscribe, session.getState);
}

/**
 * What the signed-in user's instance roles grant (users, roles, every workspace's audit log), empty
 * when signed out. What they may do inside a workspace is the workspace's: see useWorkspaceScope.
 */
export function useInstancePermissions(): string[] {
  const state = useSession();
  return state.status === 'signed-in' ? state.instancePermissions : EMPTY;
}

const EMPTY: string[] = [];

export function useInstanceCan(permission: string): boolean {
  return hasPermission(useInstancePermissions(), permission);
}
