import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { Workspace } from '../api/types';
import { useCurrentWorkspace } from '../app/workspace-context';
import { newMe, newWorkspace } from '../test-support/factories';
import { fakeApi, renderWithServices, testUser } from '../test-support/services';
import { storageKey } from './current-workspace';
import { changedSettings, WorkspaceSettingsPage } from './WorkspaceSettingsPage';
import { WorkspaceGate } from './WorkspaceGate';

const PERSONAL = newWorkspace('p1', { personal: true, name: 'ada', slug: 'ada' });

function CurrentProbe() {
  const current = useCurrentWorkspace();
  return <output data-testid="current">{current ? `${current.id} ${current.name} ${current.slug}` : 'none'}</output>;
}

function setup({ workspace = newWorkspace('w1', { name: 'Acme Corp', slug: 'acme', role: 'owner' }), patch = (body: Partial<Workspace>): unknown => ({ ...workspace, ...body }) } = {}) {
  window.localStorage.setItem(storageKey(testUser.id), workspace.id);
  const fake = fakeApi((path: string, options: RequestOptions) => {
    const method = options.method ?? 'GET';
    if (path === '/workspaces' && method === 'GET') return workspace.personal ? [workspace] : [PERSONAL, workspace];
    if (path === '/auth/me') return newMe(testUser, workspace);
    if (path === `/workspaces/${workspace.id}` && method === 'PATCH') return patch(options.body as Partial<Workspace>);
    if (path === `/workspaces/${workspace.id}` && method === 'DELETE') return undefined;
    if (path === `/workspaces/${workspace.id}/limits` && method === 'GET') return { limits: [] };
    throw new Error(`unexpected ${method} ${path}`);
  });
  renderWithServices(
    <>
      {/* Through the gate, as the console does: a saved rename or requirement reaches the page through the workspace list. */}
      <WorkspaceGate title="Workspace settings">
        <WorkspaceSettingsPage />
      </WorkspaceGate>
      <CurrentProbe />
    </>,
    { api: fake.api, workspaces: true },
  );
  return { ...fake, user: userEvent.setup() };
}

const writes = (calls: Array<{ path: string; options: RequestOptions }>) => calls.filter((c) => c.options.method);

describe('WorkspaceSettingsPage', () => {
  beforeEach(() => window.localStorage.clear());

  it('renames a workspace with a PATCH of only the name, and the switcher context follows', async () => {
    const { user, calls } = setup();
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Acme Inc');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.getByTestId('current').textContent).toBe('w1 Acme Inc acme'));
    expect(writes(calls)).toEqual([{ path: '/workspaces/w1', options: { method: 'PATCH', body: { name: 'Acme Inc' } } }]);
    expect(screen.getByText('Workspace settings saved.')).toBeTruthy();
  });

  it('shows a taken slug on the slug field', async () => {
    const taken = new ApiError({ statusCode: 409, code: 'workspace.slug_taken', message: 'Slug is taken' });
    const { user } = setup({ patch: () => Promise.reject(taken) });
    const slug = await screen.findByLabelText('Slug');
    await user.clear(slug);
    await user.type(slug, 'globex');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Another workspace already uses this slug. Pick a different one.')).toBeTruthy();
    expect(slug.getAttribute('aria-invalid')).toBe('true');
  });

  it('requires two-factor sign-in with a PATCH of only that setting, and keeps the page', async () => {
    const { user, calls } = setup();
    await user.click(await screen.findByRole('checkbox', { name: 'Require two-factor sign-in for members' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Workspace settings saved.')).toBeTruthy();
    expect(writes(calls)).toEqual([{ path: '/workspaces/w1', options: { method: 'PATCH', body: { requireTwoFactor: true } } }]);
    const toggle = (await screen.findByRole('checkbox', { name: 'Require two-factor sign-in for members' })) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    expect((screen.getByRole('button', { name: 'Save changes' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says why the server refuses the requirement to an owner without two-factor, and links to the account page', async () => {
    const refusal = new ApiError({ statusCode: 403, code: 'auth.2fa_required', message: 'Turn on two-factor sign-in yourself before requiring it of the workspace' });
    const { user } = setup({ patch: () => Promise.reject(refusal) });
    await user.click(await screen.findByRole('checkbox', { name: 'Require two-factor sign-in for members' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Turn on two-factor sign-in yourself before requiring it of the workspace')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'account page' }).getAttribute('href')).toBe('/account');
  });

  it('shows a viewer the requirement but not the switch', async () => {
    setup({ workspace: newWorkspace('w1', { name: 'Acme', slug: 'acme', role: 'viewer' }) });
    const toggle = (await screen.findByRole('checkbox', { name: 'Require two-factor sign-in for members' })) as HTMLInputElement;
    expect(toggle.disabled).toBe(true);
  });

  it('deletes only once the slug is typed, then falls back to the personal workspace', async () => {
    const { user, calls } = setup();
    await user.click(await screen.findByRole('button', { name: 'Delete workspace…' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete workspace' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete workspace' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);

    // The name is not the slug.
    await user.type(within(dialog).getByLabelText(/to confirm/), 'Acme Corp');
    expect(confirm.disabled).toBe(true);
    await user.clear(within(dialog).getByLabelText(/to confirm/));
    await user.type(within(dialog).getByLabelText(/to confirm/), 'acme');
    expect(confirm.disabled).toBe(false);
    await user.click(confirm);

    await waitFor(() => expect(screen.getByTestId('current').textContent).toBe('p1 ada ada'));
    expect(writes(calls)).toEqual([{ path: '/workspaces/w1', options: { method: 'DELETE' } }]);
    expect(window.location.pathname).toBe('/keys');
  });

  it('offers an admin the settings but not deletion', async () => {
    setup({ workspace: newWorkspace('w1', { name: 'Acme', slug: 'acme', role: 'admin' }) });
    expect(await screen.findByRole('button', { name: 'Save changes' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Delete workspace…' })).toBeNull();
  });

  it('shows a viewer the settings read-only', async () => {
    setup({ workspace: newWorkspace('w1', { name: 'Acme', slug: 'acme', role: 'viewer' }) });
    expect(((await screen.findByLabelText('Name')) as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete workspace…' })).toBeNull();
    expect(screen.getByText(/Only an owner or admin of this workspace can change its settings/)).toBeTruthy();
  });

  it('shows the limits the workspace’s keys share below the general settings', async () => {
    setup();
    const limits = await screen.findByRole('region', { name: 'Limits' });
    expect((await within(limits).findByTestId('workspace-limits')).textContent).toBe('No named limits: the workspace’s keys share none.');
  });

  it('never offers to delete a personal workspace', async () => {
    setup({ workspace: PERSONAL });
    expect(await screen.findByRole('button', { name: 'Save changes' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Delete workspace…' })).toBeNull();
  });
});

describe('changedSettings', () => {
  it('sends only what changed, trimmed', () => {
    const acme = { name: 'Acme', slug: 'acme', requireTwoFactor: false };
    expect(changedSettings(acme, { name: ' Acme ', slug: 'acme-corp', requireTwoFactor: false })).toEqual({ slug: 'acme-corp' });
    expect(changedSettings(acme, { name: 'Acme', slug: 'acme', requireTwoFactor: false })).toEqual({});
    expect(changedSettings(acme, { name: 'Acme', slug: 'acme', requireTwoFactor: true })).toEqual({ requireTwoFactor: true });
    expect(changedSettings({ ...acme, requireTwoFactor: true }, { name: 'Acme', slug: 'acme', requireTwoFactor: false })).toEqual({ requireTwoFactor: false });
  });

  it('shows the key policy in words and saves only the rules changed, for an owner', async () => {
    const workspace = newWorkspace('w1', { name: 'Acme Corp', slug: 'acme', role: 'owner', keyPolicy: { maxLifetimeDays: 90, requireIpAllowlist: false, allowedScopes: null, maxRateLimit: null } });
    const { user, calls } = setup({ workspace, patch: (body) => ({ ...workspace, keyPolicy: { ...workspace.keyPolicy, ...(body.keyPolicy as object) } }) });
    expect((await screen.findByTestId('key-policy')).textContent).toContain('Keys expire within 90 days');
    await user.click(screen.getByRole('button', { name: 'Edit key policy' }));
    await user.click(screen.getByLabelText('Keys must have an IP allowlist'));
    await user.clear(screen.getByLabelText('Longest lifetime (days)'));
    await user.click(screen.getByRole('button', { name: 'Save key policy' }));
    await waitFor(() => expect(writes(calls)).toEqual([{ path: '/workspaces/w1', options: { method: 'PATCH', body: { keyPolicy: { maxLifetimeDays: null, requireIpAllowlist: true } } } }]));
    await waitFor(() => expect(screen.getByTestId('key-policy').textContent).toBe('Keys have an IP allowlist.'));
  });

  it('shows the key policy to a member without a way to change it', async () => {
    setup({ workspace: newWorkspace('w1', { name: 'Acme Corp', slug: 'acme', role: 'member' }) });
    expect((await screen.findByTestId('key-policy')).textContent).toContain('No key policy');
    expect(screen.queryByRole('button', { name: 'Edit key policy' })).toBeNull();
  });
});
