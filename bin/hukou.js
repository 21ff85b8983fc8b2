#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx hukou ...` works without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/hukou.ts');
