import { promises as dns, type LookupAddress } from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector, fetch as undiciFetch, type Dispatcher } from 'undici';
import type { FetchLike } from './connectwise-http';

/**
 * The SSRF guard of the ConnectWise client (docs/request-hardening.md): the address a socket connects to is checked
 * when it connects, by the lookup the connection itself uses, not by an earlier lookup a DNS answer could change
 * (rebinding). Only public unicast addresses pass; the allowLoopback switch (development and tests, where the
 * simulator listens on 127.0.0.1) adds loopback and nothing else.
 */

export type HostLookup = (host: string) => Promise<string[]>;

export const systemLookup: HostLookup = async (host) =>
  (await dns.lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** A destination Mobius does not connect to. Its code lets connectwise-http.ts classify it. */
export class BlockedDestinationError extends Error {
  readonly code = 'ERR_BLOCKED_DESTINATION';

  constructor(host: string) {
    super(`refused to connect to ${host}: not a public address`);
    this.name = 'BlockedDestinationError';
  }
}

/**
 * Public unicast only: refuses loopback, private (RFC 1918), CGNAT, link-local, unique-local, multicast, broadcast,
 * documentation, benchmarking and reserved ranges, IPv4-mapped and IPv4-translated IPv6, 6to4 (2002::/16) and
 * Teredo (2001::/32), whose IPv6 addresses tunnel to arbitrary IPv4 ones. ipaddr.js names every special range.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  if (net.isIP(bare.split('%')[0] ?? '') === 0) return false;
  try {
    return ipaddr.parse(bare).range() === 'unicast';
  } catch {
    return false;
  }
}

export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  if (net.isIP(bare) === 0) return false;
  return ipaddr.parse(bare).range() === 'loopback';
}

export interface DestinationPolicy {
  /** Development and tests only (CONNECTWISE_ALLOW_HTTP): loopback addresses pass too. */
  allowLoopback: boolean;
}

export function isAllowedDestination(address: string, policy: DestinationPolicy): boolean {
  return isPublicAddress(address) || (policy.allowLoopback && isLoopbackAddress(address));
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net.connect / tls.connect: resolves with `resolve` and refuses the whole name when any of its
 * addresses is not allowed (a name that mixes public and private addresses is not a ConnectWise site).
 */
export function guardedLookup(resolve: HostLookup, policy: DestinationPolicy) {
  return (hostname: string, options: unknown, maybeCallback?: LookupCallback): void => {
    const callback = (typeof options === 'function' ? options : maybeCallback) as LookupCallback;
    const opts = (typeof options === 'object' && options !== null ? options : {}) as { all?: boolean; family?: number };
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) {
          callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
          return;
        }
        if (addresses.some((address) => !isAllowedDestination(address, policy))) {
          callback(new BlockedDestinationError(hostname), []);
          return;
        }
        const entries = addresses
          .map((address) => ({ address, family: net.isIP(address) }))
          .filter((entry) => !opts.family || entry.family === opts.family);
        const first = entries[0];
        if (!first) {
          callback(Object.assign(new Error(`no address of that family for ${hostname}`), { code: 'ENOTFOUND' }), []);
          return;
        }
        if (opts.all) callback(null, entries);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}

export interface GuardedAgentOptions extends DestinationPolicy {
  lookup?: HostLookup;
  /** Upper bound of the TCP (and TLS) connect; each exchange has its own, shorter deadline too. */
  connectTimeoutMs?: number;
}

/**
 * An undici Agent whose every connection goes through the guard: names through guardedLookup, IP literals (which
 * net.connect never looks up) checked directly, and the socket's remote address checked once connected.
 */
export function createGuardedAgent(options: GuardedAgentOptions): Agent {
  const policy: DestinationPolicy = { allowLoopback: options.allowLoopback };
  const base = buildConnector({
    lookup: guardedLookup(options.lookup ?? systemLookup, policy),
    timeout: options.connectTimeoutMs ?? 30_000,
  });
  const connect: buildConnector.connector = (target, callback) => {
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host) !== 0 && !isAllowedDestination(host, policy)) {
      callback(new BlockedDestinationError(host), null);
      return;
    }
    base(target, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('no socket'), null);
        return;
      }
      const remote = socket.remoteAddress;
      if (remote === undefined || !isAllowedDestination(remote, policy)) {
        socket.destroy();
        callback(new BlockedDestinationError(host), null);
        return;
      }
      callback(null, socket);
    });
  };
  return new Agent({ connect, headersTimeout: 60_000, bodyTimeout: 60_000 });
}

const sharedAgents = new Map<boolean, Agent>();

/** The process's guarded agent for this policy (kept, so connections are reused across clients). */
export function guardedAgent(policy: DestinationPolicy): Agent {
  let agent = sharedAgents.get(policy.allowLoopback);
  if (!agent) {
    agent = createGuardedAgent(policy);
    sharedAgents.set(policy.allowLoopback, agent);
  }
  return agent;
}

/** fetch through a guarded agent (undici's own fetch, so the dispatcher is the one it was built for). */
export function guardedFetch(dispatcher: Dispatcher): FetchLike {
  return (input, init) => undiciFetch(input, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher });
}
