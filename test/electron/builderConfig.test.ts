// electron-builder.yml cannot be exercised here (packaging downloads Electron and tools), so
// it is checked against electron-builder's schema, plus the values that matter. electron-builder
// itself is an optional dependency that npm installs only on Node 22.12+ (its own requirement):
// there its validator runs; on older Node the same schema (app-builder-lib 26.17's scheme.json,
// kept in test/fixtures) is checked with ajv, the project's schema library.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const require = createRequire(resolve('package.json'));
type Validate = (config: unknown, logger: { isEnabled: boolean; add(): void }) => Promise<void>;
function builderValidator(): Validate {
  try {
    return (require('app-builder-lib/out/util/config/config.js') as { validateConfiguration: Validate }).validateConfiguration;
  } catch {
    const scheme = JSON.parse(readFileSync(resolve('test/fixtures/electron-builder-26.17-scheme.json'), 'utf8')) as object;
    const check = new Ajv({ allErrors: true, strict: false }).compile(scheme);
    return async (config) => {
      if (!check(config)) throw new Error(`electron-builder.yml does not match the schema: ${JSON.stringify(check.errors)}`);
    };
  }
}
const validateConfiguration = builderValidator();
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
    expect(config.files).toEqual([
      'out/**',
      'package.json',
      'config/plugin_registry.json',
      'config/plugins/**',
      'build/icons/512x512.png',
      'build/tray/**',
    ]);
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
    expect(config.directories.buildResources).toBe('build');
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac).toMatchObject({ target: ['dmg'], category: 'public.app-category.business' });
  });

  it('names a real maintainer, vendor and project, with no placeholder left', () => {
    const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(config.linux).toMatchObject({ maintainer: 'Faxbot Desktop team <desktop@faxbot.net>', vendor: 'Faxbot Desktop team' });
    expect(pkg).toMatchObject({
      author: 'Faxbot Desktop team <desktop@faxbot.net>',
      homepage: 'https://faxbot.net',
      repository: { url: expect.stringMatching(/^git\+https:\/\//) },
    });
    const metadata = [readFileSync(resolve('electron-builder.yml'), 'utf8'), JSON.stringify(pkg)];
    for (const text of metadata) expect(text).not.toMatch(/\.invalid\b|example\.(com|org)|TODO|changeme/i);
    // The plugin schemas' $id too (their descriptions may give example.com addresses as examples).
    for (const file of readdirSync(resolve('config/plugins'))) {
      expect(JSON.parse(readFileSync(resolve('config/plugins', file), 'utf8')).$id, file).toMatch(/^https:\/\/faxbot\.net\//);
    }
  });
});

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), path).toBe(true);
  expect(bytes.toString('latin1', 12, 16), path).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the app icons in build/ (scripts/make-icons.mjs)', () => {
  it('has the 1024 px icon and every Linux size, each the size its name says', () => {
    expect(pngSize(resolve('build/icon.png'))).toEqual({ width: 1024, height: 1024 });
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(resolve(`build/icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
    expect(config.linux.icon).toBe('build/icons');
    expect(config.mac.icon).toBe('build/icon.png');
  });

  it('has a Windows .ico with 16 to 256 px images, each complete inside the file', () => {
    expect(config.win.icon).toBe('build/icon.ico');
    const ico = readFileSync(resolve(config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + i * 16;
      const width = ico[entry] || 256;
      expect(ico[entry + 1] || 256).toBe(width);
      const bytes = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + bytes).toBeLessThanOrEqual(ico.length);
      // A BMP entry: its header names the same width (and twice the height, for the mask).
      expect(ico.readUInt32LE(offset)).toBe(40);
      expect(ico.readInt32LE(offset + 4)).toBe(width);
      expect(ico.readInt32LE(offset + 8)).toBe(width * 2);
      sizes.push(width);
    }
    expect(sizes.sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('has the tray icons at 16 and 32 px, with a macOS Template pair, and packages them', () => {
    for (const name of ['tray', 'trayTemplate']) {
      expect(pngSize(resolve(`build/tray/${name}.png`))).toEqual({ width: 16, height: 16 });
      expect(pngSize(resolve(`build/tray/${name}@2x.png`))).toEqual({ width: 32, height: 32 });
    }
    expect(existsSync(resolve('build/icons/512x512.png'))).toBe(true);
  });
});
