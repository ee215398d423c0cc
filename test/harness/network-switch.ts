import { connect, createServer, type Socket } from 'node:net';

/**
 * A port that stays ours while the server behind it comes and goes: the offline journey restarts its server
 * behind it instead of hoping to get a freed port back (another process may take an ephemeral port
 * the moment it is free). With no server behind it, every connection, open or new, is reset.
 */
export interface NetworkSwitch {
  url: string;
  /** Sends connections to the server on `port`, or, with null, resets them all. */
  route(port: number | null): void;
  close(): Promise<void>;
}

export async function networkSwitch(): Promise<NetworkSwitch> {
  let upstreamPort: number | null = null;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    if (upstreamPort === null) {
      socket.resetAndDestroy();
      return;
    }
    const upstream = connect(upstreamPort, '127.0.0.1');
    for (const each of [socket, upstream]) {
      sockets.add(each);
      each.on('close', () => sockets.delete(each));
      each.on('error', () => {
        socket.destroy();
        upstream.destroy();
      });
    }
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    route(port) {
      upstreamPort = port;
      if (port === null) for (const socket of sockets) socket.resetAndDestroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
