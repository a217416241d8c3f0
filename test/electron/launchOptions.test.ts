// Which data folder and which SQLite build a run of the app uses.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseDataDir, chooseSqliteBinding, dataDirArgument } from '../../main/electron/launchOptions';

describe('the data folder', () => {
  it('takes --data-dir over FAX_DATA_DIR over userData', () => {
    expect(chooseDataDir(['electron', '.', '--data-dir', '/srv/fax'], { FAX_DATA_DIR: '/env/fax' }, '/user')).toEqual({
      dataDir: '/srv/fax',
      source: '--data-dir',
    });
    expect(chooseDataDir(['electron', '.', '--data-dir=/srv/fax2'], { FAX_DATA_DIR: '/env/fax' }, '/user')).toEqual({
      dataDir: '/srv/fax2',
      source: '--data-dir',
    });
    expect(chooseDataDir(['electron', '.'], { FAX_DATA_DIR: '/env/fax' }, '/user')).toEqual({
      dataDir: '/env/fax',
      source: 'FAX_DATA_DIR',
    });
    expect(chooseDataDir(['electron', '.'], {}, '/user')).toEqual({ dataDir: '/user', source: 'userData' });
  });

  it('ignores empty or missing values instead of using the current folder by accident', () => {
    expect(chooseDataDir(['--data-dir='], { FAX_DATA_DIR: '   ' }, '/user').source).toBe('userData');
    expect(chooseDataDir(['--data-dir'], {}, '/user').source).toBe('userData');
    expect(dataDirArgument(['--data-dir', '--inspect'])).toBeUndefined();
    expect(dataDirArgument(['--data-directory=/x'])).toBeUndefined();
  });

  it('makes a relative folder absolute and lets the last --data-dir win', () => {
    expect(chooseDataDir(['--data-dir', 'fax-data'], {}, '/user').dataDir).toBe(resolve('fax-data'));
    expect(dataDirArgument(['--data-dir', '/a', '--data-dir=/b'])).toBe('/b');
  });
});

describe('the SQLite build for Electron', () => {
  const none = () => false;
  const all = () => true;

  it('uses FAXBOT_SQLITE_BINDING when set, relative to the app', () => {
    expect(chooseSqliteBinding({ FAXBOT_SQLITE_BINDING: '/opt/sqlite.node' }, '/app', false, none)).toBe('/opt/sqlite.node');
    expect(chooseSqliteBinding({ FAXBOT_SQLITE_BINDING: 'native/sqlite.node' }, '/app', true, none)).toBe(
      join('/app', 'native/sqlite.node'),
    );
  });

  it('uses .electron-native/better_sqlite3.node only when it exists and the app is not packaged', () => {
    expect(chooseSqliteBinding({}, '/app', false, all)).toBe(join('/app', '.electron-native', 'better_sqlite3.node'));
    expect(chooseSqliteBinding({}, '/app', false, none)).toBeUndefined();
    expect(chooseSqliteBinding({}, '/app', true, all)).toBeUndefined();
    expect(chooseSqliteBinding({ FAXBOT_SQLITE_BINDING: '  ' }, '/app', false, none)).toBeUndefined();
  });
});
