import { NO_QUOTA } from './limits/quota.js';
import { namesWorkspace, referenceOfCall, workspacePaths } from './call-workspace.js';
import type { Principal } from './principal.js';

const user = { id: 'u1', email: 'a@example.com', name: 'A', roles: [], active: true, createdAt: new Date(0), twoFactorEnabled: false };
const jwt: Principal = { user, permissions: [], authMethod: 'jwt', sessionId: 's1' };
const key: Principal = {
  user,
  permissions: [],
  authMethod: 'api_key',
  apiKey: { id: 'k1', name: 'k', keyPrefix: 'kw_00000001', scopes: ['*'], rateLimit: 1, expiresAt: null, workspaceId: 'key-ws', quota: NO_QUOTA },
};

describe('referenceOfCall', () => {
  it('puts a key in its own workspace, whatever the path or header says', () => {
    expect(referenceOfCall(key, 'other', 'header-ws')).toBe('key-ws');
    expect(referenceOfCall(key, undefined, undefined)).toBe('key-ws');
  });

  it('puts a signed-in user in the path’s workspace, else X-Workspace’s, else their personal one', () => {
    expect(referenceOfCall(jwt, 'path-ws', 'header-ws')).toBe('path-ws');
    expect(referenceOfCall(jwt, undefined, 'header-ws')).toBe('header-ws');
    expect(referenceOfCall(jwt, undefined, undefined)).toEqual({ personal: true });
    expect(referenceOfCall(jwt, undefined, '')).toEqual({ personal: true });
  });

  it('names no workspace for a repeated X-Workspace header rather than picking one', () => {
    expect(referenceOfCall(jwt, undefined, ['a', 'b'])).toBe('');
  });
});

describe('namesWorkspace', () => {
  const workspace = { id: '0c707fb0-5202-4d90-bdee-32970320d7e9', slug: 'acme' };
  it('matches the id in any case and the slug exactly', () => {
    expect(namesWorkspace(workspace.id.toUpperCase(), workspace)).toBe(true);
    expect(namesWorkspace('acme', workspace)).toBe(true);
    expect(namesWorkspace('ACME', workspace)).toBe(false);
    expect(namesWorkspace('other', workspace)).toBe(false);
  });
});

describe('workspacePaths', () => {
  it('serves a resource un-prefixed and under /workspaces/:ws/', () => {
    expect(workspacePaths('contents')).toEqual(['contents', 'workspaces/:ws/contents']);
  });
});
