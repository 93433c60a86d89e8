#!/usr/bin/env node
// The `arbor` command: runs the CLI with the Node.js that runs this file (24 or later, which
// strips TypeScript types natively).
import { runMain } from '../src/main.ts';

await runMain();
