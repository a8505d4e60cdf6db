/** @module auth — authRequest / authResponse, app keys, profiles, key discovery. The
 * authenticator app (wallet + /auth routes) sits above the wallet in `bindings/authenticator/`. */
export { AuthError, type AuthErrorCode } from './errors.ts';
export { signJWT, verifyJWT, decodeJWT, type DecodedToken } from './jwt.ts';
export { encryptECIES, decryptECIES, encryptPrivateKey, decryptPrivateKey, type CipherObject } from './ecies.ts';
export { publicKeyOf, btcAddressOf, stacksAddressOf, makeDID, addressFromDID, ownerMatchesKey } from './keys.ts';
export { hashCode, rootFromMnemonic, deriveIdentity, appIndexOf, appPrivateKeyOf, appOrigin, walletSaltOf, type Identity } from './app-keys.ts';
export { checkAuthRequest, verifyAuthRequest, decodeAuthRequest, makeAuthRequest, isSameOrigin, type AuthRequestPayload } from './auth-request.ts';
export { makeAuthResponse, openAuthResponse, makeAssociationToken, type AuthResponsePayload } from './auth-response.ts';
export {
  signProfileToken, wrapProfileToken, makeProfileJson, verifyProfileToken, profileFromTokenFile, withApp, withoutApp, emptyPerson,
  type Person, type WrappedToken,
} from './profile-token.ts';
export { getHubInfo, putToHub, revokeAllOnHub, bucketUrlOf, type HubInfo } from './hub-write.ts';
export { discoverAppKey, discoverProfile, clearDiscoveryCache, profileUrlFromZoneFile, type DiscoveredApp, type DiscoverOptions } from './discover.ts';
export { readSharedFile, encryptForUser, sealForUser, signECDSA, verifyECDSA } from './shared-files.ts';
