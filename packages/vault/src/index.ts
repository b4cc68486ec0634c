/**
 * @module
 * An Obsidian-aware index of a vault: scan → parse → chunk → embed (injected) → LanceDB, hybrid
 * search, NAS-safe sync. Pure stages; only `store/` touches LanceDB; nothing is written to the vault.
 */
export { createVaultIndex } from './sync/create-vault-index.ts';
export { openVaultSearch } from './sync/open-vault-search.ts';
export type { OpenVaultSearchOptions } from './sync/open-vault-search.ts';
export type {
  NoteRef,
  SearchOptions,
  SyncProgress,
  SyncReport,
  VaultEmbedder,
  VaultIndex,
  VaultIndexOptions,
  VaultLogger,
  VaultSearch,
} from './sync/vault-index-types.ts';
export { chunk, noteDocument, noteHeading, noteLink, searchHit, vaultStatus } from './types.ts';
export type { Chunk, Embedder, NoteDocument, NoteHeading, NoteLink, SearchHit, VaultStatus } from './types.ts';

export { scanVault } from './source/scan-vault.ts';
export type { ScannedFile, ScanOptions, ScanResult, SkippedEntry, SkipReason } from './source/scan-vault.ts';
export { readNote } from './source/read-note.ts';
export type { ReadNoteOptions } from './source/read-note.ts';
export { parseNote } from './source/parse-note.ts';
export type { ParsedNote, ParseNoteInput } from './source/parse-note.ts';
export { createLinkResolver, resolveNoteLinks } from './source/resolve-links.ts';
export type { LinkResolver } from './source/resolve-links.ts';
export { chunkNote } from './chunk/chunk-note.ts';
export type { ChunkOptions } from './chunk/chunk-note.ts';
export { headingAnchor } from './chunk/heading-anchor.ts';
export { obsidianUri } from './source/obsidian-uri.ts';
export { VaultIndexError, VaultUnavailableError } from './source/errors.ts';
export type { VaultIndexErrorCode, VaultIndexErrorOptions } from './source/errors.ts';
