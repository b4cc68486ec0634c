// Worker entry used only when the server runs from TypeScript source (vitest, `tsx watch`); the
// bundle in dist/ uses extract-worker.js instead. Node 20's `--import tsx` does not register tsx
// inside worker threads (tsx skips non-main threads there), so register it here, then load the
// real entry.
import { register } from 'tsx/esm/api';

register();
await import('./extract-worker.ts');
