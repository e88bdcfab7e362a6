import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Clock } from './adapters/clock.ts';
import type { KeyStore } from './adapters/keys.ts';
import type { Mailer } from './adapters/mailer.ts';

/** The injected adapters every service receives; small on purpose. */
export interface Deps {
  db: Database;
  clock: Clock;
  config: Config;
  keys: KeyStore;
  /** Outgoing e-mail; by default the SMTP server of the configuration (adapters/mailer.ts). */
  mailer?: Mailer;
}
