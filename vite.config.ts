import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const outDir = path.resolve(import.meta.dirname, 'dist/web');

/**
 * Writes `.br` and `.gz` beside every text asset of the build, once, at maximum compression, so
 * the server sends them as they are (@fastify/static `preCompressed`) instead of compressing each
 * response — phones on a slow network get a quarter of the bytes.
 */
function precompress(): Plugin {
  const TEXT = /\.(js|css|html|svg|json|txt)$/;
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  return {
    name: 'linli-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir).filter((f) => TEXT.test(f))) {
        const data = readFileSync(file);
        if (data.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

// Two apps from one build: the desktop admin app (index.html) and the light phone pages (mobile.html).
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src/web'),
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    // dist/web/.vite/manifest.json: which chunks each page loads (the phone budget test reads it); a dotfile, never served
    manifest: true,
    rollupOptions: {
      input: {
        admin: path.resolve(import.meta.dirname, 'src/web/index.html'),
        mobile: path.resolve(import.meta.dirname, 'src/web/mobile.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
