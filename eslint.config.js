// Lint. The layer rules of DESIGN.md (the engine never imports Electron, the renderer never
// imports Node, shared/ imports neither) are dependency-cruiser's, by path and transitively:
// .dependency-cruiser.js, `npm run depcheck`. Here only what an import check cannot see:
// Node's globals used in the page.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

// The page (renderer/, and shared/, which it loads) runs without Node: these names exist
// only under Node, and tsconfig.renderer.json has no Node types either.
const nodeOnlyGlobals = [
  'Buffer',
  'process',
  'global',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'setImmediate',
  'clearImmediate',
].map((name) => ({
  name,
  message: `${name} is Node's, and renderer/ and shared/ run in the window's page without Node: ask the engine through window.faxbot, or use the web platform's own (Uint8Array, TextEncoder, atob/btoa).`,
}));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // Layout is Prettier's (npm run format); lint keeps to what code means.
  prettier,
  {
    files: ['shared/**'],
    rules: { 'no-restricted-globals': ['error', ...nodeOnlyGlobals] },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-globals': ['error', ...nodeOnlyGlobals] },
  },
);
