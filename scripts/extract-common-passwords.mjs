// Regenerates data/common-passwords.txt from the MIT-licensed @zxcvbn-ts/language-common
// frequency list (most common first). Run: node scripts/extract-common-passwords.mjs
import { writeFileSync } from 'node:fs';
import { dictionary } from '@zxcvbn-ts/language-common';

const words = dictionary['passwords-common'];
writeFileSync(
  new URL('../data/common-passwords.txt', import.meta.url),
  words.join('\n') + '\n',
);
console.log(`wrote ${words.length} passwords`);
