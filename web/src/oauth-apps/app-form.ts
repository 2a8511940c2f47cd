import { instanceOnly } from '../../../src/access/administration';
import { DEFAULT_APP_SCOPES, isRedirectUri, isScopeAlias, SCOPE_ALIASES } from '../../../src/oauth/oauth-app.policies';
import { OAUTH_SCOPES } from '../../../src/oauth/server/oauth-scopes';
import type { NewOAuthApp, OAuthApp, OAuthAppType, OAuthAppUpdate } from '../api/types';

/** What the register/edit dialog holds: every input as the user typed it. */
export interface AppFormValues {
  name: string;
  /** One redirect URI per line. */
  redirectUris: string;
  type: OAuthAppType;
  scopes: string[];
}

export type AppFormErrors = Partial<Record<keyof AppFormValues, string[]>>;

// The server's limits (oauth-apps.dto.ts, DisplayName); it stays the judge.
export const MAX_APP_NAME_LENGTH = 100;
export const MAX_REDIRECT_URIS = 10;

/** The aliases of API.md §11, then the workspace permissions an app may ask for (never an instance-only one). */
export const APP_SCOPE_ALIASES = Object.keys(SCOPE_ALIASES);
export const APP_SCOPE_PERMISSIONS = OAUTH_SCOPES.filter((scope) => !isScopeAlias(scope) && !scope.endsWith(':*') && instanceOnly([scope]).length === 0);

export function emptyAppForm(): AppFormValues {
  return { name: '', redirectUris: '', type: 'confidential', scopes: [...DEFAULT_APP_SCOPES] };
}

export function appFormFromApp(app: OAuthApp): AppFormValues {
  return { name: app.name, redirectUris: app.redirectUris.join('\n'), type: app.type, scopes: [...app.scopes] };
}

/** The redirect URIs typed, one a line, blank lines and repeats dropped. */
export function redirectUriLines(text: string): string[] {
  return [...new Set(text.split('\n').map((line) => line.trim()).filter(Boolean))];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item) => b.includes(item));

export type AppFormResult<T> = { ok: true; body: T } | { ok: false; errors: AppFormErrors };

function check(values: AppFormValues): AppFormErrors {
  const errors: AppFormErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = ['Give the app a name people will recognise when it asks them for access.'];
  else if (name.length > MAX_APP_NAME_LENGTH) errors.name = [`At most ${MAX_APP_NAME_LENGTH} characters.`];
  const uris = redirectUriLines(values.redirectUris);
  if (uris.length === 0) errors.redirectUris = ['At least one redirect URI: where the app receives the authorization code.'];
  else if (uris.length > MAX_REDIRECT_URIS) errors.redirectUris = [`At most ${MAX_REDIRECT_URIS} redirect URIs.`];
  else {
    const wrong = uris.filter((uri) => !isRedirectUri(uri)).map((uri) => `${uri}: use https, or http on localhost, 127.0.0.1 or [::1], with no # fragment or *.`);
    if (wrong.length) errors.redirectUris = wrong;
  }
  if (values.scopes.length === 0) errors.scopes = ['Pick at least one scope: an app without any could do nothing.'];
  return errors;
}

/** Checks a registration and builds its body. */
export function validateNewApp(values: AppFormValues): AppFormResult<NewOAuthApp> {
  const errors = check(values);
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, body: { name: values.name.trim(), type: values.type, redirectUris: redirectUriLines(values.redirectUris), scopes: [...values.scopes] } };
}

/** Checks an edit and builds its body: only what changed (the type never does). */
export function validateAppUpdate(values: AppFormValues, app: OAuthApp): AppFormResult<OAuthAppUpdate> {
  const errors = check(values);
  if (Object.keys(errors).length) return { ok: false, errors };
  const body: OAuthAppUpdate = {};
  const name = values.name.trim();
  const uris = redirectUriLines(values.redirectUris);
  if (name !== app.name) body.name = name;
  if (!sameSet(uris, app.redirectUris)) body.redirectUris = uris;
  if (!sameSet(values.scopes, app.scopes)) body.scopes = [...values.scopes];
  return { ok: true, body };
}
