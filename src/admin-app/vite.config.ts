/**
 * Vite's build of the admin app (`npm run build:admin`, run by `npm ci` through `prepare`): this
 * directory is the app's root, the output goes to the git-ignored `dist/admin/` that
 * `src/http/admin-app-route.ts` serves at `/admin/`. No inline script or style in the output
 * (the page's policy allows only `'self'`), and no source maps. The journey drawing and the editor
 * are imported on demand (`lazy-view.ts`), so Vite splits them into chunks of their own: hashed
 * files of `assets/` like the entry, which the route serves (compressed) the same way.
 */
import path from 'node:path';
import { defineConfig } from 'vite';

/** Where the built app goes (relative to the repository root, as the route expects). */
export const ADMIN_APP_OUT_DIR = path.resolve(import.meta.dirname, '..', '..', 'dist', 'admin');

export default defineConfig({
  root: import.meta.dirname,
  base: '/admin/',
  logLevel: 'warn',
  build: {
    outDir: ADMIN_APP_OUT_DIR,
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // React Flow marks its module "use client" (for React Server Components); meaningless in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
