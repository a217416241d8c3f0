// The layer rules of DESIGN.md, checked on the source itself so nobody has to remember them:
// main/engine never imports electron; renderer/ never imports Node; shared/ imports neither.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/childProcess';

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]).filter(Boolean);
}

const nodeBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);
const electron = (spec: string) => spec === 'electron' || spec.startsWith('electron/');

function violations(folder: string, forbidden: (spec: string) => boolean): string[] {
  return sourceFiles(join(ROOT, folder)).flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
  );
}

describe('layer boundaries', () => {
  it('main/engine never imports electron', () => {
    expect(violations('main/engine', electron)).toEqual([]);
  });

  it('renderer never imports Node built-ins or electron', () => {
    expect(violations('renderer', (s) => nodeBuiltin(s) || electron(s))).toEqual([]);
  });

  it('shared imports neither Node nor electron', () => {
    expect(violations('shared', (s) => nodeBuiltin(s) || electron(s))).toEqual([]);
  });

  it('the check itself catches a forbidden import', () => {
    const fake = `import { app } from 'electron';\nimport fs from "node:fs";\nconst x = require('path');`;
    const found = [...fake.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
    expect(found).toEqual(['electron', 'node:fs', 'path']);
  });
});
