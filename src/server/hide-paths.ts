import type { Config } from '../config.ts';

/**
 * Text for the public API with the server's folders taken out: each configured folder becomes the name of
 * its variable (`$HANDBOOK_MODEL_DIR`), and any other absolute path keeps only its last part. Start-up logs
 * keep the full paths for the operator; `/api/health` and answers never show them.
 * @example hideServerPaths('no /srv/models/e5/config.json', config) // 'no $HANDBOOK_MODEL_DIR/config.json'
 */
export function hideServerPaths(text: string, config: Pick<Config, 'siteDir' | 'dataDir' | 'handbookDir' | 'model'>): string {
  const folders: [string | undefined, string][] = [
    [config.model.dir, '$HANDBOOK_MODEL_DIR'],
    [config.model.cacheDir, '$HANDBOOK_MODEL_CACHE'],
    [config.dataDir, '$HANDBOOK_DATA_DIR'],
    [config.siteDir, '$HANDBOOK_SITE_DIR'],
    [config.handbookDir, '$HANDBOOK_DIR'],
  ];
  let out = text;
  // Longest first, so a folder inside another is named by its own variable.
  for (const [dir, name] of folders.filter((f): f is [string, string] => Boolean(f[0])).sort((a, b) => b[0].length - a[0].length)) {
    out = out.split(dir).join(name);
  }
  return out.replace(/(^|[\s("'=:,])\/(?:[^\s/"'(),]+\/)+([^\s/"'(),]*)/g, (_, before: string, last: string) => `${before}…/${last}`);
}
