/**
 * vscode-languageclient, loaded when the language client is first created rather than with the
 * extension: its module graph is most of the client bundle, and nothing needs it before the
 * server starts.
 */
export type LanguageClientModule = typeof import('vscode-languageclient/node');

let loading: Promise<LanguageClientModule> | undefined;

/** The vscode-languageclient module, loaded once on first call. */
export function languageClientModule(): Promise<LanguageClientModule> {
  return (loading ??= import('vscode-languageclient/node'));
}
