/*
 * test/embed/embed.c — core.wasm from C, written from core-as/ABI.md only.
 *
 * build/core.nosimd.wasm is translated by wasm2c (`wasm2c core.nosimd.wasm -n core -o core.c`) and compiled
 * with the wasm2c runtime (wasm-rt-impl.c):
 *   gcc -O2 -I. -I/usr/share/wabt/wasm2c embed.c core.c /usr/share/wabt/wasm2c/wasm-rt-impl.c -lm -o embed
 * It reads commands on stdin, one per line, and prints one result line each (hex in the core's byte order):
 *   hash <algo> <msg hex | ->        -> <digest hex>          (ABI.md §Hashing; "-" = empty message)
 *   block <path>                     -> txcount, flags, block hash, merkle root, then "txid <hex>" per tx
 *   merkle <path>                    -> merkleRoot() over parseBlock's txids: "<rc> <root hex>"
 *   verify <digest> <sig> <key> <f>  -> "1" / "0" (secpVerify)
 * Any negative return prints "error <code> at <errorOffset>".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"

/* the module's one import (ABI.md §Loading): a trap in the release build means a bug — fatal */
struct Z_env_instance_t { int unused; };
void Z_envZ_abort(struct Z_env_instance_t* env, u32 msg, u32 file, u32 line, u32 col) {
  (void)env; (void)msg; (void)file;
  fprintf(stderr, "core.wasm abort at %u:%u\n", line, col);
  exit(70);
}

static Z_core_instance_t core;
static struct Z_env_instance_t env;

static u8* mem(void) { return Z_coreZ_memory(&core)->data; } /* re-read after every call: memory may grow */

/* ABI.md §Memory contract: reserve, copy in (pointer returned by inputReserve), call, read the output arena */
static u32 put(const u8* in, u32 n) {
  u32 p = Z_coreZ_inputReserve(&core, n);
  if (n) memcpy(mem() + p, in, n);
  return p;
}
static const u8* out(void) { return mem() + Z_coreZ_outputPtr(&core); }
static u32 rd32(const u8* p) { return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24; }

static void hexprint(const u8* p, u32 n) { for (u32 i = 0; i < n; i++) printf("%02x", p[i]); }
static int unhex(const char* s, u8* dst, size_t cap, u32* n) {
  size_t l = strlen(s);
  if (l == 1 && s[0] == '-') { *n = 0; return 0; }
  if (l % 2 || l / 2 > cap) return -1;
  for (size_t i = 0; i < l / 2; i++) { unsigned v; if (sscanf(s + 2 * i, "%2x", &v) != 1) return -1; dst[i] = (u8)v; }
  *n = (u32)(l / 2);
  return 0;
}
static int fail(s32 rc) { printf("error %d at %d\n", rc, (s32)Z_coreZ_errorOffset(&core)); return 0; }

static u8* readfile(const char* path, u32* n) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END); long l = ftell(f); fseek(f, 0, SEEK_SET);
  u8* b = malloc(l ? (size_t)l : 1);
  if (fread(b, 1, (size_t)l, f) != (size_t)l) { fclose(f); free(b); return NULL; }
  fclose(f);
  *n = (u32)l;
  return b;
}

/* parseBlock (ABI.md §Bitcoin): 160-byte summary, txids at txidsOff */
static u8* parse(const char* path, u32* count, int print) {
  u32 n;
  u8* blk = readfile(path, &n);
  if (!blk) { printf("error cannot read %s\n", path); return NULL; }
  put(blk, n);
  free(blk);
  s32 rc = (s32)Z_coreZ_parseBlock(&core, n);
  if (rc < 0) { fail(rc); return NULL; }
  const u8* o = out();
  u32 txc = rd32(o), flags = rd32(o + 4), txidsOff = rd32(o + 120);
  u8* txids = malloc((size_t)txc * 32);
  memcpy(txids, o + txidsOff, (size_t)txc * 32); /* copy out: the next call overwrites the arena */
  if (print) {
    printf("txcount %u flags %u hash ", txc, flags); hexprint(o + 8, 32);
    printf(" merkle "); hexprint(o + 40, 32); printf("\n");
    for (u32 i = 0; i < txc; i++) { printf("txid "); hexprint(txids + 32 * i, 32); printf("\n"); }
  }
  *count = txc;
  return txids;
}

int main(void) {
  static u8 a[1 << 16], b[1 << 10], c[1 << 10];
  static char line[1 << 18];
  wasm_rt_init();
  Z_core_init_module();
  Z_core_instantiate(&core, &env);
  Z_coreZ__initialize(&core);
  if (Z_coreZ_abiVersion(&core) != 1) { fprintf(stderr, "abiVersion %u != 1\n", Z_coreZ_abiVersion(&core)); return 1; }
  while (fgets(line, sizeof line, stdin)) {
    char* cmd = strtok(line, " \n");
    if (!cmd) continue;
    if (!strcmp(cmd, "hash")) {
      int algo = atoi(strtok(NULL, " \n")); u32 n;
      if (unhex(strtok(NULL, " \n"), a, sizeof a, &n)) { printf("error bad hex\n"); continue; }
      put(a, n);
      s32 rc = (s32)Z_coreZ_hashOne(&core, (u32)algo, n);
      if (rc < 0) { fail(rc); continue; }
      hexprint(out(), (u32)rc); printf("\n");
    } else if (!strcmp(cmd, "block")) {
      u32 txc; u8* t = parse(strtok(NULL, " \n"), &txc, 1);
      free(t);
    } else if (!strcmp(cmd, "merkle")) {
      u32 txc; u8* t = parse(strtok(NULL, " \n"), &txc, 0);
      if (!t) continue;
      put(t, txc * 32);
      free(t);
      s32 rc = (s32)Z_coreZ_merkleRoot(&core, txc);
      if (rc < 0) { fail(rc); continue; }
      printf("%d ", rc); hexprint(out(), 32); printf("\n");
    } else if (!strcmp(cmd, "verify")) {
      u32 nd, ns, nk;
      if (unhex(strtok(NULL, " \n"), a, 32, &nd) || nd != 32 || unhex(strtok(NULL, " \n"), b, sizeof b, &ns) || unhex(strtok(NULL, " \n"), c, sizeof c, &nk)) { printf("error bad hex\n"); continue; }
      u32 flags = (u32)atoi(strtok(NULL, " \n"));
      memcpy(a + 32, b, ns); memcpy(a + 32 + ns, c, nk); /* digest ‖ sig ‖ key */
      put(a, 32 + ns + nk);
      s32 rc = (s32)Z_coreZ_secpVerify(&core, ns, nk, flags);
      if (rc < 0) { fail(rc); continue; }
      printf("%d\n", rc);
    } else {
      printf("error unknown command %s\n", cmd);
    }
    fflush(stdout);
  }
  Z_core_free(&core);
  wasm_rt_free();
  return 0;
}
