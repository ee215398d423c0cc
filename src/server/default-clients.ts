import type { DesktopClient } from '@latchkey/desktop-handoff';
import { handoff } from '../contract/handoff';
import { product } from '../contract/product';

/** The reference server's custom schemes: production and development builds. */
export const defaultSchemes = [product.scheme, product.developmentScheme] as const;

/** `latchkey-desktop` with both schemes and loopback on any port. */
export function defaultClients(schemes: readonly string[] = defaultSchemes): DesktopClient[] {
  return [
    {
      clientId: handoff.defaultClientId,
      name: product.productName,
      redirectUris: [...schemes.map((scheme) => `${scheme}:${handoff.callbackPath}`), `http://127.0.0.1${handoff.callbackPath}`],
    },
  ];
}
