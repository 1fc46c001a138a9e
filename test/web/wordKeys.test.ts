/**
 * Each word key is defined in one words file: the dictionaries are spread into one, so a key defined
 * twice silently takes the later file's words (and a view shows another view's text). Read from the
 * sources, so the test sees a clash the merged dictionary hides.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve('web/src');

function wordFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return wordFiles(full);
    return /^words.*\.ts$/.test(e.name) ? [full] : [];
  });
}

/** The keys a file defines itself in its bokmål dictionaries (spread dictionaries left out). */
function ownKeys(source: string): string[] {
  return [...source.matchAll(/export const \w+Nb\b[^=]*=\s*\{([\s\S]*?)\n\}[^\n]*;/g)].flatMap((block) => [...(block[1] ?? '').matchAll(/^ {2}(\w+):/gm)].map((k) => k[1] as string));
}

describe('word keys', () => {
  it('are each defined in one file only', () => {
    const files = wordFiles(ROOT);
    expect(files.length).toBeGreaterThan(10);
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const file of files) {
      const keys = ownKeys(fs.readFileSync(file, 'utf8'));
      for (const key of keys) {
        const first = seen.get(key);
        if (first && first !== file) clashes.push(`${key}: ${path.relative(ROOT, first)} and ${path.relative(ROOT, file)}`);
        else seen.set(key, file);
      }
    }
    // The scan found the dictionaries (an English-only file such as wordsCoreEn.ts has no bokmål of its own).
    expect(seen.size).toBeGreaterThan(1000);
    expect(clashes).toEqual([]);
  });
});
