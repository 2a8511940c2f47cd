import helmet, { type HelmetOptions } from 'helmet';

export interface SecurityHeaders {
  set: Record<string, string>;
  remove: string[];
}

/**
 * Helmet's headers, computed once. They do not vary by request, so they are worked out by running
 * helmet against a recording response at startup (@fastify/helmet instead builds a new helmet
 * middleware for every request, which showed up in profiles).
 */
export function securityHeaders(options: HelmetOptions): SecurityHeaders {
  const headers: SecurityHeaders = { set: {}, remove: [] };
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers.set[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      headers.remove.push(name.toLowerCase());
    },
  };
  helmet(options)({} as never, recorder as never, () => undefined);
  return headers;
}

/** Helmet's defaults, minus upgrade-insecure-requests: the console must also work over plain HTTP on a LAN address. */
export const HELMET_OPTIONS: HelmetOptions = { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } };
