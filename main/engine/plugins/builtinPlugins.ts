// The plugins compiled into this version of Faxbot. config/plugin_registry.json is the
// curated copy admins see and may trim; when it is missing or broken this list is used, and
// a test holds the two to the same content. The schemas are the files in config/plugins/.
import type { PluginManifest, SettingsSchema } from '../../../shared/plugins';
import simulatorSchema from '../../../config/plugins/simulator.schema.json';
import phaxioSchema from '../../../config/plugins/phaxio.schema.json';
import sinchSchema from '../../../config/plugins/sinch.schema.json';
import sipSchema from '../../../config/plugins/sip.schema.json';
import localSchema from '../../../config/plugins/local.schema.json';
import s3Schema from '../../../config/plugins/s3.schema.json';

const schema = (json: unknown) => json as SettingsSchema;

export const BUILTIN_PLUGINS: readonly PluginManifest[] = [
  {
    id: 'simulator',
    name: 'Simulator',
    version: '1.0.0',
    kinds: ['outbound', 'inbound'],
    capabilities: ['send', 'status', 'receive'],
    description:
      'Pretend faxes on this computer: try Faxbot, train staff and test set-ups without a provider account. Nothing leaves this computer.',
    source: 'builtin',
    settingsSchema: schema(simulatorSchema),
  },
  {
    id: 'phaxio',
    name: 'Phaxio',
    version: '1.0.0',
    kinds: ['outbound', 'inbound'],
    capabilities: ['send', 'status', 'receive', 'webhook'],
    description:
      'Cloud fax through Phaxio (Sinch): faxes are sent and received over its API; status arrives by signed callback, or by polling without a public address.',
    helpUrl: 'https://www.phaxio.com/docs/api/v2.1/',
    source: 'builtin',
    settingsSchema: schema(phaxioSchema),
  },
  {
    id: 'sinch',
    name: 'Sinch Fax',
    version: '1.0.0',
    kinds: ['outbound', 'inbound'],
    capabilities: ['send', 'status', 'receive', 'webhook'],
    description: "Cloud fax through Sinch's Fax API v3, signed in with a project access key.",
    helpUrl: 'https://developers.sinch.com/docs/fax/',
    source: 'builtin',
    settingsSchema: schema(sinchSchema),
  },
  {
    id: 'sip',
    name: 'Asterisk (SIP)',
    version: '1.0.0',
    kinds: ['outbound', 'inbound'],
    capabilities: ['send', 'status', 'receive'],
    description:
      'Your own Asterisk PBX over AMI: faxes go out through a PJSIP trunk (T.38) and come in through the dialplan; the files travel through a folder both machines share.',
    helpUrl: 'https://docs.asterisk.org/Configuration/Interfaces/Asterisk-Manager-Interface-AMI/',
    source: 'builtin',
    settingsSchema: schema(sipSchema),
  },
  {
    id: 'local',
    name: 'This computer',
    version: '1.0.0',
    kinds: ['storage'],
    capabilities: ['store', 'retrieve', 'delete'],
    description:
      'Documents are kept in the data folder, each file encrypted (AES-256-GCM) under a key the OS keychain or the master key protects.',
    source: 'builtin',
    settingsSchema: schema(localSchema),
  },
  {
    id: 's3',
    name: 'Amazon S3',
    version: '1.0.0',
    kinds: ['storage'],
    capabilities: ['store', 'retrieve', 'delete'],
    description:
      'Documents are kept in an S3 bucket (AWS or an S3-compatible store), sealed with the data key before upload and encrypted at rest by the bucket.',
    helpUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html',
    source: 'builtin',
    settingsSchema: schema(s3Schema),
  },
];

/** What fills a slot when neither the environment nor the config file says. */
export const DEFAULT_SLOTS = { outbound: 'simulator', storage: 'local' } as const;
