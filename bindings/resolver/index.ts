/** @module resolver — resolve a BNS name to verified data (Node, Deno, browsers). */
export { resolve, type ResolveOptions, type Resolved, type SeenStore } from './resolve.ts';
export { ResolverError, type ResolverCode } from './errors.ts';
export { profileUrlOf, serviceUrlsOf, fetchableProfileUrls, type ServiceUrl } from './urls.ts';
export { verifyProfileToken, decodeProfileToken, type ProfileTokenPayload } from './token.ts';
