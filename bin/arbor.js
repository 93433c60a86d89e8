#!/usr/bin/env node
// The `arbor` command (`npm start` runs `arbor start`): runs the CLI with the Node.js that runs
// this file (24 or later, which strips TypeScript types natively).
//
// First it turns on Node's on-disk compile cache for everything loaded after this file (about
// 1,600 modules, most from packages, and the TypeScript transform itself): a start after the
// first skips compiling them, which roughly halves the time to /health/ready and the memory
// compiling takes. NODE_COMPILE_CACHE chooses the directory; by default it is
// node_modules/.cache/arbor-compile of this installation (the installer's own files, not a shared
// temporary directory). A directory that cannot be written only means no cache.
import module from 'node:module';
import path from 'node:path';

module.enableCompileCache(process.env.NODE_COMPILE_CACHE || path.join(import.meta.dirname, '..', 'node_modules', '.cache', 'arbor-compile'));

const { runMain } = await import('../src/cli/cli-main.ts');
await runMain();
