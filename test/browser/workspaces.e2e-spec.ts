import { createKey, register } from '../helpers/factories.js';
import { chromiumMissing, PHONE } from './chromium.js';
import { consoleJourneys } from './journey.js';
import {
  acceptInvitationThroughUi,
  changeMemberRoleThroughUi,
  createInvitationThroughUi,
  createKeyThroughUi,
  createWorkspaceThroughUi,
  expectNoSidewaysScroll,
  heading,
  KEY_REGEX,
  keyRow,
  mainNav,
  registerThroughUi,
  switcherOptions,
  switcherShows,
  switchWorkspace,
  waitForText,
} from './console-ui.js';

const PASSWORD = 'correct horse battery';

(chromiumMissing ? describe.skip : describe)('workspaces in the web console, in Chromium', () => {
  // The instance admin, not part of the journeys.
  const journeys = consoleJourneys((app) => register(app.api, { email: 'root@acme.test', password: PASSWORD }));
  const { open } = journeys;

  it('creates a workspace, invites a colleague who accepts in another browser while signed out, and changes their role', async () => {
    const owner = await open();
    await owner.page.goto(`${journeys.app.url}/register`);
    await registerThroughUi(owner.page, { name: 'Olga Owner', email: 'olga@acme.test', password: PASSWORD });
    await heading(owner.page, 'API keys').waitFor();

    // The switcher starts at Personal; create a shared workspace from it.
    await createWorkspaceThroughUi(owner.page, 'Acme Team');
    await owner.snap('workspace-created');

    // Invite Ben; the link is shown once.
    await mainNav(owner.page).getByRole('link', { name: 'Members' }).click();
    await heading(owner.page, 'Members').waitFor();
    const link = await createInvitationThroughUi(owner.page, 'Acme Team', { email: 'ben@acme.test', role: 'member' });
    expect(link).toMatch(new RegExp(`^${journeys.app.url}/invitations/accept\\?token=kwinv_[A-Za-z0-9_-]{43}$`));
    await owner.snap('invitation-link');
    await owner.page.getByRole('button', { name: 'Done' }).click();
    await owner.page.getByTestId('invitations-table').getByText('ben@acme.test').waitFor();

    // Ben, in a browser of his own and signed out, opens the link, signs in and has joined.
    await register(journeys.app.api, { email: 'ben@acme.test', name: 'Ben', password: PASSWORD });
    const ben = await open();
    await acceptInvitationThroughUi(ben.page, link, { email: 'ben@acme.test', password: PASSWORD }, 'Acme Team');
    await switcherShows(ben.page, 'Acme Team (member)');
    await ben.snap('invitation-accepted');

    // The owner sees Ben as a member and makes him a viewer; Ben's console follows.
    await owner.page.reload();
    await owner.page.getByTestId('members-table').getByText('ben@acme.test').waitFor();
    await changeMemberRoleThroughUi(owner.page, 'ben@acme.test', 'viewer');
    await ben.page.reload();
    await switcherShows(ben.page, 'Acme Team (viewer)');
    expect(owner.problems).toEqual([]);
    expect(ben.problems).toEqual([]);
  }, 90_000);

  it("lets an invitee make a key in the shared workspace on a phone, which loses contents:write the moment the owner demotes them", async () => {
    const origin = journeys.app.url;
    const ivyCredentials = { email: 'ivy@acme.test', password: PASSWORD };
    /** What the key may do, asked from outside the browser: write a content in the key's workspace. */
    const writeContent = async (key: string, title: string) => {
      const response = await fetch(`${origin}/api/v1/contents`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
      return { status: response.status, code: ((await response.json()) as { code?: string }).code };
    };

    // Oscar creates the shared workspace and invites Ivy as a member.
    const owner = await open();
    await owner.page.goto(`${origin}/register`);
    await registerThroughUi(owner.page, { name: 'Oscar Owner', email: 'oscar@acme.test', password: PASSWORD });
    await heading(owner.page, 'API keys').waitFor();
    await createWorkspaceThroughUi(owner.page, 'Acme Platform');
    await mainNav(owner.page).getByRole('link', { name: 'Members' }).click();
    await heading(owner.page, 'Members').waitFor();
    const link = await createInvitationThroughUi(owner.page, 'Acme Platform', { email: ivyCredentials.email, role: 'member' });
    await owner.page.getByRole('button', { name: 'Done' }).click();

    // Ivy already has a key of her own, in her personal workspace.
    const ivySession = await register(journeys.app.api, { ...ivyCredentials, name: 'Ivy' });
    await createKey(journeys.app.api, ivySession.accessToken, { name: 'Ivy personal script', scopes: ['contents:read'] });

    // On her phone, signed out, she accepts; the console switches to the workspace she joined.
    const ivy = await open(PHONE);
    await acceptInvitationThroughUi(ivy.page, link, ivyCredentials, 'Acme Platform');
    await switcherShows(ivy.page, 'Acme Platform (member)');
    expect(await switcherOptions(ivy.page)).toEqual(['Personal', 'Acme Platform (member)']);

    // The keys listed are the current workspace's: hers in Personal, none yet in Acme Platform.
    await mainNav(ivy.page).getByRole('link', { name: 'API keys' }).click();
    await ivy.page.getByText('No API keys yet.').waitFor();
    await switchWorkspace(ivy.page, 'Personal');
    await ivy.page.getByRole('link', { name: 'Ivy personal script' }).waitFor();
    await expectNoSidewaysScroll(ivy.page);
    await switchWorkspace(ivy.page, 'Acme Platform (member)');
    await ivy.page.getByText('No API keys yet.').waitFor();
    expect(await ivy.page.getByRole('link', { name: 'Ivy personal script' }).count()).toBe(0);

    // She creates a key there that may write contents, and copies it.
    const { created, key } = await createKeyThroughUi(ivy.page, { name: 'CMS sync', scopes: ['contents:read', 'contents:write'] }, async () => {
      await expectNoSidewaysScroll(ivy.page);
      await ivy.snap('phone-workspace-key-created');
    });
    expect(key).toMatch(KEY_REGEX);
    expect(created.scopes).toEqual(['contents:read', 'contents:write']);
    const workspaces = (await journeys.app.api.get('/workspaces', { token: ivySession.accessToken })).body as Array<{ id: string; slug: string }>;
    expect(workspaces.find((workspace) => workspace.id === created.workspaceId)?.slug).toBe('acme-platform');
    await waitForText(keyRow(ivy.page, created.id).locator('td[data-label="Status"]'), 'active');
    await expectNoSidewaysScroll(ivy.page);
    await ivy.snap('phone-workspace-keys');
    expect(await writeContent(key, 'Spring launch')).toEqual({ status: 201, code: undefined });

    // Oscar makes Ivy a viewer: her key acts as her, so it may no longer write, from its next request on.
    await owner.page.reload();
    await owner.page.getByTestId('members-table').getByText(ivyCredentials.email).waitFor();
    await changeMemberRoleThroughUi(owner.page, ivyCredentials.email, 'viewer');
    expect(await writeContent(key, 'Summer launch')).toEqual({ status: 403, code: 'permission.denied' });
    expect((await fetch(`${origin}/api/v1/contents`, { headers: { 'x-api-key': key } })).status).toBe(200);

    // As an owner (keys:admin), Oscar sees every member's keys, Ivy's named by her email.
    await mainNav(owner.page).getByRole('link', { name: 'API keys' }).click();
    await owner.page.getByRole('checkbox', { name: 'Every member’s keys' }).check();
    await waitForText(keyRow(owner.page, created.id).locator('td[data-label="Owner"]'), ivyCredentials.email);
    await owner.snap('every-members-keys');

    // Ivy's console follows her new role.
    await ivy.page.reload();
    await switcherShows(ivy.page, 'Acme Platform (viewer)');
    await keyRow(ivy.page, created.id).waitFor();
    expect(owner.problems).toEqual([]);
    expect(ivy.problems).toEqual([]);
  }, 90_000);

  it('fits the switcher and the members page on a phone without sideways scrolling', async () => {
    const { page, snap, problems } = await open(PHONE);
    await page.goto(`${journeys.app.url}/register`);
    await registerThroughUi(page, { email: 'phone@acme.test', password: PASSWORD });
    await heading(page, 'API keys').waitFor();
    await page.goto(`${journeys.app.url}/members`);
    await heading(page, 'Members').waitFor();
    await page.getByTestId('workspace-switcher').waitFor();
    await expectNoSidewaysScroll(page);
    await snap('members-phone');
    expect(problems).toEqual([]);
  }, 60_000);
});
