import type { StatusResponse } from '@tauceti/contracts';

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

/** `tauceti status` for people. */
export function formatStatus(serverUrl: string, status: StatusResponse): string {
  const lines = [
    `Tau Ceti: running at ${serverUrl} (version ${status.version}, up ${status.uptimeSeconds} s)`,
    status.ollama.reachable
      ? `Ollama:   reachable at ${status.ollama.url}, version ${status.ollama.version}`
      : `Ollama:   NOT reachable at ${status.ollama.url}: ${status.ollama.error}`,
  ];
  if (status.ollama.loadedModels.length === 0) lines.push('Loaded:   no model in memory');
  for (const model of status.ollama.loadedModels) {
    lines.push(`Loaded:   ${model.name} (${gib(model.sizeBytes)}, ${gib(model.vramBytes)} in VRAM)`);
  }
  lines.push(`Storage:  ${status.storage.conversations} conversations in ${status.storage.dataDir}`);
  if (status.vault) {
    const { vault } = status;
    const state = vault.online ? `${vault.notes} notes, ${vault.embeddedChunks}/${vault.chunks} chunks embedded` : 'OFFLINE (the index is kept)';
    lines.push(`Notes:    ${vault.name}: ${state}, watching ${vault.watching}`);
  }
  return `${lines.join('\n')}\n`;
}
