#!/usr/bin/env node
// dist/cli.js, the `perimeter` command: runs the CLI bundle beside it (dist/cli-main.js)
// with V8's code cache (see code-cache.ts).
import * as path from 'node:path';
import { loadWithCodeCache } from './code-cache';

loadWithCodeCache(path.join(__dirname, 'cli-main.js'), module);
