/**
 * Test helpers for packages that use the plan model (`@cap/plan-model/testing`):
 * - createPeers({peers, seed}): in-process replicas with seeded random delivery, duplication, offline
 *   peers, and compare() asserting convergence;
 * - checkPlanInvariants(doc): SPEC rules that must hold on any replica;
 * - Prng / mulberry32: seeded randomness.
 */
export { PeerNetwork, REMOTE_ORIGIN, createPeers, type PeerNetworkOptions, type TestPeer } from './peers.ts';
export { checkPlanInvariants } from './invariants.ts';
export { Prng, mulberry32 } from './prng.ts';
export { firstDifference, stableStringify } from './stable.ts';
export { setRuntime, type Runtime } from '../runtime.ts';
