#!/usr/bin/env node
// The `arbor` command: runs the CLI entry with the Node.js that runs this file (24 or later,
// which strips TypeScript types natively).
import '../src/main.ts';
