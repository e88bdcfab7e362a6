#!/usr/bin/env node
// `liaison`: runs the TypeScript CLI from source through tsx (docs/adr/0001), no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
await main(process.argv);
