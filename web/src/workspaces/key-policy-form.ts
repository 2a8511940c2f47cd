import type { Workspace, WorkspaceUpdate } from '../api/types';

type KeyPolicyDto = NonNullable<WorkspaceUpdate['keyPolicy']>;

type KeyPolicy = Workspace['keyPolicy'];

/** The policy as the form edits it: text inputs, so "no limit" is an empty field. */
export interface KeyPolicyForm {
  maxLifetimeDays: string;
  requireIpAllowlist: boolean;
  allowedScopes: string;
  maxRateLimit: string;
}

export function formOfPolicy(policy: KeyPolicy): KeyPolicyForm {
  return {
    maxLifetimeDays: policy.maxLifetimeDays === null ? '' : String(policy.maxLifetimeDays),
    requireIpAllowlist: policy.requireIpAllowlist,
    allowedScopes: policy.allowedScopes?.join(', ') ?? '',
    maxRateLimit: policy.maxRateLimit === null ? '' : String(policy.maxRateLimit),
  };
}

/** What the workspace's policy demands, one sentence a rule; none when it sets none. */
export function policyInWords(policy: KeyPolicy): string[] {
  const rules: string[] = [];
  if (policy.maxLifetimeDays !== null) rules.push(`Keys expire within ${policy.maxLifetimeDays} day${policy.maxLifetimeDays === 1 ? '' : 's'} of being created or changed.`);
  if (policy.requireIpAllowlist) rules.push('Keys have an IP allowlist.');
  if (policy.allowedScopes) rules.push(`Keys carry only these scopes: ${policy.allowedScopes.join(', ')}.`);
  if (policy.maxRateLimit !== null) rules.push(`Keys allow at most ${policy.maxRateLimit.toLocaleString('en-US')} requests an hour.`);
  return rules;
}

const wholeNumber = (text: string, min: number, max: number): number | null | 'bad' => {
  if (text.trim() === '') return null;
  if (!/^\d+$/.test(text.trim())) return 'bad';
  const value = Number(text.trim());
  return value >= min && value <= max ? value : 'bad';
};

/**
 * The rules that changed, as PATCH /workspaces/:ws {keyPolicy} takes them (null lifts a rule), or
 * the problems by field. Scopes are comma- or space-separated.
 */
export function changedPolicy(policy: KeyPolicy, form: KeyPolicyForm): { update: KeyPolicyDto; problems: Partial<Record<keyof KeyPolicyForm, string>> } {
  const update: KeyPolicyDto = {};
  const problems: Partial<Record<keyof KeyPolicyForm, string>> = {};
  const days = wholeNumber(form.maxLifetimeDays, 1, 3650);
  if (days === 'bad') problems.maxLifetimeDays = 'A whole number of days from 1 to 3650, or empty for no limit.';
  else if (days !== policy.maxLifetimeDays) update.maxLifetimeDays = days;
  const rate = wholeNumber(form.maxRateLimit, 1, 1_000_000_000);
  if (rate === 'bad') problems.maxRateLimit = 'A whole number of requests an hour, or empty for the plan’s maximum.';
  else if (rate !== policy.maxRateLimit) update.maxRateLimit = rate;
  if (form.requireIpAllowlist !== policy.requireIpAllowlist) update.requireIpAllowlist = form.requireIpAllowlist;
  const scopes = form.allowedScopes.split(/[\s,]+/).filter(Boolean);
  const nextScopes = scopes.length ? [...new Set(scopes)] : null;
  if (JSON.stringify(nextScopes) !== JSON.stringify(policy.allowedScopes)) update.allowedScopes = nextScopes;
  return { update, problems };
}
