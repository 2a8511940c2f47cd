import { render } from '@testing-library/react';
import { StrictMode, type ReactElement } from 'react';
import type { ApiClient, RequestOptions } from '../api/api-client';
import type { User, Workspace } from '../api/types';
import { ServicesProvider } from '../app/session-context';
import { WorkspaceProvider } from '../app/workspace-context';
import type { SessionState, SessionStore } from '../auth/session-store';
import { NoticeProvider } from '../components/Notices';
import { WorkspaceScopeProvider } from '../workspaces/workspace-scope';
import { newWorkspace } from './factories';

/** Registrations get no instance role (API.md §9). */
export const testUser: User = { id: 'u1', email: 'ada@example.com', name: 'Ada', roles: [], active: true, createdAt: '2026-01-01T00:00:00Z', twoFactorEnabled: false };

/** A signed-in session whose instance roles grant `instancePermissions`. */
export function signedInSession(instancePermissions: string[], user: User = testUser): SessionStore {
  const state: SessionState = { status: 'signed-in', user, instancePermissions };
  return {
    getState: () => state,
    subscribe: () => () => undefined,
    accessToken: () => 'token',
    renewAfterUnauthorized: async () => false,
    restore: async () => undefined,
    signIn: async () => undefined,
    signInSecondFactor: async () => undefined,
    register: async () => undefined,
    signOut: async () => undefined,
    forget: () => undefined,
  };
}

export type FakeRequest = (path: string, options: RequestOptions) => unknown;

/** An ApiClient whose answers come from `answer`; calls are recorded for assertions. */
export function fakeApi(answer: FakeRequest) {
  const calls: Array<{ path: string; options: RequestOptions }> = [];
  const api: ApiClient = {
    async request<T>(path: string, options: RequestOptions = {}) {
      calls.push({ path, options });
      return (await answer(path, options)) as T;
    },
    async download(path: string, options: RequestOptions = {}) {
      calls.push({ path, options });
      return { blob: new Blob([String(await answer(path, options))]), filename: null };
    },
  };
  return { api, calls };
}

/** The workspace a page is rendered in when a test does not name one. */
export const TEST_WORKSPACE = newWorkspace('w1', { name: 'Acme', slug: 'acme' });

interface RenderOptions {
  api: ApiClient;
  /** What the session's instance roles grant (the admin pages, every workspace's audit log). */
  instancePermissions?: string[];
  /**
   * Renders a workspace page as WorkspaceGate would once the server answered: in `workspace`
   * (TEST_WORKSPACE unless named), holding `permissions` there, its requests under /workspaces/<id>.
   */
  inWorkspace?: { permissions: string[]; workspace?: Workspace };
  /** Wraps the page in the real WorkspaceProvider, which loads `GET /workspaces` from `api`. */
  workspaces?: boolean;
  session?: SessionStore;
  /** Renders under StrictMode at the root, as main.tsx does: effects run twice on mount (nested StrictMode does not do that). */
  strict?: boolean;
}

export function renderWithServices(
  ui: ReactElement,
  { api, instancePermissions = [], inWorkspace, workspaces = false, session = signedInSession(instancePermissions), strict = false }: RenderOptions,
) {
  const page = inWorkspace ? (
    <WorkspaceScopeProvider workspace={inWorkspace.workspace ?? TEST_WORKSPACE} permissions={inWorkspace.permissions}>
      {ui}
    </WorkspaceScopeProvider>
  ) : (
    ui
  );
  const tree = (
    <ServicesProvider session={session} api={api}>
      <NoticeProvider>{workspaces ? <WorkspaceProvider>{page}</WorkspaceProvider> : page}</NoticeProvider>
    </ServicesProvider>
  );
  return render(strict ? <StrictMode>{tree}</StrictMode> : tree);
}
