// What the client changes in the environment the language server inherits from the editor.
// Kept apart from extension.ts (which needs the vscode module) so that the bench starts the
// server exactly as the client does, and tests read it without an editor.

/**
 * Variables set here replace the editor's; `undefined` removes one (Node leaves undefined
 * values out of a child's environment, and vscode-languageclient merges these over the
 * editor's environment).
 *
 * NODE_EXTRA_CA_CERTS (set on many company machines, for a proxy's certificate): Node 20 and
 * 22 read and parse the file it names, with the bundled root certificates, while the process
 * starts, whether or not it ever opens a TLS connection: 27-66 ms of each start with a
 * system bundle of ~140 certificates (measured on the bench machine, where it is set). The
 * server opens no network connection, so it has no use for them. If it ever does, this goes.
 */
export const SERVER_ENVIRONMENT: Readonly<Record<string, string | undefined>> = {
  NODE_EXTRA_CA_CERTS: undefined,
};

/** The server's environment for a client whose own environment is `env`. */
export function serverEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, ...SERVER_ENVIRONMENT };
}
