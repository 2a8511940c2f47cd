// The authorization code flow as a browser lives it, without a browser: /oauth/authorize
// redirects to the consent step, the user decides (through the consent API), the browser resumes
// and is sent to the app's redirect URI. Plain JavaScript, so the bench (which runs without a
// TypeScript loader) walks it as the e2e tests do.

/** A user agent's cookies, as name=value pairs, whatever their path: enough for one authorization. */
export class CookieJar {
  cookies = new Map();

  take(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A GET as a browser makes it, without following the redirect. */
export async function visit(url, jar) {
  const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(response);
  return response;
}

/**
 * Walks `authorizationUrl` on the service at `origin`: `decide(uid)` answers where the consent
 * API sent the user agent on. Answers the last Location: the app's redirect URI with its query.
 */
export async function walkAuthorization(origin, authorizationUrl, decide) {
  const jar = new CookieJar();
  const started = await visit(authorizationUrl.href, jar);
  const consent = new URL(started.headers.get('location') ?? '', origin);
  if (!consent.pathname.startsWith('/oauth/consent/')) throw new Error(`authorize answered ${started.status} → ${consent.href}: ${await started.text()}`);
  const redirectTo = await decide(consent.pathname.split('/').pop());
  const resumed = await visit(new URL(redirectTo, origin).href, jar);
  return new URL(resumed.headers.get('location') ?? '', origin);
}
