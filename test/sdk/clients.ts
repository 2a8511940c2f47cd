import { Keyward, type KeywardOptions } from '@keyward/sdk';
import type { TestApp } from '../helpers/app.js';
import type { Session } from '../helpers/factories.js';

type Credentials = Omit<KeywardOptions, 'baseUrl'>;

/** An SDK client of the service under test; retries off unless a test turns them on. */
export const sdk = (app: Pick<TestApp, 'url'>, credentials: Credentials = {}): Keyward => new Keyward({ baseUrl: app.url, retry: false, ...credentials } as KeywardOptions);

/** A signed-in user's client. */
export const signedIn = (app: Pick<TestApp, 'url'>, session: Pick<Session, 'accessToken'>): Keyward => sdk(app, { accessToken: session.accessToken });

/** Everything an async iterable yields. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The KeywardError (or whatever else) a promise rejects with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
