/**
 * @module
 * `tauceti`: the command line of Tau Ceti (`npm run tauceti -- <command>` from the repository).
 */
import { statusResponse } from '@tauceti/contracts';
import { createOllamaClient } from '@tauceti/ollama';
import { EnvError, loadEnv } from './env.ts';
import { formatStatus } from './cli/format-status.ts';
import { vaultIndexCommand, vaultSearchCommand, vaultStatusCommand } from './cli/vault-commands.ts';
import { VERSION } from './version.ts';

const HELP = `tauceti ${VERSION}: a self-hosted chat for local Ollama models

Usage: npm run tauceti -- <command> [options]

Commands:
  status [--json]                       Is Tau Ceti running, is Ollama reachable, which models are loaded
  vault index                           Build or update the notes index of VAULT_PATH (also while the server runs)
  vault search "question" [--limit N] [--json]
                                        Search the notes; --json prints only [{ path, heading, score, snippet }]
  vault status [--json]                 What the notes index holds
  help                                  Show this help

Settings come from the environment (HOST, PORT, DATA_DIR, OLLAMA_URL, VAULT_PATH, ...); see README.md.`;

async function status(json: boolean): Promise<number> {
  const env = loadEnv();
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  const serverUrl = `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT}`;
  try {
    const response = await fetch(`${serverUrl}/api/status`, { signal: AbortSignal.timeout(5000) });
    const body = statusResponse.parse(await response.json());
    process.stdout.write(json ? `${JSON.stringify(body, null, 2)}\n` : formatStatus(serverUrl, body));
    return body.ollama?.reachable ? 0 : 1;
  } catch {
    // The server is down: still say what we can about Ollama, which is what people usually need.
    const ollama = createOllamaClient({ baseUrl: env.OLLAMA_URL });
    const version = await ollama.version({ signal: AbortSignal.timeout(3000) }).then(
      (value) => ({ ok: true as const, value }),
      (error: Error) => ({ ok: false as const, value: error.message }),
    );
    const report = { server: { url: serverUrl, running: false }, ollama: { url: env.OLLAMA_URL, reachable: version.ok, detail: version.value } };
    if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      process.stdout.write(`Tau Ceti: not running at ${serverUrl} (start it with npm start)\n`);
      process.stdout.write(`Ollama:   ${version.ok ? `reachable at ${env.OLLAMA_URL}, version ${version.value}` : version.value}\n`);
    }
    return 1;
  }
}

async function vault([subcommand, ...args]: string[]): Promise<number> {
  const env = loadEnv();
  switch (subcommand) {
    case 'index':
      return vaultIndexCommand(env);
    case 'search':
      return vaultSearchCommand(env, args);
    case 'status':
      return vaultStatusCommand(env, args.includes('--json'));
    default:
      process.stderr.write(`Unknown vault command "${subcommand ?? ''}": use vault index, vault search or vault status.\n`);
      return 2;
  }
}

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  switch (command) {
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${HELP}\n`);
      return 0;
    case 'status':
      return status(rest.includes('--json'));
    case 'vault':
      return vault(rest);
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${HELP}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof EnvError ? error.message : `tauceti: ${(error as Error).message}`}\n`);
    process.exit(1);
  },
);
