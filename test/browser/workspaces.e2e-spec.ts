import { register } from '../helpers/factories.js';
import { chromiumMissing, PHONE } from './chromium.js';
import { consoleJourneys } from './journey.js';
import {
  createInvitationThroughUi,
  createWorkspaceThroughUi,
  heading,
  mainNav,
  registerThroughUi,
  signInThroughUi,
  sidewaysScroll,
  switcherShows,
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
    await ben.page.goto(link);
    await ben.page.getByTestId('invitation-notice').waitFor();
    await signInThroughUi(ben.page, { email: 'ben@acme.test', password: PASSWORD });
    await heading(ben.page, 'You joined Acme Team').waitFor();
    await switcherShows(ben.page, 'Acme Team (member)');
    await ben.snap('invitation-accepted');

    // The owner sees Ben as a member and makes him a viewer; Ben's console follows.
    await owner.page.reload();
    const members = owner.page.getByTestId('members-table');
    await members.getByText('ben@acme.test').waitFor();
    await owner.page.getByRole('button', { name: 'Change role of ben@acme.test' }).click();
    const role = owner.page.getByRole('dialog', { name: 'Role of ben@acme.test' });
    await role.getByLabel('Role').selectOption('viewer');
    await role.getByRole('button', { name: 'Save role' }).click();
    await waitForText(members.locator('tr', { hasText: 'ben@acme.test' }).locator('td[data-label="Role"]'), 'viewer');
    await ben.page.reload();
    await switcherShows(ben.page, 'Acme Team (viewer)');
    expect(owner.problems).toEqual([]);
    expect(ben.problems).toEqual([]);
  }, 90_000);

  it('fits the switcher and the members page on a phone without sideways scrolling', async () => {
    const { page, snap, problems } = await open(PHONE);
    await page.goto(`${journeys.app.url}/register`);
    await registerThroughUi(page, { email: 'phone@acme.test', password: PASSWORD });
    await heading(page, 'API keys').waitFor();
    await page.goto(`${journeys.app.url}/members`);
    await heading(page, 'Members').waitFor();
    await page.getByTestId('workspace-switcher').waitFor();
    const scroll = await sidewaysScroll(page);
    expect(scroll.stickingOut).toEqual([]);
    expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.innerWidth);
    await snap('members-phone');
    expect(problems).toEqual([]);
  }, 60_000);
});
