import pkg from '../../package.json';

/** The extension's version, from package.json, for reports and the server's identity. */
export const version: string = (pkg as { version: string }).version;
