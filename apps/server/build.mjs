// Bundles the server and CLI into dist/ with esbuild. Workspace packages (TypeScript sources) are
// bundled in; npm dependencies stay external and load from node_modules at run time.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { dependencies = {} } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(dependencies).filter((name) => !name.startsWith('@tauceti/'));

await build({
  // extract-worker is a worker_threads entry: the extraction pool loads it from beside the bundle.
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts', 'extract-worker': 'src/web/extract/extract-worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  external,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
