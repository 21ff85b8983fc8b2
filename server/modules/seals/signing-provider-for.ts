import type { AppConfig } from '../../config.ts';
import { remoteSigningProvider } from './remote-signing-provider.ts';
import { builtInSigningProvider, type SigningProvider } from './signing-provider.ts';

/** Backoff before the first retry; the second waits four times as long. */
const BACKOFF_MS = 250;

/** The provider the configuration names (HUKOU_SIGNING_PROVIDER). */
export function signingProviderFor(config: AppConfig): SigningProvider {
  const service = config.sealService;
  if (!service) return builtInSigningProvider;
  return remoteSigningProvider({
    url: service.url,
    token: service.token?.reveal() ?? null,
    timeoutMs: service.timeoutMs,
    retries: service.retries,
    backoffMs: BACKOFF_MS,
  });
}
