// Jest's e2e globalSetup: test/global-setup.ts, imported through ts-loader.mjs (see there why).
import { register } from 'node:module';

register('./ts-loader.mjs', import.meta.url);

export default async function globalSetup() {
  const { default: setup } = await import('../global-setup.ts');
  await setup();
}
