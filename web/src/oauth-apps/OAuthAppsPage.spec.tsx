import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { CreatedOAuthApp, OAuthApp } from '../api/types';
import { fakeApi, renderWithServices } from '../test-support/services';
import { OAuthAppsPage } from './OAuthAppsPage';

const APPS = '/workspaces/w1/oauth-apps';
const SECRET = 'kws_0123456789abcdef0123456789abcdef';

const newApp = (id: string, overrides: Partial<OAuthApp> = {}): OAuthApp => ({
  id, workspaceId: 'w1', name: `App ${id}`, clientId: `kwc_${id}`, type: 'confidential', redirectUris: ['https://app.example/cb'], scopes: ['read'],
  createdBy: 'u1', createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z', ...overrides,
});

const ZAPIER = newApp('a1', { name: 'Zapier', redirectUris: ['https://zapier.example/cb', 'http://localhost:8080/cb'], scopes: ['contents:write', 'read'] });
const MOBILE = newApp('a2', { name: 'Mobile', type: 'public' });

function setup({ permissions = ['apps:read', 'apps:write'], register = (body: Record<string, unknown>): unknown => created(body) } = {}) {
  const stored = [ZAPIER, MOBILE];
  const fake = fakeApi((path: string, options: RequestOptions) => {
    const body = options.body as Record<string, unknown>;
    if (path === APPS && !options.method) return stored;
    if (path === APPS && options.method === 'POST') return register(body);
    if (path === `${APPS}/a1/rotate-secret`) return { ...ZAPIER, clientSecret: `${SECRET}-rotated`, message: 'Save this client secret securely.' };
    if (path === `${APPS}/a1` && options.method === 'PATCH') return { ...ZAPIER, ...body };
    if (path.startsWith(`${APPS}/`) && options.method === 'DELETE') return undefined;
    throw new Error(`unexpected ${options.method ?? 'GET'} ${path}`);
  });
  renderWithServices(<OAuthAppsPage />, { api: fake.api, inWorkspace: { permissions } });
  const sent = (method: string) => fake.calls.filter((call) => call.options.method === method).map((call) => ({ path: call.path, body: call.options.body }));
  return { ...fake, sent, user: userEvent.setup() };
}

function created(body: Record<string, unknown>): CreatedOAuthApp {
  const app = newApp('a3', body as Partial<OAuthApp>);
  return { ...app, ...(app.type === 'confidential' ? { clientSecret: SECRET } : {}), message: 'Save this client secret securely.' };
}

const row = (id: string) => screen.getByTestId('oauth-apps-table').querySelector<HTMLElement>(`tr[data-app-id="${id}"]`);
const cell = (id: string, label: string) => row(id)!.querySelector(`td[data-label="${label}"]`)!.textContent;

async function openAction(user: ReturnType<typeof userEvent.setup>, app: string, action: string) {
  await user.click(await screen.findByRole('button', { name: `Actions for ${app}` }));
  await user.click(screen.getByRole('button', { name: action }));
}

async function fillRegistration(user: ReturnType<typeof userEvent.setup>, { name, uris }: { name: string; uris: string }) {
  await user.click(await screen.findByRole('button', { name: 'Register OAuth app' }));
  const dialog = screen.getByRole('dialog', { name: 'Register OAuth app' });
  await user.type(within(dialog).getByLabelText('Name'), name);
  await user.type(within(dialog).getByLabelText('Redirect URIs'), uris);
  return dialog;
}

describe('OAuthAppsPage', () => {
  it("lists the workspace's apps, under its own path, with their type, client ID, redirect URIs and scopes", async () => {
    const { calls } = setup();
    await screen.findByTestId('oauth-apps-table');
    expect(calls[0].path).toBe(APPS);
    expect([cell('a1', 'Name'), cell('a1', 'Type'), cell('a1', 'Client ID'), cell('a2', 'Type')]).toEqual(['Zapier', 'confidential', 'kwc_a1', 'public']);
    expect(cell('a1', 'Redirect URIs')).toBe('https://zapier.example/cbhttp://localhost:8080/cb');
    expect(cell('a1', 'Scopes')).toBe('contents:writeread');
  });

  it('only lists, without apps:write: no registering and no actions', async () => {
    setup({ permissions: ['apps:read'] });
    await screen.findByTestId('oauth-apps-table');
    expect(screen.queryByRole('button', { name: 'Register OAuth app' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Actions for Zapier' })).toBeNull();
  });

  it('registers a confidential app and shows its client ID and secret once, asking before the dialog closes', async () => {
    const { user, sent } = setup();
    const dialog = await fillRegistration(user, { name: 'Reports', uris: 'https://reports.example/cb{enter}http://127.0.0.1:4000/cb' });
    await user.click(within(dialog).getByRole('checkbox', { name: /^contents:read / }));
    await user.click(within(dialog).getByRole('button', { name: 'Register app' }));

    const credentials = await screen.findByTestId('client-credentials-dialog');
    expect(sent('POST')).toEqual([
      { path: APPS, body: { name: 'Reports', type: 'confidential', redirectUris: ['https://reports.example/cb', 'http://127.0.0.1:4000/cb'], scopes: ['read', 'contents:read'] } },
    ]);
    expect((within(credentials).getByLabelText('Client secret of Reports') as HTMLInputElement).value).toBe(SECRET);
    expect((within(credentials).getByLabelText('Client ID of Reports') as HTMLInputElement).value).toBe('kwc_a3');
    expect(within(credentials).getByRole('note').textContent).toContain('It will not be shown again');
    await user.click(within(credentials).getByRole('button', { name: 'Copy secret' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);

    await user.click(within(credentials).getByRole('button', { name: 'Done' }));
    await user.click(within(screen.getByTestId('client-secret-confirm')).getByRole('button', { name: 'I have saved it, close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it('registers a public app: its client ID, no secret, and Done closes at once', async () => {
    const { user, sent } = setup();
    const dialog = await fillRegistration(user, { name: 'Phone', uris: 'http://localhost/cb' });
    await user.click(within(dialog).getByRole('radio', { name: /^Public/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Register app' }));
    const credentials = await screen.findByTestId('client-credentials-dialog');
    expect(sent('POST')[0].body).toMatchObject({ type: 'public' });
    expect(within(credentials).queryByLabelText(/Client secret/)).toBeNull();
    expect(within(credentials).getByText(/must prove each authorization with PKCE/)).toBeTruthy();
    await user.click(within(credentials).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('names a redirect URI the server would refuse, and sends nothing', async () => {
    const { user, sent } = setup();
    const dialog = await fillRegistration(user, { name: 'Reports', uris: 'http://reports.example/cb' });
    await user.click(within(dialog).getByRole('button', { name: 'Register app' }));
    expect(within(dialog).getByText(/^http:\/\/reports\.example\/cb: use https/)).toBeTruthy();
    expect(sent('POST')).toEqual([]);
  });

  it('shows the server’s refusal in the dialog, which stays open', async () => {
    const refusal = new ApiError({ statusCode: 400, code: 'validation.failed', message: 'Validation failed', details: [{ field: 'name', message: 'name must not contain control characters' }] });
    const { user } = setup({ register: () => Promise.reject(refusal) });
    const dialog = await fillRegistration(user, { name: 'Reports', uris: 'https://reports.example/cb' });
    await user.click(within(dialog).getByRole('button', { name: 'Register app' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('name must not contain control characters');
  });

  it('edits an app, sending only what changed, and shows it', async () => {
    const { user, sent } = setup();
    await openAction(user, 'Zapier', 'Edit');
    const dialog = screen.getByRole('dialog', { name: 'Edit Zapier' });
    expect(within(dialog).queryByRole('radio')).toBeNull();
    await user.click(within(dialog).getByRole('checkbox', { name: /^contents:write / }));
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sent('PATCH')).toEqual([{ path: `${APPS}/a1`, body: { scopes: ['read'] } }]);
    expect(cell('a1', 'Scopes')).toBe('read');
  });

  it('rotates a confidential app’s secret after confirming, and shows the new one once', async () => {
    const { user, sent } = setup();
    await openAction(user, 'Zapier', 'Rotate secret…');
    const confirm = screen.getByRole('dialog', { name: 'Rotate the secret of Zapier' });
    expect(confirm.textContent).toContain('the old one stops working at once');
    await user.click(within(confirm).getByRole('button', { name: 'Rotate secret' }));
    const credentials = await screen.findByRole('dialog', { name: 'Secret rotated: here is the new secret' });
    expect((within(credentials).getByLabelText('Client secret of Zapier') as HTMLInputElement).value).toBe(`${SECRET}-rotated`);
    expect(sent('POST')).toEqual([{ path: `${APPS}/a1/rotate-secret`, body: undefined }]);
  });

  it('offers no rotation for a public app', async () => {
    const { user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Actions for Mobile' }));
    expect(screen.queryByRole('button', { name: 'Rotate secret…' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete…' })).toBeTruthy();
  });

  it('deletes an app after a confirmation that says its tokens are revoked', async () => {
    const { user, sent } = setup();
    await openAction(user, 'Zapier', 'Delete…');
    const confirm = screen.getByRole('dialog', { name: 'Delete Zapier' });
    expect(confirm.textContent).toContain('Every token it holds is revoked at once');
    await user.click(within(confirm).getByRole('button', { name: 'Delete app' }));
    await waitFor(() => expect(row('a1')).toBeNull());
    expect(sent('DELETE')).toEqual([{ path: `${APPS}/a1`, body: undefined }]);
    expect(screen.getByText('Zapier deleted; its tokens are revoked.')).toBeTruthy();
  });
});
