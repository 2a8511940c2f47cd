// The body both reference processes answer: Keyward's own /ping/me body (src/bench/sample-me.ts,
// as built), so every process of a run sends the same bytes.
import { SAMPLE_ME } from '../../dist/src/bench/sample-me.js';

export const BODY = SAMPLE_ME.apiKey;
/** Keyward's route, so the request line is the same length too. */
export const PREFIX = 'api/v1';
export const PATH = `/${PREFIX}/ping/me`;

export const listenOptions = () => ({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
