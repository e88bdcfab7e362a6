/** The CLI's version (the package's), also sent as its user agent so audit rows name it. */
import fs from 'node:fs';

const packageJson = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const CLI_VERSION = packageJson.version;
export const USER_AGENT = `liaison-cli/${CLI_VERSION}`;
