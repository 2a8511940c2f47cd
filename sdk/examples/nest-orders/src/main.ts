import 'reflect-metadata';
import { createOrdersApp } from './orders-app.js';

// KEYWARD_URL: where Keyward runs; KEYWARD_SERVICE_KEY: a key of your clients' workspace holding keys:verify.
const { KEYWARD_URL, KEYWARD_SERVICE_KEY, PORT = '3100' } = process.env;
if (!KEYWARD_URL || !KEYWARD_SERVICE_KEY) {
  process.stderr.write('Set KEYWARD_URL and KEYWARD_SERVICE_KEY (a key holding keys:verify)\n');
  process.exit(1);
}

const app = await createOrdersApp({ baseUrl: KEYWARD_URL, serviceKey: KEYWARD_SERVICE_KEY });
await app.listen({ port: Number(PORT), host: '0.0.0.0' });
process.stdout.write(`orders service on :${PORT}\n`);
