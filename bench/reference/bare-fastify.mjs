// The floor under any framework: Fastify 5 alone, one route answering GET /api/v1/ping/me with
// Keyward's /ping/me body.
import Fastify from 'fastify';
import { BODY, listenOptions, PATH } from './body.mjs';

const app = Fastify({ logger: false });
app.get(PATH, async () => BODY);
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => void app.close().then(() => process.exit(0)));
await app.listen(listenOptions());
