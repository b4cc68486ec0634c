/**
 * Build-time stand-in for `zod/v3` (see the alias in vite.config.ts). `@ai-sdk/provider-utils` imports
 * only the `ZodFirstPartyTypeKind` enum from it, to turn zod 3 schemas into JSON Schema: a path this
 * app never takes (every schema here is zod 4), yet bundling it costs all of zod 3 (~50 KB minified).
 * That enum maps each kind's name to itself, which this Proxy reproduces.
 */
export const ZodFirstPartyTypeKind: Record<string, string> = new Proxy({}, { get: (_target, key) => String(key) });
