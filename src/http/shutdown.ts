import type http from 'node:http';
import net, { Socket } from 'node:net';
import type { Logger } from 'pino';

/** Lets a server stop without cutting what it already started. */
export interface Drainer {
  /** True once draining began: responses should tell their clients to reconnect elsewhere. */
  readonly draining: boolean;
  /**
   * Stops accepting connections, lets every request in flight finish and its whole body reach the
   * client, then closes each connection. What is still open after `timeoutMs` is cut and logged.
   */
  drain(timeoutMs: number): Promise<void>;
}

/**
 * Tracks a server's connections and the requests on each. Node's own `closeIdleConnections()`
 * (which `server.close()` runs) treats a connection as idle as soon as its response was ended, and destroying
 * it then drops the part of a large body still queued in the socket (the log says 200, the
 * client gets a truncated answer). Here an idle connection is ended (`socket.end()` sends what
 * is queued, then FIN), and a busy one is ended after its last response.
 */
export function trackConnections(server: http.Server, logger: Logger): Drainer {
  const active = new Map<Socket, Set<http.ServerResponse>>();
  let draining = false;

  server.on('connection', (socket: Socket) => {
    active.set(socket, new Set());
    socket.once('close', () => active.delete(socket));
  });

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const socket = req.socket;
    const responses = active.get(socket) ?? new Set();
    active.set(socket, responses);
    responses.add(res);
    if (draining) res.shouldKeepAlive = false;
    res.once('close', () => {
      responses.delete(res);
      if (!res.writableFinished) {
        // The connection went away (client hung up, or a cut) before the body was complete.
        logger.warn(
          { requestId: requestIdOf(res), method: req.method, url: req.url?.slice(0, 200), status: res.statusCode },
          'response not completed: the connection closed before the whole body was sent',
        );
      }
    });
    res.once('finish', () => {
      responses.delete(res);
      if (draining && responses.size === 0) socket.end();
    });
  });

  return {
    get draining() {
      return draining;
    },
    async drain(timeoutMs: number) {
      draining = true;
      // net.Server's close, not http.Server's: since Node 19 the latter also runs
      // closeIdleConnections(), which destroys connections whose answer is still queued.
      const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
      for (const [socket, responses] of active) {
        if (responses.size === 0) socket.end();
        else for (const res of responses) if (!res.headersSent) res.shouldKeepAlive = false;
      }
      const force = setTimeout(() => {
        for (const [socket, responses] of active) {
          const queued = socket.writableLength;
          if (responses.size > 0 || queued > 0) {
            const ids = [...responses].map(requestIdOf).filter(Boolean);
            logger.warn({ requestIds: ids, queuedBytes: queued, timeoutMs }, 'shutdown timeout: a response was cut off before it was complete');
          }
          socket.destroy();
        }
      }, timeoutMs);
      force.unref();
      await closed;
      clearTimeout(force);
    },
  };
}

function requestIdOf(res: http.ServerResponse): string | undefined {
  return (res as { locals?: { requestId?: string } }).locals?.requestId;
}

/**
 * Calls `done(true)` once a finished response's bytes have left the process (its socket's
 * buffer drained), or `done(false)` when the connection closed first and the client got a
 * truncated body. Node's 'finish' only means the body was handed to the socket. Call it from
 * the response's 'finish' with the socket captured when the request arrived (a keep-alive
 * response is detached from its socket by then).
 */
export function whenDelivered(socket: Socket, done: (delivered: boolean) => void): void {
  if (socket.destroyed) return done(false);
  if (socket.writableLength === 0) return done(true);
  const onDrain = () => {
    socket.off('close', onClose);
    done(true);
  };
  const onClose = () => {
    socket.off('drain', onDrain);
    done(false);
  };
  socket.once('drain', onDrain);
  socket.once('close', onClose);
}
