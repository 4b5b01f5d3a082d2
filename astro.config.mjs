// @ts-check
import { defineConfig } from 'astro/config';
import { askIndex } from './src/integrations/ask-index.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';
import { loadConfig } from './src/config.ts';
import { assertBuildableSiteDir } from './src/site/site-folder.ts';

// Folders come from src/config.ts (HANDBOOK_DIR, HANDBOOK_SITE_DIR): tests build a fixture handbook.
const config = loadConfig();
// Astro compares the output folder with the working folder, the project root for every build script.
assertBuildableSiteDir(config.siteDir, process.cwd());
const handbookDir = config.handbookDir;

export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  outDir: config.siteDir,
  devToolbar: { enabled: false },
  // Styles stay in files: the server's Content-Security-Policy (src/server/security-headers.ts) allows no inline style.
  build: { inlineStylesheets: 'never' },
  // Order matters: the service worker precaches the browser index, so it is written last.
  integrations: [askIndex({ dir: handbookDir }), serviceWorker()],
});
