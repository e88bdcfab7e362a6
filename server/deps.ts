import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Clock } from './adapters/clock.ts';
import type { KeyStore } from './adapters/keys.ts';

/** The injected adapters every service receives; small on purpose. */
export interface Deps {
  db: Database;
  clock: Clock;
  config: Config;
  keys: KeyStore;
}
