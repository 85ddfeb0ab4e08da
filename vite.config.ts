import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
// `vite dev` forwards API calls to a locally running `npm run dev`; YIWEI_DEV_BACKEND points it elsewhere.
const backend = process.env.YIWEI_DEV_BACKEND ?? 'http://127.0.0.1:8080';

/** The console lives in web/ but imports shared/ (zod contracts) from the repository root. */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: 'dist',
    // Not Vite's default 'assets': /assets/… are the console's asset-ledger pages.
    assetsDir: 'static',
    emptyOutDir: true,
    // antd alone is ~1.3 MB minified (~420 kB gzip) and is deliberately one long-cached chunk.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // antd is the bulk of the bundle and changes on a different rhythm from our code: cache it separately.
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+)[\\/]/, priority: 30 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 20 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/metrics': { target: backend, changeOrigin: false },
    },
  },
  preview: { host: '127.0.0.1' },
});
