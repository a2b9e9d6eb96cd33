#!/usr/bin/env node
// @ts-check
// A diagnostic, not part of `npm run bench`: where the packages spend time per call, without the network.
//
//   node bench/profile.mjs            (also: npx bun bench/profile.mjs; npx deno run -A bench/profile.mjs)
//
// 1. sign() and verify(): each step of the package's own code (bundled from packages/signature/src with esbuild,
//    so that internal functions can be timed one by one), beside the crypto.subtle call they wrap.
// 2. syncOrder() against a baseline with the network taken out: the global fetch is replaced by one that returns
//    a canned, correctly signed answer at once. Both sides still sign the request and verify the answer, so the
//    difference between them is the client's own per-call overhead; then that overhead is split into its parts
//    (validation, the per-attempt timeout and the signal it gives fetch, and, for createApiClient, openapi-fetch's
//    Request round trip and the verified Response it builds). The canned fetch never looks at the signal; what a real
//    fetch does with one is measured apart ("new Request(url, init) with a signal": Node's fetch builds that Request).
// 3. RSA_AES: encryptBody / decryptBody and their RSA steps (pure-JS BigInt RSA, since WebCrypto has no
//    RSAES-PKCS1-v1_5), beside one crypto.subtle.sign.
// 4. validateOrder timed between real HTTP calls to the sandbox (bench/server.mjs, started on 127.0.0.1 and stopped),
//    where its code runs cold, beside the same order validated again at once.
//
// Numbers are microseconds per call: medians of bounded loops after a warm-up, one call at a time; the pairs that
// are compared are called alternately, call by call.
// The sections live in bench/profile/ (setup.mjs: the bundle, keys and timing helpers); each runs after the last
// has finished, so that no two time at once.
import { profileBetweenCalls } from "./profile/between-calls.mjs";
import { profileSignVerify } from "./profile/crypto.mjs";
import { profileRsaAes } from "./profile/rsa-aes.mjs";
import { rows } from "./profile/setup.mjs";
import { profileSyncOrder } from "./profile/sync-order.mjs";

await profileSignVerify();
await profileSyncOrder();
await profileRsaAes();
await profileBetweenCalls();

const runtime = globalThis.Deno
  ? `Deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `Bun ${globalThis.Bun.version}`
    : `Node ${process.versions.node}`;
console.log(`\nalipayhk profile on ${runtime}: µs per call, one call at a time\n`);
for (const [section, what, value, note] of rows)
  console.log(`${section.padEnd(10)} ${what.padEnd(66)} ${value.toFixed(2).padStart(10)}  ${note}`);
