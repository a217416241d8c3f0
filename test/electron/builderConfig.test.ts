// electron-builder.yml cannot be exercised here (packaging downloads Electron and tools), so
// it is checked against electron-builder's own schema validator, plus the values that matter.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Both come with electron-builder; neither is a direct dependency of Faxbot.
const require = createRequire(resolve('package.json'));
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const quietLogger = { isEnabled: false, add() {} };
const config = yaml.load(readFileSync(resolve('electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('electron-builder.yml', () => {
  it("matches electron-builder 26's schema", async () => {
    await expect(validateConfiguration(structuredClone(config), quietLogger)).resolves.toBeUndefined();
  });

  it('is checked for real: an unknown key fails validation', async () => {
    const broken = { ...structuredClone(config), electronFuses: { ...config.electronFuses, runAsNodeTypo: false } };
    await expect(validateConfiguration(broken, quietLogger)).rejects.toThrow(/electronFuses/);
  });

  it('packages only the build and the plugin registry, and rebuilds and unpacks the native modules', () => {
    expect(config).toMatchObject({ appId: 'org.faxbot.desktop', productName: 'Faxbot', npmRebuild: true });
    expect(config.files).toEqual(['out/**', 'package.json', 'config/plugin_registry.json', 'config/plugins/**']);
    // Every schema the registry names is inside what is packaged.
    const registry = JSON.parse(readFileSync(resolve('config/plugin_registry.json'), 'utf8')) as {
      plugins: Array<{ settingsSchema: unknown }>;
    };
    for (const plugin of registry.plugins) {
      if (typeof plugin.settingsSchema === 'string') {
        expect(plugin.settingsSchema).toMatch(/^plugins\/|^config\/plugins\//);
        expect(existsSync(resolve('config', plugin.settingsSchema.replace(/^config\//, '')))).toBe(true);
      }
    }
    expect(config.asarUnpack.join(' ')).toMatch(/better-sqlite3.*\.node/);
    expect(config.asarUnpack.join(' ')).toMatch(/@napi-rs\/canvas/);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('builds AppImage and deb, NSIS, and dmg with the right categories', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Office', maintainer: expect.stringMatching(/.+<.+@.+>/) });
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac).toMatchObject({ target: ['dmg'], category: 'public.app-category.business' });
  });
});
