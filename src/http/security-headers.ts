import type { FastifyReply } from 'fastify';
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

/**
 * Writes the headers on a reply, prepared: the pairs are listed once, and a header helmet removes
 * is deleted only when something set it (deleting from the reply's header object on every request,
 * where nothing ever sets X-Powered-By, turned that object into a slow dictionary).
 */
export function headerWriter(headers: SecurityHeaders): (reply: FastifyReply) => void {
  const pairs = Object.entries(headers.set);
  const removed = [...headers.remove];
  return (reply) => {
    for (let i = 0; i < pairs.length; i++) reply.header(pairs[i][0], pairs[i][1]);
    for (let i = 0; i < removed.length; i++) if (reply.hasHeader(removed[i])) reply.removeHeader(removed[i]);
  };
}
