/**
 * Request `gkreport/memory` (client → server, no params): the server process's memory use
 * (`process.memoryUsage()`: rss, heapTotal, heapUsed, external, arrayBuffers, in bytes). Used by
 * the robustness tests to check that memory stays bounded under load; harmless to any client.
 */
import type { Connection } from 'vscode-languageserver/node';

export const MEMORY_METHOD = 'gkreport/memory';

export function registerMemory(connection: Connection): void {
  connection.onRequest(MEMORY_METHOD, () => process.memoryUsage());
}
