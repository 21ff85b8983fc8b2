import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB = path.join(ROOT, 'web');
const DIST = path.join(WEB, 'dist');
/** What the last build was made from: each source file the bundle took in, with its hash. */
const MANIFEST = path.join(WEB, '.build-manifest.json');
/** Inputs that shape every build besides the modules themselves. */
const ALWAYS = ['web/index.html', 'web/vite.config.ts', 'package-lock.json'];

interface BuildManifest {
  files: Record<string, string>;
}

function hashFile(relative: string): string | null {
  try {
    return createHash('sha256')
      .update(fs.readFileSync(path.join(ROOT, relative)))
      .digest('hex');
  } catch {
    return null;
  }
}

function publicFiles(dir = path.join(WEB, 'public')): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? publicFiles(full) : [path.relative(ROOT, full)];
  });
}

/** Why the built application is out of date, or null when web/dist matches its sources. */
export function webBuildStaleness(): string | null {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) return 'no build yet';
  let manifest: BuildManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as BuildManifest;
  } catch {
    return 'no build manifest';
  }
  for (const [file, hash] of Object.entries(manifest.files)) if (hashFile(file) !== hash) return `${file} changed`;
  for (const file of publicFiles()) if (!(file in manifest.files)) return `${file} added`;
  return null;
}

/** Builds web/ with Vite and records what the build was made from. */
export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  const result = await build({ configFile: path.join(WEB, 'vite.config.ts'), logLevel: 'warn' });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  const inputs = new Set<string>([...ALWAYS, ...publicFiles()]);
  for (const item of outputs) {
    if (item.type !== 'chunk') continue;
    for (const id of item.moduleIds) {
      if (id.startsWith('\0') || id.includes('node_modules') || !path.isAbsolute(id)) continue;
      inputs.add(path.relative(ROOT, id.split('?')[0]!));
    }
  }
  const files: Record<string, string> = {};
  for (const file of [...inputs].sort()) {
    const hash = hashFile(file);
    if (hash) files[file] = hash;
  }
  fs.writeFileSync(MANIFEST, `${JSON.stringify({ files }, null, 1)}\n`);
}

/**
 * `npm start` serves the web application without a separate build step: when web/dist is missing
 * or older than its sources, it is built first (about ten seconds on a station PC).
 */
export async function ensureWebBuild(log: (message: string) => void = console.log): Promise<void> {
  const reason = webBuildStaleness();
  if (!reason) return;
  log(`正在构建网页应用 Building the web application (${reason})…`);
  const started = Date.now();
  await buildWeb();
  log(`网页应用已构建 Web application built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
