import type { OAuthApp } from '../api/types';

export type AppAction = 'edit' | 'rotate' | 'delete';

export const APP_ACTION_LABELS: Record<AppAction, string> = {
  edit: 'Edit',
  rotate: 'Rotate secret…',
  delete: 'Delete…',
};

/** What an `apps:write` holder may do to an app: a public app has no secret to rotate. Without apps:write, nothing. */
export function availableAppActions(app: Pick<OAuthApp, 'type'>, canWrite: boolean): AppAction[] {
  if (!canWrite) return [];
  return app.type === 'confidential' ? ['edit', 'rotate', 'delete'] : ['edit', 'delete'];
}
