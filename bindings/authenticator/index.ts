/**
 * @module authenticator — the devnet authenticator: a wallet-holding app that answers authRequests (/auth
 * routes, consent page), publishes profiles and app grants. Above `auth` (the protocol) and `wallet`.
 */
export { approveSignIn, publishProfile, revokeApp, profileUrlOf, type AuthenticatorContext, type SignInResult } from './sign-in.ts';
export { authRoutes, type AuthRoutesOptions } from './routes.ts';
export { createAuthenticator, profileZoneFile, type Authenticator, type AuthenticatorOptions } from './authenticator.ts';
