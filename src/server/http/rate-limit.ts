/**
 * Per-address limits of the public routes, from PUBLIC_RATE_LIMIT (per minute; 0 lifts them, for
 * benchmarks): submissions at the limit, reads ten times more loosely.
 */
export function publicRateLimits(limit: number) {
  return {
    submitLimit: limit > 0 ? { rateLimit: { max: limit, timeWindow: "1 minute" } } : {},
    readLimit: limit > 0 ? { rateLimit: { max: limit * 10, timeWindow: "1 minute" } } : {},
  };
}
