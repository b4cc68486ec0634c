import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * File systems where inotify does not see changes made by other machines (or by the host of a VM
 * or container share): NFS, SMB/CIFS, SSHFS and other FUSE network mounts, 9p, virtiofs.
 */
const NETWORK_FILE_SYSTEMS = new Set([
  'nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'fuse.sshfs', 'sshfs', '9p', 'virtiofs', 'afs', 'ceph', 'glusterfs',
  'fuse.glusterfs', 'lustre', 'gpfs', 'beegfs', 'davfs', 'fuse.davfs2', 'fuse.rclone', 'fuse.s3fs', 'fuse.gcsfuse',
  'fuse.grpcfuse', 'fuse.vmhgfs-fuse', 'vboxsf', 'fuse.juicefs', 'fuse.mergerfs',
]);

/** `/proc/mounts` writes a space in a mount point as `\040` (and tab, newline, backslash likewise). */
const unescape = (field: string) => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));

/** The file system type of the mount holding `target`, from the text of `/proc/mounts`. */
export function mountTypeOf(target: string, mounts: string): string | null {
  let best: { point: string; type: string } | null = null;
  for (const line of mounts.split('\n')) {
    const [, point, type] = line.split(' ');
    if (!point || !type) continue;
    const mountPoint = unescape(point);
    const inside = target === mountPoint || target.startsWith(mountPoint.endsWith('/') ? mountPoint : `${mountPoint}/`);
    if (inside && (!best || mountPoint.length >= best.point.length)) best = { point: mountPoint, type };
  }
  return best?.type ?? null;
}

/**
 * `polling` when the vault is on a network file system, `native` otherwise (also when
 * `/proc/mounts` cannot be read: not Linux).
 */
export function detectWatchMode(root: string, readMounts: () => string = () => readFileSync('/proc/mounts', 'utf8')): 'native' | 'polling' {
  let mounts: string;
  try {
    mounts = readMounts();
  } catch {
    return 'native';
  }
  let target = path.resolve(root);
  try {
    target = realpathSync(target);
  } catch {
    // An offline vault: the configured path still tells which mount it belongs to.
  }
  const type = mountTypeOf(target, mounts);
  return type !== null && NETWORK_FILE_SYSTEMS.has(type) ? 'polling' : 'native';
}

/** The vault folder exists and lists something (an unmounted mount point is usually empty). */
export function looksMounted(root: string): boolean {
  try {
    return statSync(root).isDirectory() && readdirSync(root).length > 0;
  } catch {
    return false;
  }
}
