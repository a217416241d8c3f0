// The layer rules of DESIGN.md, by where code runs (as VS Code splits common/browser/node):
// the window's page (renderer/, and shared/, which both sides load) reaches no Node and no
// main-process file; only the Electron shell (main/electron) and the preload touch
// 'electron'; and no module imports itself round a circle, not even through types.
// `npm run depcheck` runs these; test/architecture/layers.test.ts proves each one refuses
// a planted violation.
import { builtinModules } from 'node:module';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Node's own modules, as an import names them ('fs', 'fs/promises', 'node:fs', 'node:test'). */
const NODE_BUILTIN = `^(node:.+|${builtinModules.map(escape).join('|')})$`;
/** 'electron' resolved in node_modules, or as written when it cannot be resolved. */
const ELECTRON = '^(node_modules/electron/|electron$)';
/** What the window's page is: the renderer, and the contract it shares with the engine. */
const PAGE = '^(renderer|shared)/';
/** The npm packages the page may load: each runs in a web page without Node (checked before listing). */
const PAGE_PACKAGES = `^node_modules/(${['react', 'react-dom', 'zustand', 'zod', 'libphonenumber-js', 'pdfjs-dist', 'vite'].map(escape).join('|')})/`;

export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Two modules that import each other (even only for types) are one module in two files: move the shared part ' +
        'to the side that owns it, or let the importer declare the interface it needs (see main/engine/api/types.ts).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'page-reaches-no-node',
      severity: 'error',
      comment:
        'renderer/ and shared/ run in the sandboxed page, where Node does not exist, and nothing they import may reach ' +
        'a Node module: ask the engine through window.faxbot (an operation in shared/contract.ts) instead.',
      from: { path: PAGE },
      to: { path: NODE_BUILTIN, reachable: true },
    },
    {
      name: 'page-reaches-no-main',
      severity: 'error',
      comment:
        'renderer/ and shared/ never load a main-process or preload file, by any path: the page reaches the engine ' +
        'only through window.faxbot; a type both sides need belongs in shared/.',
      from: { path: PAGE },
      to: { path: '^(main|preload)/', reachable: true },
    },
    {
      name: 'page-uses-browser-packages',
      severity: 'error',
      comment:
        'renderer/ and shared/ load only npm packages that run in a web page. Before adding one to PAGE_PACKAGES in ' +
        '.dependency-cruiser.js, check it needs no Node module or global (Buffer, process).',
      from: { path: PAGE },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'],
        pathNot: PAGE_PACKAGES,
      },
    },
    {
      name: 'only-shell-imports-electron',
      severity: 'error',
      comment:
        "Only main/electron (the shell) and preload/ may import 'electron': the engine, headless server, CLI and " +
        'the page run where Electron does not (faxbot serve, tests). Let the shell fill in an interface instead.',
      from: { pathNot: '^(main/electron|preload|test/electron|test/support/emulatedElectron)/' },
      to: { path: ELECTRON },
    },
    {
      name: 'shell-tests-name-electron-types-only',
      severity: 'error',
      comment:
        "The shell's tests and the emulated Electron may name Electron's types, never load it: there is no Electron binary where tests run.",
      from: { path: '^test/(electron|support/emulatedElectron)/' },
      to: { path: ELECTRON, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'engine-reaches-no-electron',
      severity: 'error',
      comment:
        'main/engine, main/headless, main/commands, the printer set-up, the CLI and the page must run without Electron, ' +
        'so nothing they import may reach it (through main/electron or preload either): let the shell fill in an interface.',
      from: { path: '^(main/(engine|headless|commands|printer)/|main/cli\\.ts$|renderer/|shared/)' },
      to: { path: ELECTRON, reachable: true },
    },
  ],
  options: {
    // Type-only imports count: a cycle of types is still a cycle, and `import type` from
    // 'electron' still ties a file to it.
    tsPreCompilationDeps: true,
    // Packages are checked where they are imported (page-uses-browser-packages), not inside.
    doNotFollow: { path: '^node_modules' },
    // A linked node_modules (as in the layer test's planted tree) is named as the real one is.
    preserveSymlinks: true,
    exclude: { path: '^(out|dist|test-results|bench/results)/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
