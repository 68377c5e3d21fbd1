// dist/server.js, the language server's first code: it runs the server bundle beside it
// (dist/server-main.js) with V8's code cache (see code-cache.ts). The client and
// dist/language-server.js start this file; the server does not import it.
import * as path from 'node:path';
import { loadWithCodeCache } from './code-cache';

loadWithCodeCache(path.join(__dirname, 'server-main.js'), module);
