import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface WatchVaultOptions {
  root: string;
  /** `polling` stats every file each `intervalMs` (network mounts); `native` uses inotify and the like. */
  mode: 'native' | 'polling';
  intervalMs: number;
  /** A note (or a folder) changed, appeared or went away: its vault-relative path. */
  onChange: (notePath: string) => void;
  onError: (error: unknown) => void;
  /** The initial walk is done: from now on changes are reported. */
  onReady: () => void;
}

export interface VaultWatcher {
  close(): Promise<void>;
}

/**
 * Dot-folders (`.obsidian`, `.trash`, `.git`) and non-Markdown files are not watched: a vault
 * holds thousands of attachments, and Obsidian rewrites `.obsidian/workspace.json` constantly.
 */
function isIgnored(root: string) {
  return (absolute: string, stats?: { isFile(): boolean }): boolean => {
    const relative = path.relative(root, absolute);
    if (relative === '') return false;
    if (relative.split(path.sep).some((segment) => segment.startsWith('.'))) return true;
    return stats?.isFile() === true && !relative.toLowerCase().endsWith('.md');
  };
}

/**
 * Watches the vault with chokidar 4 and reports each change's path; what it means is left to the
 * sync (a debounced pass compares the scan with the manifest, so a missed or doubled event costs
 * nothing but a pass).
 */
export function watchVault(options: WatchVaultOptions): VaultWatcher {
  const root = path.resolve(options.root);
  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    persistent: true,
    usePolling: options.mode === 'polling',
    interval: options.intervalMs,
    binaryInterval: options.intervalMs,
    ignored: isIgnored(root),
    // Permission errors on one folder must not stop the watcher for the rest of the vault.
    ignorePermissionErrors: true,
  });
  watcher.on('all', (_event, changed) => {
    const relative = path.relative(root, changed).split(path.sep).join('/');
    options.onChange(relative === '' ? '.' : relative);
  });
  watcher.on('error', (error) => options.onError(error));
  watcher.on('ready', () => options.onReady());
  return { close: () => watcher.close() };
}
