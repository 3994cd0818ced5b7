import { z } from 'zod';

/** The switches that make the simulator misbehave (docs/product.md §10), settable in code or over /__control/faults. */

export interface ConnectWiseFaults {
  /** Every API request answers 429. */
  throttle: boolean;
  /** The next N API requests answer 429. */
  throttleNext: number;
  /** Retry-After (seconds) of forced throttling. */
  retryAfterSeconds: number;
  /** Per API member, over a rolling minute (ConnectWise: ~1000/min). */
  requestsPerMinute: number;
  /** Delay before every answer, companyinfo included. */
  slowMs: number;
  /** Never answer anything (companyinfo included): the connection stays open until the client gives up. */
  hang: boolean;
  /** The next N API requests answer failStatus. */
  failNext5xx: number;
  failStatus: number;
  /** Every API key is refused with 401, as if the API members' keys were deleted. */
  revokeKeys: boolean;
}

export const DEFAULT_FAULTS: Readonly<ConnectWiseFaults> = Object.freeze({
  throttle: false,
  throttleNext: 0,
  retryAfterSeconds: 30,
  requestsPerMinute: 1000,
  slowMs: 0,
  hang: false,
  failNext5xx: 0,
  failStatus: 500,
  revokeKeys: false,
});

export const faultsSchema = z
  .object({
    throttle: z.boolean(),
    throttleNext: z.number().int().min(0).max(10_000),
    retryAfterSeconds: z.number().int().min(0).max(3600),
    requestsPerMinute: z.number().int().min(1).max(1_000_000),
    slowMs: z.number().int().min(0).max(120_000),
    hang: z.boolean(),
    failNext5xx: z.number().int().min(0).max(10_000),
    failStatus: z.number().int().min(500).max(599),
    revokeKeys: z.boolean(),
  })
  .partial()
  .strict();
