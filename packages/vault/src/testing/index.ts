/**
 * @module
 * Test helpers of `@tauceti/vault`: a deterministic in-process embedder and the fixture vault.
 */
export { hashEmbedder, hashVector, recordingEmbedder } from './hash-embedder.ts';
export type { RecordingEmbedder } from './hash-embedder.ts';
export { copyFixtureVault, FIXTURE_VAULT, makeTempDir } from './fixture-vault.ts';
export type { FixtureCopy } from './fixture-vault.ts';
export { waitFor } from './wait-for.ts';
export type { WaitForOptions } from './wait-for.ts';
