// The layer rules of DESIGN.md are checked by dependency-cruiser (.dependency-cruiser.js, run by
// `npm run depcheck`), and Node's globals in the page by ESLint and tsconfig.renderer.json.
// Each rule here refuses a violation planted in a throwaway tree laid out like the project
// (never in the real one, which other tests read), and the real tree passes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/childProcess';

// A checker run takes seconds on a busy two-core machine; this is not a timing assertion.
const CHECK_MS = 120_000;

/** "rule from → to", one line per violation (the checker names node:fs and fs alike: fs). */
async function violationsIn(baseDir: string, folders: string[]): Promise<string[]> {
  const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.js'));
  const { output } = await cruise(folders, { ...options, baseDir, cache: false });
  return (output as ICruiseResult).summary.violations.map((v) => `${v.rule.name} ${v.from} → ${v.to}`);
}

/** The folders `npm run depcheck` checks, read from package.json so the two cannot drift. */
function depcheckFolders(): string[] {
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
  return scripts.depcheck
    .split(/\s+/)
    .slice(1)
    .filter((arg) => !arg.startsWith('-'));
}

const PLANTED: Record<string, string> = {
  // Allowed, so the rules are seen to be about paths, not about the word 'electron'.
  'main/electron/window.ts': "import { BrowserWindow } from 'electron';\nexport const Window = BrowserWindow;\n",
  'preload/index.ts': "import { contextBridge } from 'electron';\nexport const bridge = contextBridge;\n",
  'main/engine/engine.ts': 'export interface Engine {\n  id: string;\n}\n',
  'renderer/src/usesZod.ts': "import { z } from 'zod';\nexport const name = z.string();\n",
  // Violations, one per rule and way in.
  'renderer/src/readsDisk.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'renderer/src/reachesEngine.ts': "import type { Engine } from '../../main/engine/engine';\nexport type Desk = Engine;\n",
  'shared/diskPath.ts': "import { join } from 'node:path';\nexport const joined = join('a', 'b');\n",
  'renderer/src/viaShared.ts': "import { joined } from '../../shared/diskPath';\nexport const shown = joined;\n",
  'renderer/src/opensDatabase.ts': "import Database from 'better-sqlite3';\nexport const open = Database;\n",
  'shared/windowType.ts': "import type { BrowserWindow } from 'electron';\nexport type Shown = BrowserWindow;\n",
  'main/engine/usesApp.ts': "import { app } from 'electron';\nexport const name = app.getName();\n",
  'main/headless/usesApp.ts': "import { app } from 'electron';\nexport const name = app.getName();\n",
  'main/commands/usesApp.ts': "import { app } from 'electron';\nexport const name = app.getName();\n",
  'main/engine/viaShell.ts': "import { Window } from '../electron/window';\nexport const opened = Window;\n",
  // A cycle of types only: still refused (tsPreCompilationDeps).
  'main/engine/jobs/faxJobA.ts': "import type { FaxJobB } from './faxJobB';\nexport interface FaxJobA {\n  b?: FaxJobB;\n}\n",
  'main/engine/jobs/faxJobB.ts': "import type { FaxJobA } from './faxJobA';\nexport interface FaxJobB {\n  a?: FaxJobA;\n}\n",
};

describe('layer rules (dependency-cruiser) on planted violations', () => {
  let tree: string;
  let found: string[];

  beforeAll(async () => {
    tree = mkdtempSync(join(tmpdir(), 'faxbot-layers-'));
    // The project's package.json and packages, so 'electron' and npm packages resolve as in the real tree.
    writeFileSync(join(tree, 'package.json'), readFileSync(join(ROOT, 'package.json')));
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'), 'dir');
    for (const [path, text] of Object.entries(PLANTED)) {
      mkdirSync(dirname(join(tree, path)), { recursive: true });
      writeFileSync(join(tree, path), text);
    }
    found = await violationsIn(tree, ['main', 'preload', 'renderer', 'shared']);
  }, CHECK_MS);

  afterAll(() => {
    // Removes the link to node_modules, not what it points at.
    if (tree) rmSync(tree, { recursive: true, force: true });
  });

  it('refuses the renderer importing node:fs', () => {
    expect(found).toContain('page-reaches-no-node renderer/src/readsDisk.ts → fs');
  });

  it('refuses the renderer importing a file under main/ by relative path', () => {
    expect(found).toContain('page-reaches-no-main renderer/src/reachesEngine.ts → main/engine/engine.ts');
  });

  it('refuses the renderer reaching Node through a shared file, and the shared file itself', () => {
    expect(found).toContain('page-reaches-no-node renderer/src/viaShared.ts → path');
    expect(found).toContain('page-reaches-no-node shared/diskPath.ts → path');
  });

  it('refuses the renderer loading an npm package that needs Node', () => {
    expect(found).toContain('page-uses-browser-packages renderer/src/opensDatabase.ts → node_modules/better-sqlite3/lib/index.js');
  });

  it('refuses shared/ importing electron, even for a type', () => {
    expect(found).toContain('only-shell-imports-electron shared/windowType.ts → node_modules/electron/index.js');
  });

  it.each(['engine', 'headless', 'commands'])('refuses main/%s importing electron', (folder) => {
    expect(found).toContain(`only-shell-imports-electron main/${folder}/usesApp.ts → node_modules/electron/index.js`);
  });

  it('refuses main/engine reaching electron through the shell', () => {
    expect(found).toContain('engine-reaches-no-electron main/engine/viaShell.ts → node_modules/electron/index.js');
  });

  it('refuses a new import cycle, even of types only', () => {
    expect(found).toContain('no-circular main/engine/jobs/faxJobA.ts → main/engine/jobs/faxJobB.ts');
  });

  it('lets the shell and the preload import electron, and the renderer use zod', () => {
    const fromAllowed = found.filter((line) => /(main\/electron\/window|preload\/index|renderer\/src\/usesZod)\.ts →/.test(line));
    expect(fromAllowed).toEqual([]);
  });

  it('reports nothing but the planted violations', () => {
    const plantedViolations = [
      'renderer/src/readsDisk.ts',
      'renderer/src/reachesEngine.ts',
      'renderer/src/viaShared.ts',
      'renderer/src/opensDatabase.ts',
      'shared/diskPath.ts',
      'shared/windowType.ts',
      'main/engine/usesApp.ts',
      'main/headless/usesApp.ts',
      'main/commands/usesApp.ts',
      'main/engine/viaShell.ts',
      'main/engine/jobs/faxJobA.ts',
      'main/engine/jobs/faxJobB.ts',
    ];
    expect(found.filter((line) => !plantedViolations.some((from) => line.includes(` ${from} →`)))).toEqual([]);
  });
});

describe('layer rules on the real tree', () => {
  it(
    'finds no violation in the folders npm run depcheck checks',
    async () => {
      const folders = depcheckFolders();
      expect(folders).toEqual(expect.arrayContaining(['main', 'preload', 'renderer', 'shared', 'test']));
      expect(await violationsIn(ROOT, folders)).toEqual([]);
    },
    CHECK_MS,
  );
});

describe("Node's globals in the page", () => {
  const planted = "export const size = Buffer.byteLength('fax');\nexport const home = process.env.HOME;\n";

  it(
    'ESLint refuses Buffer and process in renderer/ and shared/, and allows them in main/',
    async () => {
      const eslint = new ESLint({ cwd: ROOT });
      const refused = async (path: string) => {
        const [result] = await eslint.lintText(planted, { filePath: join(ROOT, path) });
        return result.messages.filter((m) => m.ruleId === 'no-restricted-globals').map((m) => m.message.split('.')[0]);
      };
      expect(await refused('renderer/src/planted.ts')).toEqual(["Unexpected use of 'Buffer'", "Unexpected use of 'process'"]);
      expect(await refused('shared/planted.ts')).toEqual(["Unexpected use of 'Buffer'", "Unexpected use of 'process'"]);
      expect(await refused('main/engine/planted.ts')).toEqual([]);
    },
    CHECK_MS,
  );

  it(
    "the renderer's TypeScript project has no Node types (and the main process's has)",
    () => {
      const folder = mkdtempSync(join(tmpdir(), 'faxbot-globals-'));
      const file = join(folder, 'planted.ts');
      writeFileSync(file, planted);
      try {
        const errorsUnder = (tsconfig: string) => {
          const parsed = ts.getParsedCommandLineOfConfigFile(
            join(ROOT, tsconfig),
            {},
            { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
          );
          if (!parsed) throw new Error(`${tsconfig} could not be read`);
          // The whole project, so a Node type pulled in by any of its files would show here.
          const program = ts.createProgram([...parsed.fileNames, file], parsed.options);
          return program
            .getSemanticDiagnostics(program.getSourceFile(file))
            .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n').split('.')[0]);
        };
        expect(errorsUnder('tsconfig.renderer.json')).toEqual(["Cannot find name 'Buffer'", "Cannot find name 'process'"]);
        expect(errorsUnder('tsconfig.node.json')).toEqual([]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
    CHECK_MS,
  );
});
