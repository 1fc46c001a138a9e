/**
 * Builds the web app into web/dist when the build is missing or older than its sources, so
 * `npm start` serves the current app without rebuilding on every start.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const BUILT = 'web/dist/index.html';
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'package-lock.json'];

function newest(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

const stale = !existsSync(BUILT) || statSync(BUILT).mtimeMs < Math.max(...SOURCES.filter(existsSync).map(newest));
if (stale || process.argv.includes('--force')) {
  console.log('building the web app (web/dist) ...');
  await build({ configFile: 'web/vite.config.ts', logLevel: 'warn' });
}
