/**
 * The only way the verifier reaches the network. It fetches what a credential names and nothing
 * else, with a timeout and a size limit always, http(s) only, and by default refuses loopback
 * and private addresses so a hostile credential cannot make a server probe its own network.
 * It never throws: every failure is a value the verifier turns into "could not check".
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export interface FetchOptions {
  /** Milliseconds before giving up on one request (default 5,000). */
  timeoutMs?: number;
  /** Largest body accepted, in bytes (default 2 MiB). */
  maxBytes?: number;
  /** Allow loopback addresses (127.0.0.0/8, ::1, localhost): tests and local runs only. */
  allowLoopback?: boolean;
  /** Allow private network ranges too (a deployment that verifies its own intranet badges). */
  allowPrivateNetworks?: boolean;
}

export type FetchFailure =
  | 'bad-url'
  | 'blocked-address'
  | 'timeout'
  | 'too-large'
  | 'network'
  | 'http-status';

export type FetchResult =
  | { ok: true; url: string; status: number; contentType: string; body: Buffer }
  | {
      ok: false;
      url: string;
      reason: FetchFailure;
      status?: number;
      body?: Buffer;
      detail: string;
    };

export type Fetcher = (url: string, accept?: string) => Promise<FetchResult>;

const MAX_REDIRECTS = 3;

/**
 * @returns a fetcher bound to these limits.
 */
export function createFetcher(options: FetchOptions = {}): Fetcher {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  return async (url, accept = 'application/ld+json, application/json;q=0.9, */*;q=0.1') => {
    let current = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const refusal = await refuse(current, options);
      if (refusal) return { ok: false, url: current, ...refusal };
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const response = await fetch(current, {
          headers: { accept },
          redirect: 'manual',
          signal: controller.signal,
        });
        if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
          current = new URL(response.headers.get('location') as string, current).toString();
          await response.body?.cancel();
          continue;
        }
        const body = await readLimited(response, maxBytes);
        if (body === undefined) {
          return {
            ok: false,
            url: current,
            reason: 'too-large',
            detail: `more than ${maxBytes} bytes`,
          };
        }
        const contentType = response.headers.get('content-type') ?? '';
        if (!response.ok) {
          return {
            ok: false,
            url: current,
            reason: 'http-status',
            status: response.status,
            body,
            detail: `HTTP ${response.status}`,
          };
        }
        return { ok: true, url: current, status: response.status, contentType, body };
      } catch (error) {
        const aborted = controller.signal.aborted;
        return {
          ok: false,
          url: current,
          reason: aborted ? 'timeout' : 'network',
          detail: aborted ? `no answer within ${timeoutMs} ms` : (error as Error).message,
        };
      } finally {
        clearTimeout(timer);
      }
    }
    return { ok: false, url: current, reason: 'network', detail: 'too many redirects' };
  };
}

async function readLimited(response: Response, maxBytes: number): Promise<Buffer | undefined> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function refuse(
  url: string,
  options: FetchOptions,
): Promise<{ reason: FetchFailure; detail: string } | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { reason: 'bad-url', detail: 'not a valid address' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { reason: 'bad-url', detail: `the ${parsed.protocol} scheme is not fetched` };
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch (error) {
    return { reason: 'network', detail: `cannot resolve ${host}: ${(error as Error).message}` };
  }
  for (const address of addresses) {
    const kind = addressKind(address);
    if (kind === 'loopback' && !options.allowLoopback) {
      return { reason: 'blocked-address', detail: `${host} is a loopback address` };
    }
    if (kind === 'private' && !options.allowPrivateNetworks) {
      return { reason: 'blocked-address', detail: `${host} is a private network address` };
    }
  }
  return undefined;
}

/** Classifies an IP address: loopback, private (RFC 1918, link-local, ULA, CGNAT) or public. */
export function addressKind(address: string): 'loopback' | 'private' | 'public' {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) {
    const [a = 0, b = 0] = v4.split('.').map(Number);
    if (a === 127) return 'loopback';
    if (a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) {
      return 'private';
    }
    if ((a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || a >= 224)
      return 'private';
    return 'public';
  }
  const lower = address.toLowerCase();
  if (lower === '::1') return 'loopback';
  if (
    lower === '::' ||
    lower.startsWith('fc') ||
    lower.startsWith('fd') ||
    lower.startsWith('fe80')
  ) {
    return 'private';
  }
  return 'public';
}
