import { render } from '@testing-library/react';
import { StrictMode, type ReactElement } from 'react';
import type { ApiClient, RequestOptions } from '../api/api-client';
import type { User } from '../api/types';
import { ServicesProvider } from '../app/session-context';
import { WorkspaceProvider } from '../app/workspace-context';
import type { SessionState, SessionStore } from '../auth/session-store';
import { NoticeProvider } from '../components/Notices';

export const testUser: User = { id: 'u1', email: 'ada@example.com', name: 'Ada', roles: ['member'], active: true, createdAt: '2026-01-01T00:00:00Z', twoFactorEnabled: false };

export function signedInSession(permissions: string[], user: User = testUser): SessionStore {
  const state: SessionState = { status: 'signed-in', user, permissions };
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

interface RenderOptions {
  api: ApiClient;
  permissions?: string[];
  /** Wraps the page in the real WorkspaceProvider, which loads `GET /workspaces` from `api`. */
  workspaces?: boolean;
  session?: SessionStore;
  /** Renders under StrictMode at the root, as main.tsx does: effects run twice on mount (nested StrictMode does not do that). */
  strict?: boolean;
}

export function renderWithServices(
  ui: ReactElement,
  { api, permissions = ['*'], workspaces = false, session = signedInSession(permissions), strict = false }: RenderOptions,
) {
  const tree = (
    <ServicesProvider session={session} api={api}>
      <NoticeProvider>{workspaces ? <WorkspaceProvider>{ui}</WorkspaceProvider> : ui}</NoticeProvider>
    </ServicesProvider>
  );
  return render(strict ? <StrictMode>{tree}</StrictMode> : tree);
}
