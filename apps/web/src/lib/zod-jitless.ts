/**
 * Imported first by `main.ts`. zod probes whether it may compile validators with `new Function` as
 * schemas are built; our CSP forbids eval, so the probe alone would file a CSP violation on every
 * load and bury a real one. Set before any module builds a schema.
 */
import { z } from 'zod';

z.config({ jitless: true });
