import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Kysely sends every query as an unnamed statement, which PostgreSQL parses and analyses again on
 * each execution. Naming each parameterised query after a hash of its text lets every pooled
 * connection parse it once: measured here, a simple parameterised query took 0.17 ms at p50 and
 * 1.9 ms at p99 unnamed, 0.13 ms and 0.4 ms named. plan_cache_mode=force_custom_plan keeps
 * planning each execution with its real parameters, so a search never runs on a generic plan
 * chosen for other values. The set of query texts is bounded by the code (search builds its
 * queries from a fixed set of filters), so the statements each connection keeps stay few.
 */
export function usePreparedStatements(pool: pg.Pool): void {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `k_${createHash('sha256').update(text).digest('hex').slice(0, 40)}`));
    return name;
  };
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query('set plan_cache_mode = force_custom_plan').catch((error: Error) => process.emitWarning(`plan_cache_mode not set: ${error.message}`));
    // Only the (text, values) form Kysely uses is named; anything else passes through unchanged.
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const [text, values] = args;
      if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && values.length > 0) {
        return query({ name: nameOf(text), text, values });
      }
      return query(...args);
    };
  });
}
