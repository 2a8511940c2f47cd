import { describeScope, describeScopes } from './scope-descriptions';

describe('describeScope', () => {
  it('puts each alias of API.md §11 in words', () => {
    expect(['read', 'write', 'delete', 'admin'].map(describeScope)).toEqual([
      'Read everything you can read in the workspace',
      'Create and change anything you can change in the workspace',
      'Delete anything you can delete in the workspace',
      'Manage the workspace’s members, roles and OAuth apps',
    ]);
  });

  it('puts a permission in words', () => {
    expect(describeScope('contents:read')).toBe('Read content');
    expect(describeScope('keys:admin')).toBe('Manage every member’s API keys');
    expect(describeScope('audit:read')).toBe('Read the audit log');
  });

  it('says a resource wildcard grants everything on that resource', () => {
    expect(describeScope('contents:*')).toBe('Do anything with content');
    expect(describeScope('apps:*')).toBe('Do anything with OAuth apps');
  });

  it('names a permission it has no words for rather than hiding it', () => {
    expect(describeScope('reports:export')).toBe('Use the reports:export permission');
    expect(describeScope('reports:*')).toBe('Use the reports:* permission');
  });
});

describe('describeScopes', () => {
  it('lists aliases first, then permissions in reading order, whatever order they were asked in', () => {
    expect(describeScopes(['audit:read', 'contents:write', 'write', 'contents:read'])).toEqual([
      'Create and change anything you can change in the workspace',
      'Read content',
      'Read the audit log',
    ]);
  });

  it('leaves out what a broader scope in the same request already says', () => {
    expect(describeScopes(['read', 'contents:read', 'keys:read'])).toEqual(['Read everything you can read in the workspace']);
    expect(describeScopes(['admin', 'members:write', 'apps:read'])).toEqual(['Manage the workspace’s members, roles and OAuth apps']);
    expect(describeScopes(['contents:*', 'contents:delete', 'keys:read'])).toEqual(['Do anything with content', 'See API keys']);
  });

  it('says * once, as everything', () => {
    expect(describeScopes(['*', 'read', 'contents:read'])).toEqual(['Do anything you can do in the workspace']);
  });

  it('says each scope once when it is asked for twice', () => {
    expect(describeScopes(['contents:read', 'contents:read'])).toEqual(['Read content']);
  });

  it('keeps a permission the aliases do not cover beside them', () => {
    expect(describeScopes(['read', 'keys:verify', 'keys:admin'])).toEqual([
      'Read everything you can read in the workspace',
      'Manage every member’s API keys',
      'Check API keys for other services',
    ]);
  });

  it('says nothing for no scopes', () => {
    expect(describeScopes([])).toEqual([]);
  });
});
