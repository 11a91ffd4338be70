import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** An HTTP server that reads every request and never answers: calls to it stay pending until the proxy ends them. */
export interface SilentServer {
  readonly url: string;
  readonly requests: number;
  close(): Promise<void>;
}

export async function silentServer(): Promise<SilentServer> {
  const held: ServerResponse[] = [];
  let requests = 0;
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests++;
    request.resume();
    held.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/calculator`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
