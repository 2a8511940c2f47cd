// Experiment: bare Fastify plus Keyward's response headers (helmet's, the request id).
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { headerWriter, HELMET_OPTIONS, securityHeaders } from '../../../dist/src/http/security-headers.js';
import { BODY, listenOptions, PATH } from '../body.mjs';

const write = headerWriter(securityHeaders(HELMET_OPTIONS));
const app = Fastify({ logger: false, genReqId: () => randomUUID() });
app.addHook('onRequest', (request, reply, done) => {
  write(reply);
  reply.header('x-request-id', request.id);
  done();
});
app.get(PATH, async () => BODY);
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => void app.close().then(() => process.exit(0)));
await app.listen(listenOptions());
