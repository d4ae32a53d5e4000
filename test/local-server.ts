/**
 * Test support for src/ingest/net: a local HTTP server that records every request it receives (so
 * tests can prove that a refused fetch never reached it), and a CP1258 encoder for byte fixtures.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';

/** Encodes text as Windows-1258 the way Vietnamese Windows does: tone marks as combining characters. */
export function encodeCp1258(text: string): Buffer {
  const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const nfd = ch.normalize('NFD');
    const tones = nfd.match(TONES)?.join('') ?? '';
    out += nfd.replace(TONES, '').normalize('NFC') + tones;
  }
  return iconv.encode(out, 'windows-1258');
}

/** A started local server and the requests it has seen. */
export interface LocalServer {
  port: number;
  /** "http://127.0.0.1:PORT" (or "http://[::1]:PORT"). */
  origin: string;
  /** Path and query of every request received, in order. */
  hits: string[];
  /** Request headers of every request received, in order. */
  requestHeaders: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** Starts a server on a free port of `host` (127.0.0.1 by default); rejects when the host cannot be bound. */
export function startLocalServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  host = '127.0.0.1',
): Promise<LocalServer> {
  const hits: string[] = [];
  const requestHeaders: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    requestHeaders.push(req.headers);
    handler(req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      resolve({
        port,
        origin,
        hits,
        requestHeaders,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
