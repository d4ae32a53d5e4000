import type { FastifyRequest } from 'fastify';
import ipaddr from 'ipaddr.js';
import type { ClientContext } from '../core/credential-guard.js';

/**
 * Where a request comes from, for the sign-in throttle. An IPv6 client usually holds a whole
 * /64, so the network counts as one address.
 */
export function clientContext(request: FastifyRequest): ClientContext {
  let address = request.ip;
  try {
    const parsed = ipaddr.process(request.ip);
    address =
      parsed.kind() === 'ipv6'
        ? `${(parsed as ipaddr.IPv6).parts
            .slice(0, 4)
            .map((p) => p.toString(16))
            .join(':')}::/64`
        : parsed.toString();
  } catch {
    // Not an address (an injected request in tests): counted under whatever it is.
  }
  const userAgent = request.headers['user-agent'];
  return { address, userAgent: typeof userAgent === 'string' ? userAgent : undefined };
}
