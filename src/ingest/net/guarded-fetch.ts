/**
 * The one way the product makes an outbound HTTP request. Every hop is checked before a byte is sent:
 * http(s) only, no credentials, every resolved address public (or allow-listed), and the connection
 * goes to the address that was checked, so DNS rebinding cannot swap it. Redirects are followed by
 * hand and re-checked; time and size are capped, decompressed size included.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import zlib from 'node:zlib';
import { contentTypeAccepted, parseContentType } from './content-type.js';
import { classifyAddress, createAllowList } from './ip-policy.js';
import type { AllowList } from './ip-policy.js';

/** Stable machine codes for why a fetch did not return a usable response. */
export type FetchRefusalReason =
  | 'invalid-url'
  | 'scheme'
  | 'credentials'
  | 'dns'
  | 'address'
  | 'redirect'
  | 'redirect-limit'
  | 'timeout'
  | 'aborted'
  | 'too-large'
  | 'content-type'
  | 'content-encoding'
  | 'http-status'
  | 'network';

/** Raised for every refused or failed fetch; `reason` is stable, the message names the URL or address. */
export class FetchRefusedError extends Error {
  readonly code = 'fetch_refused';
  constructor(
    readonly reason: FetchRefusalReason,
    message: string,
    /** The URL of the hop that failed (the requested URL, or a redirect target). */
    readonly url: string,
    readonly details: { status?: number; address?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FetchRefusedError';
  }

  /** The HTTP status for reason 'http-status'. */
  get status(): number | undefined {
    return this.details.status;
  }
}

/** One resolved address, as dns.lookup returns it. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all of its addresses; replaceable in tests. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** Options of a fetcher; the integrator maps configuration onto them. */
export interface GuardedFetcherOptions {
  /** User-Agent header; see buildUserAgent. */
  userAgent?: string;
  /** Host names and address/CIDR entries exempt from the address policy (see AllowList). Empty by default. */
  allowList?: readonly string[];
  /** Largest body accepted, after decompression, in bytes. Default 5 MiB. */
  maxBytes?: number;
  /** Deadline for the whole fetch, redirects and body included, in ms. Default 15 s. */
  timeoutMs?: number;
  /** Deadline for each TCP connection to be established, in ms. Default 10 s (never more than timeoutMs). */
  connectTimeoutMs?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** DNS resolver; defaults to dns.lookup with all: true. */
  resolve?: HostResolver;
  /** Extra trusted CA certificates (PEM) for https, replacing Node's bundle; for tests and private CAs. */
  ca?: string | Buffer | readonly (string | Buffer)[];
}

/** Per-call options. */
export interface GuardedFetchInit {
  /** Content types accepted: "text/html", "text/*", or a structured suffix like "+xml". Anything else is refused before the body is read. */
  accept?: readonly string[];
  /** Entity tag from an earlier response, sent as If-None-Match. */
  ifNoneMatch?: string;
  /** Last-Modified value (or a date) from an earlier response, sent as If-Modified-Since. */
  ifModifiedSince?: string | Date;
  /** Extra request headers (e.g. Accept-Language). Connection-level headers are ignored. */
  headers?: Readonly<Record<string, string>>;
  /** Overrides the fetcher's maxBytes for this call. */
  maxBytes?: number;
  /** Overrides the fetcher's timeoutMs for this call. */
  timeoutMs?: number;
  /** Cancels the fetch. */
  signal?: AbortSignal;
}

/** What a successful fetch returns (2xx, or 304 with notModified). */
export interface GuardedResponse {
  /** The URL that was asked for. */
  url: string;
  /** The URL of the last hop, after redirects. */
  finalUrl: string;
  status: number;
  /** Response headers, names lower-case, repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Media type, lower-case, without parameters; null when the server sent none. */
  contentType: string | null;
  /** The charset parameter of Content-Type, lower-case, when present. */
  charset?: string;
  /** The body, decompressed. Empty for 304. */
  body: Buffer;
  notModified: boolean;
  /** Each redirect target in order; empty when there was none. */
  redirects: string[];
}

/** The guarded fetch function. */
export interface GuardedFetch {
  (url: string, init?: GuardedFetchInit): Promise<GuardedResponse>;
  /**
   * The checks of a first hop without connecting (scheme, credentials, DNS, address policy):
   * throws the same FetchRefusedError a fetch would.
   */
  check?: (url: string) => Promise<void>;
}

/** Content types a feed poller accepts. */
export const FEED_CONTENT_TYPES: readonly string[] = [
  '+xml',
  '+json',
  'application/xml',
  'application/json',
  'text/*',
];

/** Content types an article fetch accepts. */
export const ARTICLE_CONTENT_TYPES: readonly string[] = ['text/html', 'application/xhtml+xml'];

/** The product's User-Agent, pointing at the deployment so site owners can find who is crawling. */
export function buildUserAgent(baseUrl?: string): string {
  return baseUrl ? `KiemChung/0.1 (+${baseUrl})` : 'KiemChung/0.1';
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Headers the fetcher owns: the caller may not redirect the request or change its framing.
const RESERVED_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'accept-encoding',
  'upgrade',
  'keep-alive',
  'te',
  'trailer',
  'proxy-authorization',
  'proxy-connection',
]);

function checkTarget(url: URL, via?: URL): void {
  const where = via ? `redirect from ${via.href} to ${url.href}` : url.href;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchRefusedError(
      'scheme',
      `Refused ${where}: only http and https URLs are fetched.`,
      url.href,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new FetchRefusedError(
      'credentials',
      `Refused ${where}: URLs with credentials are not fetched.`,
      url.href,
    );
  }
}

function bareHostname(url: URL): string {
  const host = url.hostname;
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

async function defaultResolve(hostname: string): Promise<ResolvedAddress[]> {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), Math.max(0, ms));
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** A lookup that answers only with the addresses already checked, so the socket cannot go elsewhere. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted =
      options.family === 4 || options.family === 6
        ? addresses.filter((a) => a.family === options.family)
        : addresses;
    const first = wanted[0];
    if (!first) {
      const error: NodeJS.ErrnoException = new Error('No checked address of the wanted family');
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
      return;
    }
    if (options.all) {
      callback(
        null,
        wanted.map((a) => ({ address: a.address, family: a.family })),
      );
    } else {
      callback(null, first.address, first.family);
    }
  };
}

interface HopLimits {
  ca: GuardedFetcherOptions['ca'];
  deadline: number;
  connectTimeoutMs: number;
  maxBytes: number;
  accept: readonly string[] | undefined;
  signal: AbortSignal | undefined;
}

type HopResult =
  | { kind: 'redirect'; status: number; location: string }
  | {
      kind: 'final';
      status: number;
      headers: Record<string, string>;
      body: Buffer;
      notModified: boolean;
    };

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function createDecoder(
  encoding: string,
  firstChunk: Buffer,
): zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress {
  // Truncated streams are common on the web; flush what arrived instead of failing on the tail.
  const tolerant = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  if (encoding === 'br') {
    return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  }
  if (encoding === 'deflate') {
    // "deflate" should be zlib-wrapped, but some servers send raw DEFLATE; the first byte tells.
    return ((firstChunk[0] ?? 0) & 0x0f) === 0x08
      ? zlib.createInflate(tolerant)
      : zlib.createInflateRaw(tolerant);
  }
  return zlib.createGunzip(tolerant);
}

function requestHop(
  url: URL,
  addresses: readonly ResolvedAddress[],
  headers: Record<string, string>,
  limits: HopLimits,
): Promise<HopResult> {
  return new Promise<HopResult>((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    let settled = false;
    let res: http.IncomingMessage | undefined;
    let decoder: ReturnType<typeof createDecoder> | undefined;
    const timers: NodeJS.Timeout[] = [];

    const finish = (): void => {
      settled = true;
      for (const t of timers) clearTimeout(t);
      limits.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: FetchRefusedError): void => {
      if (settled) return;
      finish();
      decoder?.destroy();
      res?.destroy();
      req.destroy();
      reject(error);
    };
    const succeed = (result: HopResult): void => {
      if (settled) return;
      finish();
      // Nothing more is read from this hop; a fresh connection per request leaves nothing pooled.
      res?.destroy();
      req.destroy();
      resolve(result);
    };
    const onAbort = (): void =>
      fail(new FetchRefusedError('aborted', `Fetch of ${url.href} was cancelled.`, url.href));

    const req = transport.request({
      protocol: url.protocol,
      hostname: bareHostname(url),
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers,
      agent: false,
      lookup: pinnedLookup(addresses),
      // TLS: SNI and certificate checks use the URL's host name (the default), never the address.
      ...(limits.ca === undefined
        ? {}
        : {
            ca:
              typeof limits.ca === 'string' || Buffer.isBuffer(limits.ca)
                ? limits.ca
                : [...limits.ca],
          }),
    });

    const remaining = limits.deadline - Date.now();
    timers.push(
      setTimeout(
        () =>
          fail(
            new FetchRefusedError(
              'timeout',
              `Fetch of ${url.href} timed out before the response was complete.`,
              url.href,
            ),
          ),
        Math.max(0, remaining),
      ),
    );
    const connectTimer = setTimeout(
      () =>
        fail(
          new FetchRefusedError(
            'timeout',
            `Connecting to ${url.href} timed out after ${limits.connectTimeoutMs} ms.`,
            url.href,
          ),
        ),
      Math.min(limits.connectTimeoutMs, Math.max(0, remaining)),
    );
    timers.push(connectTimer);
    req.once('socket', (socket) => {
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    if (limits.signal) {
      if (limits.signal.aborted) {
        onAbort();
        return;
      }
      limits.signal.addEventListener('abort', onAbort, { once: true });
    }

    req.on('error', (error: NodeJS.ErrnoException) => {
      fail(
        new FetchRefusedError(
          'network',
          `Fetch of ${url.href} failed: ${error.code ?? error.message}.`,
          url.href,
          { cause: error },
        ),
      );
    });

    req.on('response', (response) => {
      res = response;
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location) {
        succeed({ kind: 'redirect', status, location });
        return;
      }
      const responseHeaders = flattenHeaders(response.headers);
      if (status === 304) {
        succeed({
          kind: 'final',
          status,
          headers: responseHeaders,
          body: Buffer.alloc(0),
          notModified: true,
        });
        return;
      }
      if (status < 200 || status > 299) {
        fail(
          new FetchRefusedError(
            'http-status',
            `Fetch of ${url.href} answered HTTP ${status}.`,
            url.href,
            { status },
          ),
        );
        return;
      }
      const { mediaType } = parseContentType(responseHeaders['content-type']);
      if (limits.accept && mediaType && !contentTypeAccepted(mediaType, limits.accept)) {
        fail(
          new FetchRefusedError(
            'content-type',
            `Fetch of ${url.href} returned ${mediaType}, expected ${limits.accept.join(', ')}.`,
            url.href,
            { status },
          ),
        );
        return;
      }
      const tooLarge = (): FetchRefusedError =>
        new FetchRefusedError(
          'too-large',
          `Fetch of ${url.href} exceeded the limit of ${limits.maxBytes} bytes.`,
          url.href,
          { status },
        );
      const declared = Number(responseHeaders['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        fail(tooLarge());
        return;
      }
      const encoding = (responseHeaders['content-encoding'] ?? 'identity').trim().toLowerCase();
      if (!['identity', '', 'gzip', 'x-gzip', 'deflate', 'br'].includes(encoding)) {
        fail(
          new FetchRefusedError(
            'content-encoding',
            `Fetch of ${url.href} used unsupported Content-Encoding "${encoding}".`,
            url.href,
            { status },
          ),
        );
        return;
      }
      const compressed = encoding !== 'identity' && encoding !== '';
      const chunks: Buffer[] = [];
      let rawBytes = 0;
      let bodyBytes = 0;
      const collect = (chunk: Buffer): void => {
        bodyBytes += chunk.length;
        // Stop at the first byte past the cap: nothing more is buffered or decompressed.
        if (bodyBytes > limits.maxBytes) fail(tooLarge());
        else chunks.push(chunk);
      };
      const done = (): void =>
        succeed({
          kind: 'final',
          status,
          headers: responseHeaders,
          body: Buffer.concat(chunks, bodyBytes),
          notModified: false,
        });
      const attachDecoder = (first: Buffer): ReturnType<typeof createDecoder> => {
        const d = createDecoder(encoding, first);
        d.on('data', collect);
        d.on('end', done);
        d.on('error', (error) =>
          fail(
            new FetchRefusedError(
              'content-encoding',
              `Fetch of ${url.href} sent a body that does not decompress as ${encoding}.`,
              url.href,
              { status, cause: error },
            ),
          ),
        );
        return d;
      };
      response.on('data', (chunk: Buffer) => {
        if (settled) return;
        rawBytes += chunk.length;
        if (rawBytes > limits.maxBytes) {
          fail(tooLarge());
          return;
        }
        if (!compressed) collect(chunk);
        else (decoder ??= attachDecoder(chunk)).write(chunk);
      });
      response.on('end', () => {
        if (settled) return;
        if (!compressed) done();
        else if (decoder) decoder.end();
        else done();
      });
      response.on('error', (error) =>
        fail(
          new FetchRefusedError(
            'network',
            `Fetch of ${url.href} failed while reading the body.`,
            url.href,
            { status, cause: error },
          ),
        ),
      );
      response.on('close', () => {
        if (!response.complete)
          fail(
            new FetchRefusedError(
              'network',
              `Fetch of ${url.href}: the connection closed before the body was complete.`,
              url.href,
              { status },
            ),
          );
      });
    });

    req.end();
  });
}

/**
 * Creates the guarded fetch function. Each hop: URL checks → DNS (all addresses) → every address must
 * be public unless the host name or the addresses are allow-listed → connect to a checked address with
 * the Host header and TLS name of the URL → redirects re-checked from the top.
 */
export function createGuardedFetcher(options: GuardedFetcherOptions = {}): GuardedFetch {
  const allowList: AllowList = createAllowList(options.allowList ?? []);
  const userAgent = options.userAgent ?? buildUserAgent();
  const resolveHost = options.resolve ?? defaultResolve;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;

  async function resolveChecked(
    url: URL,
    deadline: number,
    via: URL | undefined,
  ): Promise<ResolvedAddress[]> {
    const hostname = bareHostname(url);
    const where = via ? `redirect from ${via.href} to ${url.href}` : url.href;
    const literal = isIP(hostname);
    let addresses: ResolvedAddress[];
    if (literal !== 0) {
      addresses = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
    } else {
      try {
        addresses = await withDeadline(
          resolveHost(hostname),
          deadline - Date.now(),
          () => new FetchRefusedError('timeout', `Resolving ${hostname} timed out.`, url.href),
        );
      } catch (error) {
        if (error instanceof FetchRefusedError) throw error;
        throw new FetchRefusedError(
          'dns',
          `Refused ${where}: host ${hostname} does not resolve.`,
          url.href,
          { cause: error },
        );
      }
      if (addresses.length === 0) {
        throw new FetchRefusedError(
          'dns',
          `Refused ${where}: host ${hostname} has no address.`,
          url.href,
        );
      }
    }
    // A host name on the allow-list is trusted by name only; an address entry trusts addresses.
    if (literal === 0 && allowList.allowsHost(hostname)) return addresses;
    for (const { address } of addresses) {
      if (allowList.allowsAddress(address)) continue;
      const verdict = classifyAddress(address);
      if (!verdict.public) {
        throw new FetchRefusedError(
          'address',
          `Refused ${where}: ${hostname === address ? 'address' : `host ${hostname} resolves to`} ${address} (${verdict.range}), which is not a public address.`,
          url.href,
          { address },
        );
      }
    }
    return addresses;
  }

  const guardedFetch: GuardedFetch = async function guardedFetch(input, init = {}) {
    const timeoutMs = init.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const limits: HopLimits = {
      ca: options.ca,
      deadline: Date.now() + timeoutMs,
      connectTimeoutMs: Math.min(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, timeoutMs),
      maxBytes: init.maxBytes ?? options.maxBytes ?? DEFAULT_MAX_BYTES,
      accept: init.accept,
      signal: init.signal,
    };
    let current: URL;
    try {
      current = new URL(input.trim());
    } catch {
      throw new FetchRefusedError('invalid-url', `Refused "${input}": not an absolute URL.`, input);
    }
    current.hash = '';
    checkTarget(current);

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(init.headers ?? {})) {
      if (!RESERVED_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
    }
    headers['user-agent'] = userAgent;
    headers['accept-encoding'] = 'gzip, deflate, br';
    // "+xml"-style patterns are not valid media ranges; */* covers them at low priority.
    const ranges = init.accept?.filter((pattern) => !pattern.startsWith('+')) ?? [];
    headers.accept ??= ranges.length > 0 ? `${ranges.join(', ')}, */*;q=0.1` : '*/*';
    if (init.ifNoneMatch) headers['if-none-match'] = init.ifNoneMatch;
    if (init.ifModifiedSince) {
      headers['if-modified-since'] =
        typeof init.ifModifiedSince === 'string'
          ? init.ifModifiedSince
          : init.ifModifiedSince.toUTCString();
    }

    const redirects: string[] = [];
    let via: URL | undefined;
    for (;;) {
      const addresses = await resolveChecked(current, limits.deadline, via);
      const hop = await requestHop(current, addresses, headers, limits);
      if (hop.kind === 'final') {
        const { mediaType, charset } = parseContentType(hop.headers['content-type']);
        return {
          url: input,
          finalUrl: current.href,
          status: hop.status,
          headers: hop.headers,
          contentType: mediaType,
          ...(charset ? { charset } : {}),
          body: hop.body,
          notModified: hop.notModified,
          redirects,
        };
      }
      let next: URL;
      try {
        next = new URL(hop.location, current);
      } catch {
        throw new FetchRefusedError(
          'redirect',
          `Refused redirect from ${current.href}: invalid Location "${hop.location}".`,
          current.href,
          { status: hop.status },
        );
      }
      next.hash = '';
      if (redirects.length >= maxRedirects) {
        throw new FetchRefusedError(
          'redirect-limit',
          `Refused redirect from ${current.href} to ${next.href}: more than ${maxRedirects} redirects.`,
          next.href,
          { status: hop.status },
        );
      }
      checkTarget(next, current);
      redirects.push(next.href);
      via = current;
      current = next;
    }
  };
  guardedFetch.check = async (input: string) => {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new FetchRefusedError('invalid-url', `Refused ${input}: not an absolute URL.`, input);
    }
    checkTarget(url);
    await resolveChecked(url, Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS), undefined);
  };
  return guardedFetch;
}
