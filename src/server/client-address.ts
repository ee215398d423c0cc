import { getIPFromHeader } from '@better-auth/core/utils/ip';

/** Whom the server believes about a request's client address. */
export interface ClientAddressPolicy {
  /** Reverse proxies (IPs or CIDR ranges); empty believes only the socket's peer. */
  trustedProxies: readonly string[];
  /** A single-address header the trusted proxy sets; null uses x-forwarded-for. */
  clientIpHeader: string | null;
}

export const directPeers: ClientAddressPolicy = { trustedProxies: [], clientIpHeader: null };

/** BetterAuth's `advanced.ipAddress` for the policy: the headers `forwardedHeaders` leaves behind. */
export function ipAddressOption(policy: ClientAddressPolicy) {
  return {
    ipAddressHeaders: policy.clientIpHeader ? [policy.clientIpHeader, 'x-forwarded-for'] : ['x-forwarded-for'],
    ...(policy.trustedProxies.length > 0 ? { trustedProxies: [...policy.trustedProxies] } : {}),
  };
}

/** True when the peer is one of the trusted proxies: BetterAuth skips trusted hops and finds no client. */
function isTrustedProxy(peer: string, policy: ClientAddressPolicy): boolean {
  return policy.trustedProxies.length > 0 && getIPFromHeader(peer, { trustedProxies: [...policy.trustedProxies] }) === null;
}

/**
 * The address headers BetterAuth's rate limiter and session records read, rebuilt from what the
 * socket proves. Without trusted proxies a client-sent `x-forwarded-for` is replaced by the peer,
 * so nobody chooses their own rate-limit key. With them, the peer is appended to the chain, as a
 * proxy would, and BetterAuth walks it right to left past the trusted hops
 * (better-auth `advanced.ipAddress.trustedProxies`). The client-address header survives only
 * when a trusted proxy sent the request.
 */
export function forwardedHeaders(
  received: { forwardedFor: string | null; clientIp: string | null },
  peer: string,
  policy: ClientAddressPolicy,
): Record<string, string> {
  const headers: Record<string, string> = {};
  headers['x-forwarded-for'] = policy.trustedProxies.length > 0 && received.forwardedFor ? `${received.forwardedFor}, ${peer}` : peer;
  if (policy.clientIpHeader && received.clientIp && isTrustedProxy(peer, policy)) headers[policy.clientIpHeader] = received.clientIp;
  return headers;
}
