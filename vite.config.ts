import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Two apps from one build: the desktop admin app (index.html) and the light phone pages (mobile.html).
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src/web'),
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        admin: path.resolve(import.meta.dirname, 'src/web/index.html'),
        mobile: path.resolve(import.meta.dirname, 'src/web/mobile.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
