import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { Workspace } from '../api/types';
import { useCurrentWorkspace } from '../app/workspace-context';
import { newWorkspace } from '../test-support/factories';
import { fakeApi, renderWithServices, testUser } from '../test-support/services';
import { storageKey } from './current-workspace';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

const PERSONAL = newWorkspace('p1', { personal: true, name: 'ada', slug: 'ada', role: 'owner' });
const ACME = newWorkspace('w1', { name: 'Acme', slug: 'acme', role: 'admin' });
const GLOBEX = newWorkspace('w2', { name: 'Globex', slug: 'globex', role: 'viewer' });

/** What later pages read from the context, printed so a test can see it. */
function CurrentProbe() {
  const current = useCurrentWorkspace();
  return <output data-testid="current">{current ? JSON.stringify(current) : 'none'}</output>;
}

function setup({ create = (body: { name: string; slug?: string }): unknown => newWorkspace('w3', { name: body.name, slug: body.slug ?? 'made-up' }) } = {}) {
  // The server lists personal first; the console must not rely on it.
  const list: Workspace[] = [ACME, PERSONAL, GLOBEX];
  const fake = fakeApi((path: string, options: RequestOptions) => {
    if (path === '/workspaces' && !options.method) return list;
    if (path === '/workspaces' && options.method === 'POST') return create(options.body as { name: string; slug?: string });
    throw new Error(`unexpected ${options.method ?? 'GET'} ${path}`);
  });
  renderWithServices(
    <>
      <WorkspaceSwitcher />
      <CurrentProbe />
    </>,
    { api: fake.api, workspaces: true },
  );
  return { ...fake, user: userEvent.setup() };
}

const current = () => JSON.parse(screen.getByTestId('current').textContent!) as Record<string, unknown>;
const switcher = () => screen.getByLabelText('Workspace') as HTMLSelectElement;
const optionLabels = () => within(switcher()).getAllByRole('option').map((o) => o.textContent);

describe('WorkspaceSwitcher', () => {
  beforeEach(() => window.localStorage.clear());

  it('lists my workspaces with the personal one first, labelled Personal, and starts there', async () => {
    setup();
    await waitFor(() => expect(optionLabels()).toEqual(['Personal', 'Acme (admin)', 'Globex (viewer)']));
    expect(switcher().value).toBe('p1');
    expect(current()).toEqual({ id: 'p1', slug: 'ada', name: 'ada', role: 'owner', personal: true });
  });

  it('switches the current workspace and remembers the choice by id', async () => {
    const { user } = setup();
    await waitFor(() => expect(optionLabels()).toHaveLength(3));

    await user.selectOptions(switcher(), 'w1');

    expect(current()).toEqual({ id: 'w1', slug: 'acme', name: 'Acme', role: 'admin', personal: false });
    expect(window.localStorage.getItem(storageKey(testUser.id))).toBe('w1');
    expect(await screen.findByText('Switched to Acme.')).toBeTruthy();
  });

  it("leaves a key's page for the keys list when switching: the key belongs to the workspace left", async () => {
    window.history.replaceState(null, '', '/keys/3f0c1e9a-0000-4000-8000-000000000001');
    const { user } = setup();
    await waitFor(() => expect(optionLabels()).toHaveLength(3));
    await user.selectOptions(switcher(), 'w1');
    expect(window.location.pathname).toBe('/keys');
  });

  it('stays on the page when switching, which then shows the new workspace', async () => {
    window.history.replaceState(null, '', '/audit?severity=critical');
    const { user } = setup();
    await waitFor(() => expect(optionLabels()).toHaveLength(3));
    await user.selectOptions(switcher(), 'w1');
    expect(window.location.pathname + window.location.search).toBe('/audit?severity=critical');
  });

  it('opens in the workspace chosen last time', async () => {
    window.localStorage.setItem(storageKey(testUser.id), 'w2');
    setup();
    await waitFor(() => expect(current().id).toBe('w2'));
    expect(switcher().value).toBe('w2');
  });

  it('falls back to the personal workspace when the stored one is gone', async () => {
    window.localStorage.setItem(storageKey(testUser.id), 'deleted-workspace');
    setup();
    await waitFor(() => expect(current().id).toBe('p1'));
  });

  it('creates a workspace with a name and slug, and switches to it', async () => {
    const { user, calls } = setup();
    await waitFor(() => expect(optionLabels()).toHaveLength(3));

    await user.click(screen.getByRole('button', { name: 'Create workspace' }));
    const dialog = screen.getByRole('dialog', { name: 'Create workspace' });
    await user.type(within(dialog).getByLabelText('Name'), 'Initech');
    await user.type(within(dialog).getByLabelText('Slug (optional)'), 'initech');
    await user.click(within(dialog).getByRole('button', { name: 'Create workspace' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.filter((c) => c.options.method === 'POST')).toEqual([{ path: '/workspaces', options: { method: 'POST', body: { name: 'Initech', slug: 'initech' } } }]);
    expect(optionLabels()).toEqual(['Personal', 'Acme (admin)', 'Globex (viewer)', 'Initech (owner)']);
    expect(current()).toMatchObject({ id: 'w3', name: 'Initech' });
    expect(await screen.findByText('Workspace Initech created.')).toBeTruthy();
  });

  it('leaves the slug to the server when none is typed', async () => {
    const { user, calls } = setup();
    await user.click(await screen.findByRole('button', { name: 'Create workspace' }));
    await user.type(screen.getByLabelText('Name'), 'Initech');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Create workspace' }));
    await waitFor(() => expect(calls.some((c) => c.options.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.options.method === 'POST')!.options.body).toEqual({ name: 'Initech' });
  });

  it('says so on the slug field when the slug is taken, and keeps the dialog open', async () => {
    const taken = new ApiError({ statusCode: 409, code: 'workspace.slug_taken', message: 'Slug is taken' });
    const { user } = setup({ create: () => Promise.reject(taken) });
    await user.click(await screen.findByRole('button', { name: 'Create workspace' }));
    await user.type(screen.getByLabelText('Name'), 'Acme two');
    const slug = screen.getByLabelText('Slug (optional)');
    await user.type(slug, 'acme');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Create workspace' }));

    expect(await screen.findByText('Another workspace already uses this slug. Pick a different one.')).toBeTruthy();
    expect(slug.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('dialog', { name: 'Create workspace' })).toBeTruthy();
  });

  it('refuses a malformed slug before asking the server', async () => {
    const { user, calls } = setup();
    await user.click(await screen.findByRole('button', { name: 'Create workspace' }));
    await user.type(screen.getByLabelText('Name'), 'Acme');
    await user.type(screen.getByLabelText('Slug (optional)'), 'Acme Inc');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Create workspace' }));
    expect(screen.getByText(/Use 2–39 lowercase letters/)).toBeTruthy();
    expect(calls.some((c) => c.options.method === 'POST')).toBe(false);
  });
});
