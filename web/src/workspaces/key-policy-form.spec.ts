import { changedPolicy, formOfPolicy, policyInWords } from './key-policy-form';

const NONE = { maxLifetimeDays: null, requireIpAllowlist: false, allowedScopes: null, maxRateLimit: null };
const STRICT = { maxLifetimeDays: 90, requireIpAllowlist: true, allowedScopes: ['contents:read', 'keys:read'], maxRateLimit: 500 };

describe('policyInWords', () => {
  it('says nothing of a workspace without a policy', () => {
    expect(policyInWords(NONE)).toEqual([]);
  });

  it('says each rule in a sentence', () => {
    expect(policyInWords(STRICT)).toEqual([
      'Keys expire within 90 days of being created or changed.',
      'Keys have an IP allowlist.',
      'Keys carry only these scopes: contents:read, keys:read.',
      'Keys allow at most 500 requests an hour.',
    ]);
  });
});

describe('changedPolicy', () => {
  it('sends nothing when nothing changed', () => {
    expect(changedPolicy(STRICT, formOfPolicy(STRICT))).toEqual({ update: {}, problems: {} });
  });

  it('sends only the rules that changed, and null for a rule emptied', () => {
    const form = { ...formOfPolicy(STRICT), maxLifetimeDays: '', allowedScopes: 'contents:read  contents:write,contents:read' };
    expect(changedPolicy(STRICT, form)).toEqual({ update: { maxLifetimeDays: null, allowedScopes: ['contents:read', 'contents:write'] }, problems: {} });
  });

  it('names a field that is not a whole number in range, and sends nothing for it', () => {
    const { update, problems } = changedPolicy(NONE, { ...formOfPolicy(NONE), maxLifetimeDays: '0', maxRateLimit: '1.5', requireIpAllowlist: true });
    expect(Object.keys(problems).sort()).toEqual(['maxLifetimeDays', 'maxRateLimit']);
    expect(update).toEqual({ requireIpAllowlist: true });
  });
});
