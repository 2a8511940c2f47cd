// `npm start`: build when needed, then run the service in this process (so signals reach it).
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale();
await import('../dist/src/main.js');
