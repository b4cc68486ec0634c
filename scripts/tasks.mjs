#!/usr/bin/env node
// The README's commands on a machine that has only Node and npm: fetch the pinned pnpm if it is
// missing, install the workspace, build it, then start, test, bench or run the CLI.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const toolsDir = join(root, '.cache', 'tools');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  fail(`Tau Ceti needs Node.js >= 20.19; this is ${process.version}. Install a newer Node.js and try again.`);
}

const env = {
  ...process.env,
  // turbo phones home on every run unless told not to; this machine may be offline.
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  // better-sqlite3 compiles from source offline: point node-gyp at this Node's own headers.
  npm_config_nodedir: process.env.npm_config_nodedir ?? resolve(process.execPath, '..', '..'),
  PATH: [join(toolsDir, 'node_modules', '.bin'), join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
};

function fail(message) {
  console.error(`\n[tauceti] ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function hasPnpm() {
  const probe = spawnSync('pnpm', ['--version'], { cwd: root, env, encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.trim() === pnpmVersion;
}

function ensurePnpm() {
  if (hasPnpm()) return;
  console.log(`[tauceti] installing pnpm ${pnpmVersion} into .cache/tools (no global install needed)`);
  run('npm', ['install', '--prefix', toolsDir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `pnpm@${pnpmVersion}`]);
  if (!hasPnpm()) fail(`pnpm ${pnpmVersion} is still not runnable from ${toolsDir}; check the npm output above.`);
}

function install() {
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  run('pnpm', ['install', ...frozen]);
}

const turbo = (...args) => run('pnpm', ['exec', 'turbo', ...args]);
const build = () => turbo('run', 'build', '--output-logs=errors-only');

const [task, ...rest] = process.argv.slice(2);
ensurePnpm();
install();

switch (task) {
  case 'build':
    build();
    break;
  case 'start': {
    build();
    const server = spawn(process.execPath, [join(root, 'apps/server/dist/index.js')], { cwd: root, env, stdio: 'inherit' });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
    server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    break;
  }
  case 'test':
    turbo('run', 'typecheck', 'test', '--log-order=grouped', '--concurrency=1', ...rest);
    break;
  case 'bench':
    build();
    run('pnpm', ['--filter', '@tauceti/e2e-tests', 'run', 'bench', ...rest]);
    break;
  case 'tauceti':
    build();
    run(process.execPath, [join(root, 'apps/server/dist/cli.js'), ...rest]);
    break;
  case 'mock-ollama':
    // A scripted stand-in for Ollama (the one the tests use), to try the app on a machine without a GPU.
    run('pnpm', ['--filter', '@tauceti/mocks', 'run', 'serve-ollama', ...rest]);
    break;
  case 'turbo':
    turbo(...rest);
    break;
  default:
    fail(`unknown task "${task ?? ''}"; expected one of: start, test, bench, tauceti, build, mock-ollama`);
}
