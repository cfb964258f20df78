/**
 * Test and benchmark helpers of the development PKI (not for production code): its network
 * services on loopback ports and SoftHSM2 tokens in temporary folders.
 */
export { freePort, startFileServer, startOcspResponder, startTimestampAuthority } from './lib/services';
export type { FileServer, OcspResponder, TimestampAuthority } from './lib/services';
export { createSoftHsmToken, softHsmModule } from './lib/softhsm';
export type { SoftHsmToken, TokenKey } from './lib/softhsm';
