/** Shared helpers for the storage tests: vector loading, temp dirs, token making. */
import { readFileSync, mkdtempSync } from 'node:fs';
import { AppConfig, UserSession } from '@stacks/auth';
import { Storage } from '@stacks/storage';
import { config as stacksConfig } from '@stacks/common';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signJwt } from '../../bindings/storage/crypto/jwt.ts';
import { publicKeyFromPrivate, bytesToHex, randomBytes } from '../../bindings/storage/crypto/keys.ts';
import { sharedJson } from '../helpers/shared.ts';

export function vectors(name: string): any {
  return sharedJson(`vectors/storage/${name}`);
}

export function tempDir(prefix = 'gaia-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export const APP_KEY = '9c448616d18ab3fe41a8a0dd34fcd536e1bd7b42b98c8de972db8d41677591ff';
export const APP_ADDRESS = '1CB6t2DwTUwKcMFqThb1i22JkKE7FonAKU';
export const OTHER_KEY = 'd15601966cbd6b81321eefb53dc5c87ebacc90e90bf59109a70b2f3fdb985388';

export function challenge(serverName: string, year = '0'): string {
  return JSON.stringify(['gaiahub', year, serverName, 'blockstack_storage_please_sign']);
}

/** A v1 Authorization header; `claims` are merged after the standard ones (undefined removes). */
export function v1Header(key: string, serverName: string, claims: Record<string, unknown> = {}, signWith = key): string {
  const payload: Record<string, unknown> = {
    gaiaChallenge: challenge(serverName), hubUrl: `https://${serverName}`, iss: publicKeyFromPrivate(key),
    salt: bytesToHex(randomBytes(16)), ...claims,
  };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  return `bearer v1:${signJwt(payload, signWith)}`;
}

/** Unmodified @stacks/storage with a UserSession built as the stacks.js tests do. */
stacksConfig.logLevel = 'error';

export function stacksStorage(hubUrl: string, appPrivateKey = APP_KEY): Storage {
  const appConfig = new AppConfig(['store_write'], 'http://localhost:3000');
  const userSession = new UserSession({ appConfig });
  userSession.store.getSessionData().userData = { appPrivateKey, hubUrl } as never;
  return new Storage({ userSession });
}

