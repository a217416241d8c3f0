// Child process for the crash test: writes the plugin config file through the real store
// and catalog check in a loop, announcing each version before and after its write, until
// the test SIGKILLs it. Versions are numbered so the test can tell which one it finds.
import { writeSync } from 'node:fs';
import { createLogger } from '../../main/engine/log';
import { PluginCatalog } from '../../main/engine/plugins/pluginCatalog';
import { PluginConfigStore } from '../../main/engine/plugins/pluginConfigStore';
import { configVersion } from './configVersions';

const [path, registryPath, first] = process.argv.slice(2);
const store = new PluginConfigStore({ path: path!, backups: 5 });
const secrets = new Map<string, string>();
// The catalog installs the schema check the store runs before every write.
new PluginCatalog({
  registryPath: registryPath!,
  env: {},
  store,
  secrets: {
    get: (p, f) => secrets.get(`${p}.${f}`) ?? null,
    set: (p, f, v) => void (v === null ? secrets.delete(`${p}.${f}`) : secrets.set(`${p}.${f}`, v)),
  },
  logger: createLogger({ level: 'error' }),
});

for (let k = Number(first); ; k++) {
  writeSync(1, `start ${k}\n`);
  store.write(configVersion(k));
  writeSync(1, `done ${k}\n`);
}
