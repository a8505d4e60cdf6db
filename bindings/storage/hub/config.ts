/**
 * @module storage/hub/config — hub configuration with Gaia's defaults and GAIA_* environment overrides
 * (spec §3). The driver is an object (disk or S3), not a name, so tests can hand in their own.
 */
import type { Driver } from '../drivers/driver.ts';

export interface HubConfig {
  serverName: string;
  maxFileUploadSize: number; // megabytes
  pageSize: number;
  requireCorrectHubUrl: boolean;
  validHubUrls?: string[];
  whitelist?: string[] | null;
  /** Read URL prefix ending in `/`; default: `<hub url>/read/` once the hub listens. */
  readURL?: string;
  cacheControl: string;
  authTimestampCacheSize: number;
  driver: Driver;
  /** Clock in seconds since epoch (tests freeze it). */
  now?: () => number;
  /** Receives every error answered with 500 (the body only says "Server Error"). */
  onServerError?: (e: unknown) => void;
}

export type HubConfigInput = Partial<Omit<HubConfig, 'driver'>> & { driver: Driver };

export const HUB_DEFAULTS = {
  serverName: 'gaia-0',
  maxFileUploadSize: 20,
  pageSize: 100,
  requireCorrectHubUrl: false,
  cacheControl: 'no-cache',
  authTimestampCacheSize: 50000,
} as const;

function list(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  if (t.startsWith('[')) return JSON.parse(t) as string[];
  return t.split(',').map((s) => s.trim()).filter(Boolean);
}

/** GAIA_* overrides (only the keys that are set). */
export function configFromEnv(env: Record<string, string | undefined>): Partial<HubConfig> {
  const out: Partial<HubConfig> = {};
  if (env.GAIA_SERVER_NAME) out.serverName = env.GAIA_SERVER_NAME;
  if (env.GAIA_WHITELIST) out.whitelist = list(env.GAIA_WHITELIST);
  if (env.GAIA_READ_URL) out.readURL = env.GAIA_READ_URL;
  if (env.GAIA_VALID_HUB_URLS) out.validHubUrls = list(env.GAIA_VALID_HUB_URLS);
  if (env.GAIA_REQUIRE_CORRECT_HUB_URL) out.requireCorrectHubUrl = /^(1|true|yes)$/i.test(env.GAIA_REQUIRE_CORRECT_HUB_URL);
  if (env.GAIA_PAGE_SIZE) out.pageSize = Number.parseInt(env.GAIA_PAGE_SIZE, 10);
  if (env.GAIA_MAX_FILE_UPLOAD_SIZE) out.maxFileUploadSize = Number(env.GAIA_MAX_FILE_UPLOAD_SIZE);
  return out;
}

export function resolveConfig(input: HubConfigInput): HubConfig {
  const cfg: HubConfig = { ...HUB_DEFAULTS, ...input };
  if (cfg.readURL && !cfg.readURL.endsWith('/')) cfg.readURL += '/';
  if (!(cfg.pageSize > 0)) throw new RangeError('pageSize must be > 0');
  return cfg;
}
