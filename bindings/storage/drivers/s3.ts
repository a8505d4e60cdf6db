/**
 * @module storage/drivers/s3 — S3-compatible object storage via @aws-sdk/client-s3. Object key =
 * `<address>/<path>`; the ETag is the provider's (quoted, as S3 returns it) and is served unchanged on reads,
 * so clients echo exactly what they were given (spec §10). Page tokens are the last name of the previous
 * page (ListObjects v1 `Marker`): portable across S3-compatible servers (s3rver's v2 continuation tokens use
 * DES, which Node ≥ 17's OpenSSL refuses).
 */
import {
  S3Client, PutObjectCommand, GetObjectCommand, HeadObjectCommand, DeleteObjectCommand, CopyObjectCommand,
  ListObjectsCommand, type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { checkPath, type Driver, type ListEntry, type ListResult, type ReadResult, type StatResult } from './driver.ts';

export interface S3DriverOptions {
  bucket: string;
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle?: boolean;
  client?: S3Client;
}

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NoSuchKey' || err?.name === 'NotFound' || err?.$metadata?.httpStatusCode === 404;
}

export class S3Driver implements Driver {
  readonly name = 's3';
  readonly bucket: string;
  readonly client: S3Client;

  constructor(opts: S3DriverOptions) {
    this.bucket = opts.bucket;
    const cfg: S3ClientConfig = {
      region: opts.region ?? 'us-east-1',
      endpoint: opts.endpoint,
      forcePathStyle: opts.forcePathStyle ?? !!opts.endpoint,
      credentials: opts.credentials,
      // Checksum trailers (aws-chunked uploads) only when an operation needs them: S3-compatible servers
      // (s3rver, older MinIO, Ceph) reject the default streaming-trailer form.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    this.client = opts.client ?? new S3Client(cfg);
  }

  private key(bucket: string, path: string): string {
    checkPath(bucket, path);
    return `${bucket}/${path}`;
  }

  async performWrite({ bucket, path, contentType, body }: { bucket: string; path: string; contentType: string; body: Uint8Array }) {
    const out = await this.client.send(new PutObjectCommand({
      Bucket: this.bucket, Key: this.key(bucket, path), Body: body, ContentType: contentType, CacheControl: 'no-cache',
    }));
    return { etag: out.ETag ?? '' };
  }

  async performRead({ bucket, path }: { bucket: string; path: string }): Promise<ReadResult | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(bucket, path) }));
      const body = await out.Body!.transformToByteArray();
      return {
        body, contentType: out.ContentType ?? 'application/octet-stream', etag: out.ETag ?? '',
        lastModifiedDate: Math.floor((out.LastModified?.getTime() ?? Date.now()) / 1000),
      };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async performStat({ bucket, path }: { bucket: string; path: string }): Promise<StatResult> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(bucket, path) }));
      return {
        exists: true, etag: out.ETag ?? '', contentLength: out.ContentLength ?? 0,
        contentType: out.ContentType ?? 'application/octet-stream',
        lastModifiedDate: Math.floor((out.LastModified?.getTime() ?? 0) / 1000),
      };
    } catch (e) {
      if (isNotFound(e)) return { exists: false };
      throw e;
    }
  }

  async performDelete({ bucket, path }: { bucket: string; path: string }): Promise<boolean> {
    const st = await this.performStat({ bucket, path });
    if (!st.exists) return false;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(bucket, path) }));
    return true;
  }

  async performRename({ bucket, path, newPath }: { bucket: string; path: string; newPath: string }): Promise<void> {
    const from = this.key(bucket, path);
    await this.client.send(new CopyObjectCommand({
      Bucket: this.bucket, Key: this.key(bucket, newPath), CopySource: `${this.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
    }));
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: from }));
  }

  async listFiles({ bucket, page, pageSize, stat }: { bucket: string; page: string | null; pageSize: number; stat: boolean }): Promise<ListResult> {
    const prefix = `${bucket}/`;
    const out = await this.client.send(new ListObjectsCommand({
      Bucket: this.bucket, Prefix: prefix, MaxKeys: pageSize, Marker: page ? prefix + page : undefined,
    }));
    const entries: ListEntry[] = [];
    for (const o of out.Contents ?? []) {
      const name = (o.Key ?? '').slice(prefix.length);
      if (!name) continue;
      if (!stat) {
        entries.push(name);
        continue;
      }
      const s = await this.performStat({ bucket, path: name });
      if (s.exists) entries.push({ name, exists: true, etag: s.etag!, contentLength: s.contentLength!, contentType: s.contentType!, lastModifiedDate: s.lastModifiedDate! });
    }
    const last = out.Contents?.[out.Contents.length - 1]?.Key;
    return { entries, page: out.IsTruncated && last ? last.slice(prefix.length) : null };
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
