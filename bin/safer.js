#!/usr/bin/env node
// The `safer` command. Safer is written in TypeScript and runs through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
