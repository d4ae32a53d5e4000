/**
 * Which IP addresses the product may connect to. Only public unicast addresses are allowed; every
 * private, loopback, link-local, shared, multicast, reserved or documentation range is refused, and so
 * are IPv6 forms that smuggle an IPv4 address (mapped, translated, compatible, NAT64, 6to4, Teredo).
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type ParsedAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** The verdict on one address: public, or refused with the name of the range it falls in. */
export type AddressClass =
  { public: true; address: string } | { public: false; address: string; range: string };

// The only IPv6 block the IANA allocates for global unicast; everything outside it is refused.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
const NAT64_LOCAL_USE = ipaddr.parseCIDR('64:ff9b:1::/48');

function refused(address: string, range: string): AddressClass {
  return { public: false, address, range };
}

function embeddedV4(parts: readonly number[], high: number): ipaddr.IPv4 {
  const hi = parts[high] ?? 0;
  const lo = parts[high + 1] ?? 0;
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

function classifyV4(ip: ipaddr.IPv4, address: string, prefix = ''): AddressClass {
  // ipaddr.js names every special-purpose IPv4 block (RFC 6890); only plain unicast is public.
  const range = ip.range();
  return range === 'unicast' ? { public: true, address } : refused(address, prefix + range);
}

function classifyV6(ip: ipaddr.IPv6, address: string): AddressClass {
  if (ip.zoneId !== undefined) return refused(address, 'zoned');
  // Typed as a closed union, but ipaddr.js also returns names it does not declare (discard, …).
  const range: string = ip.range();
  const parts = ip.parts;
  if (range === 'ipv4Mapped') return classifyV4(ip.toIPv4Address(), address, 'ipv4Mapped:');
  if (range === 'rfc6145') return classifyV4(embeddedV4(parts, 6), address, 'ipv4Translated:');
  if (range === 'rfc6052') {
    if (ip.match(NAT64_LOCAL_USE)) return refused(address, 'nat64LocalUse');
    return classifyV4(embeddedV4(parts, 6), address, 'nat64:');
  }
  if (range === '6to4') return classifyV4(embeddedV4(parts, 1), address, '6to4:');
  // Teredo hides an obfuscated client address behind a relay; nothing legitimate needs it.
  if (range === 'teredo') return refused(address, 'teredo');
  if (range === 'unspecified' || range === 'loopback') return refused(address, range);
  // ::a.b.c.d (deprecated IPv4-compatible form) lies outside 2000::/3 and is refused below.
  if (parts.slice(0, 6).every((p) => p === 0)) return refused(address, 'ipv4Compatible');
  if (range !== 'unicast') return refused(address, range);
  if (!ip.match(GLOBAL_UNICAST_V6)) return refused(address, 'notGlobalUnicast');
  return { public: true, address };
}

function parseStrict(address: string): ParsedAddress | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const percent = bare.indexOf('%');
  const zoneless = percent >= 0 ? bare.slice(0, percent) : bare;
  // net.isIP is strict (dotted quad only); ipaddr.js alone would also accept 0x7f.1 and 127.1.
  const family = isIP(zoneless);
  if (family === 0) return null;
  try {
    if (family === 4) return ipaddr.parse(zoneless);
    // ipaddr.js reads ::a.b.c.d as ::ffff:a.b.c.d; the WHATWG serialisation (::7f00:1) avoids that.
    const canonical = new URL(`http://[${zoneless}]/`).hostname.slice(1, -1);
    const ip = ipaddr.IPv6.parse(canonical);
    if (percent >= 0) ip.zoneId = bare.slice(percent + 1);
    return ip;
  } catch {
    return null;
  }
}

/** Classifies one IP address literal (v4, v6, or bracketed v6) as public or refused. */
export function classifyAddress(address: string): AddressClass {
  const ip = parseStrict(address);
  if (!ip) return refused(address, 'invalid');
  return ip.kind() === 'ipv4'
    ? classifyV4(ip as ipaddr.IPv4, address)
    : classifyV6(ip as ipaddr.IPv6, address);
}

/** True when the product may connect to this address without an allow-list entry. */
export function isPublicAddress(address: string): boolean {
  return classifyAddress(address).public;
}

/**
 * An explicit exception to the address policy, empty (off) by default. Entries are either host names
 * or IP addresses / CIDR ranges:
 * - a host name ("localhost", "feeds.test") trusts that exact name, whatever it resolves to; it does
 *   not cover the addresses themselves, so a redirect from http://localhost:1/ to http://127.0.0.1:2/
 *   is still refused;
 * - an address or CIDR ("127.0.0.1", "10.0.0.0/8", "::1") trusts any host name or literal whose
 *   resolved addresses all fall in the listed ranges.
 */
export interface AllowList {
  /** True when there is no entry at all. */
  readonly empty: boolean;
  /** True when this URL host name (lower-case, as the WHATWG URL parser gives it) is listed by name. */
  allowsHost(hostname: string): boolean;
  /** True when this resolved address falls in a listed address or CIDR range. */
  allowsAddress(address: string): boolean;
}

function normaliseHostEntry(entry: string): string {
  // The URL parser turns IDN names to punycode and numeric forms (127.1, 0x7f.1) to dotted quads.
  const host = new URL(`http://${entry}/`).hostname;
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/** Builds an allow-list from entries such as "localhost", "127.0.0.1", "10.1.0.0/16" or "[::1]". Throws on a malformed entry. */
export function createAllowList(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const ranges: [ParsedAddress, number][] = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    const slash = entry.indexOf('/');
    if (slash >= 0) {
      const base = parseStrict(entry.slice(0, slash));
      const bits = Number(entry.slice(slash + 1));
      const max = base?.kind() === 'ipv4' ? 32 : 128;
      if (!base || !/^\d{1,3}$/.test(entry.slice(slash + 1)) || bits > max) {
        throw new Error(
          `Invalid allow-list entry "${raw}": expected an address/prefix CIDR range.`,
        );
      }
      ranges.push([base, bits]);
      continue;
    }
    let host: string;
    try {
      host = normaliseHostEntry(entry);
    } catch {
      throw new Error(`Invalid allow-list entry "${raw}": expected a host name, address or CIDR.`);
    }
    const ip = parseStrict(host);
    if (ip) ranges.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
    else hosts.add(host);
  }
  return {
    empty: hosts.size === 0 && ranges.length === 0,
    allowsHost(hostname) {
      const host = hostname.toLowerCase().replace(/\.$/, '');
      return hosts.has(host);
    },
    allowsAddress(address) {
      if (ranges.length === 0) return false;
      const parsed = parseStrict(address);
      if (!parsed) return false;
      // An IPv4-mapped IPv6 address is matched as the IPv4 address the socket really reaches.
      const ip =
        parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
          ? (parsed as ipaddr.IPv6).toIPv4Address()
          : parsed;
      return ranges.some(([base, bits]) => base.kind() === ip.kind() && ip.match(base, bits));
    },
  };
}
