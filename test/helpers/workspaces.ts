import type { Api } from './http.js';
import { register, type Session } from './factories.js';

export interface TestWorkspace {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
  role: string;
}

/** Whatever serves the API under test: an in-process TestApp or a spawned ServiceProcess. */
interface Service {
  api: Api;
}

/** A session that calls in one workspace, as the console does once switched there: as() sends its X-Workspace. */
export interface WorkspaceSession extends Session {
  workspace: string;
}

/** The request options of a session's calls: its token, and its workspace when it has one. */
export const as = (session: Session & { workspace?: string }) => ({
  token: session.accessToken,
  ...(session.workspace !== undefined && { headers: { 'x-workspace': session.workspace } }),
});

/** The same session, calling in `workspace`. */
export const calling = (session: Session, workspace: { slug: string }): WorkspaceSession => ({ ...session, workspace: workspace.slug });

let slugCounter = 0;
export const uniqueSlug = (label = 'ws') => `${label}-${Date.now().toString(36)}-${slugCounter++}`;

/** A shared workspace `owner` creates through the API. */
export async function newWorkspace(app: Service, owner: Session, name = 'Acme', slug = uniqueSlug()): Promise<TestWorkspace> {
  const response = await app.api.post('/workspaces', { name, slug }, as(owner));
  if (response.status !== 201) throw new Error(`creating a workspace answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as TestWorkspace;
}

/** Invites the invitee into the workspace with `role` and has them accept it, as the API does. */
export async function join(app: Service, owner: Session, workspace: { slug: string }, invitee: Session, role: string): Promise<void> {
  const invited = await app.api.post(`/workspaces/${workspace.slug}/invitations`, { email: invitee.user.email, role }, as(owner));
  if (invited.status !== 201) throw new Error(`inviting answered ${invited.status}: ${JSON.stringify(invited.body)}`);
  const accepted = await app.api.post('/invitations/accept', { token: invited.body.token }, as(invitee));
  if (accepted.status !== 200) throw new Error(`accepting answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
}

/** The user's personal workspace. */
export async function personalOf(app: Service, user: Session): Promise<TestWorkspace> {
  const listed = (await app.api.get('/workspaces', as(user))).body as TestWorkspace[];
  const personal = listed.find((workspace) => workspace.personal);
  if (!personal) throw new Error('no personal workspace');
  return personal;
}

/** Registers someone who joins `workspace` with the workspace role `role`, calling in it from then on. */
export async function newMember(app: Service, owner: Session, workspace: { slug: string }, role: string, name = 'Member'): Promise<WorkspaceSession> {
  const member = await register(app.api, { name });
  await join(app, owner, workspace, member, role);
  return calling(member, workspace);
}
