import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from './helpers/database.js';
import { spawnService } from './helpers/service-process.js';

describe('the audit signing key at startup', () => {
  it('is required in production: the service refuses to start without AUDIT_SIGNING_KEY, with exit code 78', async () => {
    const service = await spawnService(
      { NODE_ENV: 'production', METRICS_TOKEN: 'scrape-me', AUDIT_SIGNING_KEY: undefined, DATABASE_URL: 'postgres://127.0.0.1:1/none' },
      { waitUntilListening: false },
    );
    expect(await service.exited).toBe(78);
    expect(service.output()).toContain('Invalid configuration: AUDIT_SIGNING_KEY is required when NODE_ENV=production (an Ed25519 private key: PKCS#8 PEM or JWK)');
  });

  it('refuses a key that is no Ed25519 private key, without printing it', async () => {
    const service = await spawnService({ AUDIT_SIGNING_KEY: 'secret-looking-but-wrong', DATABASE_URL: 'postgres://127.0.0.1:1/none' }, { waitUntilListening: false });
    expect(await service.exited).toBe(78);
    expect(service.output()).toContain('Invalid configuration: AUDIT_SIGNING_KEY is not a private key in PKCS#8 PEM or JWK form');
    expect(service.output()).not.toContain('secret-looking-but-wrong');
  });

  it('is generated once into DATA_DIR outside production, and the same key is served after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keyward-data-'));
    try {
      const env = { AUDIT_SIGNING_KEY: undefined, DATA_DIR: dataDir, DATABASE_URL: await createTestDatabase(), LOG_LEVEL: 'warn' };
      const first = await spawnService(env);
      const served = (await first.api.get('/.well-known/keyward-audit-key')).body;
      await first.stop();
      expect(statSync(join(dataDir, 'audit-signing-key.pem')).mode & 0o777).toBe(0o600);
      const second = await spawnService(env);
      try {
        expect((await second.api.get('/.well-known/keyward-audit-key')).body).toEqual(served);
        expect(served).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
        expect(second.output()).not.toContain('PRIVATE KEY');
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
