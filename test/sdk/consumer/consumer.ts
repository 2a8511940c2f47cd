// Compiled by test/sdk/package.e2e-spec.ts against the built declarations, as a project that installed
// @keyward/sdk would: the errors below must be errors, the rest must compile.
import { Keyward, KeywardError, type ApiKey, type KeywardErrorCode, type Page } from '@keyward/sdk';
import type { CreateApiKeyDto } from '@keyward/sdk/types';

export async function consume(baseUrl: string, apiKey: string): Promise<string[]> {
  const client = new Keyward({ baseUrl, apiKey, retry: { maxAttempts: 2 } });
  const names: string[] = [];
  for await (const key of client.apiKeys.list({ status: 'active' })) names.push(key.name);
  const page: Page<ApiKey> = await client.workspace('acme').apiKeys.list().page();
  const body: CreateApiKeyDto = { name: 'typed' };
  try {
    await client.apiKeys.create(body, { retry: true });
  } catch (error) {
    if (KeywardError.is(error, 'api_key.limit_reached')) names.push(String(error.retryAfter ?? page.nextCursor));
  }
  const code: KeywardErrorCode = 'api_key.revoked';
  // @ts-expect-error not a code of the catalogue
  const wrong: KeywardErrorCode = 'api_key.gone';
  // @ts-expect-error one credential at a time
  new Keyward({ baseUrl, apiKey, accessToken: 'x' });
  // @ts-expect-error the statuses a key can have
  client.apiKeys.list({ status: 'lost' });
  return [...names, code, wrong];
}
