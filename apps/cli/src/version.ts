/**
 * The CLI's version, from its package.json so `--version` and reports agree. Imported (not read at run
 * time) so the single-file bundle carries it too.
 */
import pkg from '../package.json' with { type: 'json' };

export const CLI_VERSION: string = pkg.version;
