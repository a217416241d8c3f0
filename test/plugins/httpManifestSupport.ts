// The HTTPFax fixture manifest pointed at a running fake (its 127.0.0.1 address).
import { readFileSync } from 'node:fs';
import type { HttpProviderManifest } from '../../main/engine/plugins/http';

export const FIXTURE_TOKEN = 'hf_live_7c1d9a2e';

export function fixtureManifest(): HttpProviderManifest {
  return JSON.parse(readFileSync(new URL('../fixtures/httpfax.manifest.json', import.meta.url), 'utf8')) as HttpProviderManifest;
}

/** The fixture with its URLs on the fake and 127.0.0.1 its only allowed host; `patch` edits it further. */
export function manifestOnFake(fakeUrl: string, patch: (m: HttpProviderManifest) => void = () => undefined): HttpProviderManifest {
  const text = readFileSync(new URL('../fixtures/httpfax.manifest.json', import.meta.url), 'utf8').replaceAll(
    'https://api.httpfax.example',
    fakeUrl,
  );
  const manifest = JSON.parse(text) as HttpProviderManifest;
  manifest.allowed_domains = ['127.0.0.1'];
  patch(manifest);
  return manifest;
}
