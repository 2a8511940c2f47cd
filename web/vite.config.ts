import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = process.env.KEYWARD_API_ORIGIN ?? 'http://localhost:3000';

// The console is built into <repo>/dist/web, which the service serves at `/` with an SPA fallback.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': backend,
      '/health': backend,
      '/docs': backend,
    },
  },
});
