import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Engine logs kept per test and shown when it fails; the AWS SDK's Node notice off (test/support/setup.ts).
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests start real servers and child processes; two cores is the machine.
    pool: 'forks',
    maxWorkers: 2,
    // electron-store imports 'electron' itself: run it through Vitest so the shell tests'
    // fake 'electron' (test/electron/fakeElectron.ts) is the one it gets.
    server: { deps: { inline: ['electron-store'] } },
  },
});
