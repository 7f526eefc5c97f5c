// The video providers this product knows, declared once. The config schema, the database types,
// the API schemas and the web app all derive from this list (zod-free, so browser bundles can
// import it). Adding a provider: docs/architecture.md, "Adding a provider".

export const PROVIDER_TYPES = ['p2p', 'livekit'] as const;
export type ProviderName = (typeof PROVIDER_TYPES)[number];

/** The provider that needs nothing installed, used when no other is enabled or one fails. */
export const LEGACY_PROVIDER: ProviderName = 'p2p';

/** Whether `value` names a known provider. */
export function isProviderName(value: unknown): value is ProviderName {
  return typeof value === 'string' && (PROVIDER_TYPES as readonly string[]).includes(value);
}
