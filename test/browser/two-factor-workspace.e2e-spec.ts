import type { Page, Request } from 'playwright-core';
import { register } from '../helpers/factories.js';
import { chromiumMissing } from './chromium.js';
import { consoleJourneys } from './journey.js';
import {
  acceptInvitationThroughUi,
  createInvitationThroughUi,
  createWorkspaceThroughUi,
  heading,
  mainNav,
  registerThroughUi,
  switcherShows,
  turnOnTwoFactorThroughUi,
} from './console-ui.js';

const PASSWORD = 'correct horse battery';

/** The console's own question to the server what this user may do in a workspace, which also says whether they are let in: `GET /api/v1/auth/me` with `X-Workspace`. */
const isWorkspaceCheck = (request: Request) => request.method() === 'GET' && request.url().endsWith('/api/v1/auth/me') && request.headers()['x-workspace'] !== undefined;

/** Opens the members page afresh and returns the server's answer to the console's access check. */
async function openMembersPage(page: Page, origin: string): Promise<{ status: number; code?: string }> {
  const [answer] = await Promise.all([
    page.waitForResponse((response) => isWorkspaceCheck(response.request())),
    page.goto(`${origin}/members`),
  ]);
  return { status: answer.status(), code: answer.ok() ? undefined : (await answer.json()).code };
}

/** The members page as a member sees it: who the workspace is, the way out, and no list (a member may not read it). */
async function membersPageOf(page: Page, workspace: string): Promise<void> {
  await heading(page, 'Members').waitFor();
  await page.getByText(`Who is in ${workspace}, and with which role.`).waitFor();
  await page.getByRole('button', { name: 'Leave workspace' }).waitFor();
}

(chromiumMissing ? describe.skip : describe)('a workspace that requires two-factor sign-in, in the web console, in Chromium', () => {
  // The instance admin, not part of the journey.
  const journeys = consoleJourneys((app) => register(app.api, { email: 'root@acme.test', password: PASSWORD }));
  const { open } = journeys;

  it('turns a member without two-factor away with the way to fix it, and lets them in once they turn it on', async () => {
    const origin = journeys.app.url;
    const owner = await open();
    await owner.page.goto(`${origin}/register`);
    await registerThroughUi(owner.page, { name: 'Olga Owner', email: 'olga@acme.test', password: PASSWORD });
    await heading(owner.page, 'API keys').waitFor();

    // Only someone with two-factor on may require it of a workspace.
    await owner.page.getByRole('link', { name: 'Account' }).click();
    await turnOnTwoFactorThroughUi(owner.page);
    await createWorkspaceThroughUi(owner.page, 'Acme Secure');
    await mainNav(owner.page).getByRole('link', { name: 'Members' }).click();
    await heading(owner.page, 'Members').waitFor();
    const link = await createInvitationThroughUi(owner.page, 'Acme Secure', { email: 'ben@acme.test', role: 'member' });
    await owner.page.getByRole('button', { name: 'Done' }).click();

    // Ben, who has no two-factor, joins in a browser of his own and opens the workspace's pages.
    await register(journeys.app.api, { email: 'ben@acme.test', name: 'Ben', password: PASSWORD });
    const ben = await open();
    await acceptInvitationThroughUi(ben.page, link, { email: 'ben@acme.test', password: PASSWORD }, 'Acme Secure');
    await switcherShows(ben.page, 'Acme Secure (member)');
    await ben.page.getByRole('link', { name: 'See its members' }).click();
    await membersPageOf(ben.page, 'Acme Secure');

    // Olga requires two-factor sign-in in the workspace settings.
    await owner.page.getByRole('link', { name: 'Workspace settings' }).click();
    await heading(owner.page, 'Workspace settings').waitFor();
    await owner.page.getByRole('checkbox', { name: 'Require two-factor sign-in for members' }).check();
    await owner.page.getByRole('button', { name: 'Save changes' }).click();
    await owner.page.getByText('Workspace settings saved.').waitFor();
    await owner.snap('workspace-requires-two-factor');

    // Ben opening the workspace now: the server refuses him, and the console says how to get in.
    expect(await openMembersPage(ben.page, origin)).toEqual({ status: 403, code: 'auth.2fa_required' });
    await heading(ben.page, 'Members').waitFor();
    const notice = ben.page.getByTestId('two-factor-required');
    await notice.getByText('Acme Secure requires two-factor sign-in.').waitFor();
    expect(await ben.page.getByRole('button', { name: 'Leave workspace' }).count()).toBe(0);
    await ben.snap('two-factor-required');

    // He follows the notice to his account page, turns two-factor on, and is let in.
    await notice.getByRole('link', { name: 'Turn on two-factor sign-in' }).click();
    await heading(ben.page, 'Account').waitFor();
    await turnOnTwoFactorThroughUi(ben.page);
    await mainNav(ben.page).getByRole('link', { name: 'Members' }).click();
    await membersPageOf(ben.page, 'Acme Secure');
    expect(await openMembersPage(ben.page, origin)).toEqual({ status: 200 });
    await membersPageOf(ben.page, 'Acme Secure');
    expect(await ben.page.getByTestId('two-factor-required').count()).toBe(0);
    await ben.snap('admitted-with-two-factor');
    await ben.page.getByRole('link', { name: 'Workspace settings' }).click();
    await heading(ben.page, 'Workspace settings').waitFor();
    expect(await ben.page.getByLabel('Name').inputValue()).toBe('Acme Secure');
    expect(await ben.page.getByRole('checkbox', { name: 'Require two-factor sign-in for members' }).isChecked()).toBe(true);

    expect(owner.problems).toEqual([]);
    // Chromium logs the refusal the console explained, and nothing else.
    expect(ben.problems).toEqual([expect.stringMatching(/status of 403 \(Forbidden\) \(http:\/\/[^)]+\/api\/v1\/auth\/me\)$/)]);
  }, 90_000);
});
