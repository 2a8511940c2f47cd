import { SERVING_ROLE } from '../../migrations/1795400400000-ServingRole.js';

/** The serving role's password in a test run (global setup gives it LOGIN with this password). */
export const TEST_SERVING_PASSWORD = 'keyward-test-serving-role';

/** The same database as `ownerUrl` (a proxied address included), as the serving role. */
export function servingUrlFor(ownerUrl: string): string {
  const parsed = new URL(ownerUrl);
  parsed.username = SERVING_ROLE;
  parsed.password = TEST_SERVING_PASSWORD;
  return parsed.toString();
}
