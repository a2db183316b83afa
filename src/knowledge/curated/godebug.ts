// Curated facts about every GODEBUG setting that the generated tables cannot give: meaning,
// categories, value domain, default as a value, and the versions where a setting exists
// (including point-release backports and the releases 1.18–1.25, for which no toolchain source
// is at hand). Citations: go-facts.md §1.2 (table, notes, retired, hidden), §1.3 (cpu.*),
// §1.4 (memprofilerate, pagetrace, http2xconnect), §1.5 (dbgvars), §2.1 (history per
// release), §2.2 (dbgvars per release); $GOROOT/doc/godebug.md of go1.26.8 for fips140ems.
// src/knowledge/knowledge.test.ts checks these entries against the generated tables of every
// toolchain at hand (existence, table membership), so a mistake here turns a test red.

import type { GodebugCategory, ValueDomain } from '../types.js';

export interface CuratedGodebug {
  name: string;
  package: string;
  categories: GodebugCategory[];
  meaning: string;
  /** First versions per release line where it exists; `1.18` also means "already before 1.18". */
  since: string[];
  /** First minor release without it. */
  removed?: string;
  /** In internal/godebugs.All (go.mod/`//go:debug` accept it) from max(1.21, since) unless `tableSince` says later. */
  inTable?: boolean;
  tableSince?: string;
  /** Also in runtime.dbgvars. */
  runtime?: boolean;
  /** Default of the newest version that has it, as a value. */
  defaultValue?: string;
  /** Defaults that differ by toolchain version, oldest first (`{ since: '1.24', value: '2' }`), for non-table changes. */
  defaults?: { since: string; value: string }[];
  domain: ValueDomain;
  readsEnvironmentOnly?: boolean;
  hidden?: boolean;
  platforms?: string[];
  /** Table columns for settings not in any generated table (retired before the oldest toolchain at hand). */
  changed?: { version: number; old: string };
  opaque?: boolean;
}

const bool: ValueDomain = { kind: 'bool' };
const int = (min?: number, unit?: string): ValueDomain => ({ kind: 'int', ...(min === undefined ? {} : { min }), ...(unit ? { unit } : {}) });

function tableEntries(xs: CuratedGodebug[]): CuratedGodebug[] {
  return xs.map((s) => ({ ...s, inTable: true }));
}

/** Runtime entries: package runtime, in dbgvars unless they are memprofilerate or pagetrace (parsed separately). */
function runtimeEntries(xs: (Omit<CuratedGodebug, 'package'> & { package?: string })[]): CuratedGodebug[] {
  return xs.map((s) => ({ package: 'runtime', runtime: s.name !== 'memprofilerate' && s.name !== 'pagetrace', ...s }));
}

// Standard-library and go-command settings (internal/godebugs.All, go-facts §1.2, §2.1).
const TABLE: CuratedGodebug[] = tableEntries([
  { name: 'allowmultiplevcs', package: 'cmd/go', categories: ['go-command', 'security'], meaning: 'allow VCS stamping when several version-control systems are detected (refused by default)', since: ['1.23.11', '1.24.5', '1.25'], defaultValue: '0', domain: bool },
  { name: 'asynctimerchan', package: 'time', categories: ['semantics'], meaning: 'use the pre-1.23 asynchronous (buffered) timer channels (1 or 2)', since: ['1.23'], removed: '1.27', runtime: true, defaultValue: '0', domain: { kind: 'enum', values: ['0', '1', '2'] } },
  { name: 'containermaxprocs', package: 'runtime', categories: ['performance'], meaning: 'let the default GOMAXPROCS honour the cgroup CPU limit (Linux)', since: ['1.25'], runtime: true, defaultValue: '1', domain: bool, platforms: ['linux'] },
  { name: 'cryptocustomrand', package: 'crypto', categories: ['semantics', 'security'], meaning: 'make crypto APIs honour a caller-supplied random io.Reader again', since: ['1.26'], defaultValue: '0', domain: bool },
  { name: 'dataindependenttiming', package: 'crypto/subtle', categories: ['performance', 'security'], meaning: 'turn on CPU data-independent-timing mode for the whole program (arm64 only)', since: ['1.24'], runtime: true, defaultValue: '0', domain: bool, platforms: ['arm64'] },
  { name: 'decoratemappings', package: 'runtime', categories: ['diagnostics'], meaning: 'name anonymous memory mappings "[anon: Go: …]" in /proc/self/maps (Linux)', since: ['1.25'], runtime: true, defaultValue: '1', domain: bool, platforms: ['linux'] },
  { name: 'embedfollowsymlinks', package: 'cmd/go', categories: ['go-command'], meaning: 'let //go:embed follow symbolic links to regular files', since: ['1.25'], defaultValue: '0', domain: bool },
  { name: 'execerrdot', package: 'os/exec', categories: ['semantics', 'security'], meaning: 'with 0, LookPath may return programs found in the current directory again', since: ['1.19'], defaultValue: '1', domain: bool },
  // In the table from 1.24.1 (backport, go.dev/issue/71666): run here, go1.24.0 rejects
  // `//go:debug fips140=on` ("unknown //go:debug setting") and `godebug fips140=on` in go.mod
  // ("unknown godebug"); go1.24.1 and go1.24.6 build both. go-facts.md §2 left this unverified.
  { name: 'fips140', package: 'crypto/fips140', categories: ['semantics', 'security'], meaning: 'FIPS 140-3 mode: on, only (stricter) or off', since: ['1.24'], tableSince: '1.24.1', defaultValue: 'off', domain: { kind: 'enum', values: ['off', 'on', 'only', 'debug'] } },
  // go1.26.8 doc/godebug.md: "Go 1.26.6 added a fips140ems setting"; not in go-facts.md.
  { name: 'fips140ems', package: 'crypto/tls', categories: ['security'], meaning: 'with 0, stop enforcing Extended Master Secret in FIPS 140-3 mode', since: ['1.26.6'], defaultValue: '1', domain: bool },
  { name: 'gocachehash', package: 'cmd/go', categories: ['go-command', 'diagnostics'], meaning: 'print the inputs of build-cache keys', since: ['1.18'], defaultValue: '0', domain: bool },
  { name: 'gocachetest', package: 'cmd/go', categories: ['go-command', 'diagnostics'], meaning: 'print test-cache decisions', since: ['1.18'], defaultValue: '0', domain: bool },
  { name: 'gocacheverify', package: 'cmd/go', categories: ['go-command', 'diagnostics'], meaning: 'bypass the build cache and verify cached results (very slow builds)', since: ['1.18'], defaultValue: '0', domain: bool },
  { name: 'gotestjsonbuildtext', package: 'cmd/go', categories: ['go-command'], meaning: 'report build errors of go test -json as text instead of JSON', since: ['1.24'], defaultValue: '0', domain: bool },
  { name: 'gotypesalias', package: 'go/types', categories: ['go-command'], meaning: 'with 0, go/types does not create Alias nodes', since: ['1.22'], removed: '1.27', defaultValue: '1', domain: bool },
  { name: 'htmlmetacontenturlescape', package: 'html/template', categories: ['security'], meaning: 'escape URLs in <meta content="…url=…"> (0 disables)', since: ['1.25.8', '1.26.1', '1.27'], defaultValue: '1', domain: bool },
  { name: 'http2client', package: 'net/http', categories: ['semantics'], meaning: 'with 0, the HTTP client never uses HTTP/2', since: ['1.18'], defaultValue: '1', domain: bool },
  { name: 'http2debug', package: 'net/http', categories: ['diagnostics', 'performance'], meaning: 'verbose HTTP/2 logs (1), plus frame dumps (2)', since: ['1.18'], defaultValue: '0', domain: { kind: 'enum', values: ['0', '1', '2'] }, readsEnvironmentOnly: true },
  { name: 'http2server', package: 'net/http', categories: ['semantics'], meaning: 'with 0, the HTTP server never uses HTTP/2', since: ['1.18'], defaultValue: '1', domain: bool },
  { name: 'httpcookiemaxnum', package: 'net/http', categories: ['security'], meaning: 'maximum number of cookies parsed per header (0 = unlimited)', since: ['1.24.8', '1.25.2', '1.26'], defaultValue: '3000', domain: int(0) },
  { name: 'httplaxcontentlength', package: 'net/http', categories: ['semantics'], meaning: 'tolerate an empty Content-Length header', since: ['1.22'], defaultValue: '0', domain: bool },
  { name: 'httpmuxgo121', package: 'net/http', categories: ['semantics'], meaning: 'use the Go 1.21 ServeMux (no method or wildcard patterns)', since: ['1.22'], defaultValue: '0', domain: bool },
  { name: 'httpservecontentkeepheaders', package: 'net/http', categories: ['semantics'], meaning: 'keep caching and encoding headers when ServeContent/ServeFile report an error', since: ['1.23'], defaultValue: '0', domain: bool },
  // Observed in go1.27.3's table (Changed 26, Old "1"; net/http/fs.go: default 200 ranges, 0 =
  // unlimited), absent from go1.26.8 and from the 1.27 pre-release table in go-facts.md §1.2:
  // a 1.27 point release added it; which one is unverified, so 1.27.3 is the first known.
  { name: 'httpservecontentmaxranges', package: 'net/http', categories: ['security'], meaning: 'maximum number of ranges ServeContent processes in a Range header (0 = unlimited)', since: ['1.27.3'], defaultValue: '200', domain: int(0) },
  { name: 'installgoroot', package: 'go/build', categories: ['go-command'], meaning: 'with all, go install writes standard-library archives into GOROOT (pre-1.20 behaviour)', since: ['1.20'], domain: { kind: 'enum', values: ['all'] } },
  { name: 'jstmpllitinterp', package: 'html/template', categories: ['security'], meaning: 'allow actions inside JavaScript template literals (no effect since 1.23)', since: ['1.19.8', '1.20.3', '1.21'], defaultValue: '0', domain: bool },
  { name: 'multipartmaxheaders', package: 'mime/multipart', categories: ['security'], meaning: 'maximum number of headers in a multipart form', since: ['1.19.8', '1.20.3', '1.21'], defaultValue: '10000', domain: int(1) },
  { name: 'multipartmaxparts', package: 'mime/multipart', categories: ['security'], meaning: 'maximum number of parts in a multipart form', since: ['1.19.8', '1.20.3', '1.21'], defaultValue: '1000', domain: int(1) },
  { name: 'multipathtcp', package: 'net', categories: ['semantics', 'performance'], meaning: 'Multipath TCP: 0 off, 1 dialers and listeners, 2 listeners only, 3 dialers only', since: ['1.21'], defaultValue: '2', domain: { kind: 'enum', values: ['0', '1', '2', '3'] } },
  { name: 'netdns', package: 'net', categories: ['semantics'], meaning: 'DNS resolver choice: go or cgo, with an optional +N debug level (digits alone: debug only)', since: ['1.18'], domain: { kind: 'enum', values: ['go', 'cgo'], debugLevel: true } },
  { name: 'netedns0', package: 'net', categories: ['semantics'], meaning: 'with 0, DNS queries carry no EDNS0 header', since: ['1.21.12', '1.22.5', '1.23'], defaultValue: '1', domain: bool },
  { name: 'panicnil', package: 'runtime', categories: ['semantics'], meaning: 'allow panic(nil) again instead of a *runtime.PanicNilError', since: ['1.21'], runtime: true, defaultValue: '0', domain: bool },
  { name: 'randautoseed', package: 'math/rand', categories: ['semantics'], meaning: 'with 0, the global math/rand source is seeded with 1 (deterministic)', since: ['1.20'], defaultValue: '1', domain: bool },
  { name: 'randseednop', package: 'math/rand', categories: ['semantics'], meaning: 'with 0, rand.Seed reseeds the global source again instead of doing nothing', since: ['1.24'], defaultValue: '1', domain: bool },
  { name: 'rsa1024min', package: 'crypto/rsa', categories: ['security'], meaning: 'reject RSA keys smaller than 1024 bits (0 allows them)', since: ['1.24'], defaultValue: '1', domain: bool },
  { name: 'tarinsecurepath', package: 'archive/tar', categories: ['security'], meaning: 'with 0, tar.Reader.Next returns ErrInsecurePath for unsafe names', since: ['1.20'], defaultValue: '1', domain: bool },
  { name: 'tls10server', package: 'crypto/tls', categories: ['security'], meaning: 'allow TLS 1.0 and 1.1 by default on servers', since: ['1.22'], removed: '1.27', defaultValue: '0', domain: bool },
  { name: 'tls3des', package: 'crypto/tls', categories: ['security'], meaning: 'offer 3DES cipher suites by default', since: ['1.23'], removed: '1.27', defaultValue: '0', domain: bool },
  { name: 'tlsmaxrsasize', package: 'crypto/tls', categories: ['security'], meaning: 'largest RSA key accepted in TLS handshakes, in bits', since: ['1.19.13', '1.20.8', '1.21.1'], defaultValue: '8192', domain: int(1, 'bits') },
  { name: 'tlsmlkem', package: 'crypto/tls', categories: ['semantics', 'security'], meaning: 'offer the post-quantum X25519MLKEM768 key exchange (0 removes it)', since: ['1.24'], defaultValue: '1', domain: bool },
  { name: 'tlsrsakex', package: 'crypto/tls', categories: ['security'], meaning: 'offer RSA key-exchange cipher suites by default', since: ['1.22'], removed: '1.27', defaultValue: '0', domain: bool },
  { name: 'tlssecpmlkem', package: 'crypto/tls', categories: ['semantics', 'security'], meaning: 'enable the SecP256r1MLKEM768 and SecP384r1MLKEM1024 key exchanges (0 removes them)', since: ['1.26'], defaultValue: '1', domain: bool },
  { name: 'tlssha1', package: 'crypto/tls', categories: ['security'], meaning: 'accept SHA-1 signatures in TLS 1.2 handshakes', since: ['1.25'], defaultValue: '0', domain: bool },
  { name: 'tlsunsafeekm', package: 'crypto/tls', categories: ['security'], meaning: 'allow ExportKeyingMaterial without Extended Master Secret or TLS 1.3', since: ['1.22'], removed: '1.27', defaultValue: '0', domain: bool },
  { name: 'tracebacklabels', package: 'runtime', categories: ['diagnostics', 'security'], meaning: 'print goroutine pprof labels in traceback headers', since: ['1.26'], tableSince: '1.27', runtime: true, defaultValue: '1', defaults: [{ since: '1.26', value: '0' }, { since: '1.27', value: '1' }], domain: bool },
  { name: 'updatemaxprocs', package: 'runtime', categories: ['performance'], meaning: 'periodically re-evaluate the default GOMAXPROCS (CPU affinity, cgroup limit)', since: ['1.25'], runtime: true, defaultValue: '1', domain: bool },
  { name: 'urlmaxqueryparams', package: 'net/url', categories: ['security'], meaning: 'maximum number of query parameters parsed (0 = unlimited)', since: ['1.24.12', '1.25.6', '1.26'], defaultValue: '10000', domain: int(0) },
  { name: 'urlstrictcolons', package: 'net/url', categories: ['semantics'], meaning: 'make url.Parse reject host names with stray colons', since: ['1.26'], defaultValue: '1', domain: bool },
  { name: 'winreadlinkvolume', package: 'os', categories: ['semantics'], meaning: 'Windows: Readlink and EvalSymlinks no longer normalise volumes to drive letters', since: ['1.23'], defaultValue: '1', domain: bool, platforms: ['windows'] },
  { name: 'winsymlink', package: 'os', categories: ['semantics'], meaning: 'Windows: mount points are not reported as symbolic links', since: ['1.23'], defaultValue: '1', domain: bool, platforms: ['windows'] },
  { name: 'x509keypairleaf', package: 'crypto/tls', categories: ['semantics'], meaning: 'with 0, X509KeyPair leaves Certificate.Leaf nil', since: ['1.23'], removed: '1.27', defaultValue: '1', domain: bool },
  { name: 'x509negativeserial', package: 'crypto/x509', categories: ['security'], meaning: 'accept certificates with negative serial numbers', since: ['1.23'], defaultValue: '0', domain: bool },
  { name: 'x509rsacrt', package: 'crypto/x509', categories: ['security'], meaning: 'use and validate PKCS#1 CRT values (0 recomputes them, 1.23 behaviour)', since: ['1.24'], defaultValue: '1', domain: bool },
  { name: 'x509sha1', package: 'crypto/x509', categories: ['security'], meaning: 'accept SHA-1 certificate signatures', since: ['1.18'], removed: '1.24', defaultValue: '0', domain: bool },
  { name: 'x509sha256skid', package: 'crypto/x509', categories: ['semantics'], meaning: 'fill a missing SubjectKeyId with a truncated SHA-256 hash (0: SHA-1)', since: ['1.25'], defaultValue: '1', domain: bool },
  { name: 'x509sslcertoverrideplatform', package: 'crypto/x509', categories: ['semantics', 'security'], meaning: 'honour SSL_CERT_FILE and SSL_CERT_DIR on Windows and macOS', since: ['1.27'], defaultValue: '1', domain: bool, platforms: ['windows', 'darwin'] },
  { name: 'x509usefallbackroots', package: 'crypto/x509', categories: ['security'], meaning: 'use the roots registered with SetFallbackRoots even when system roots exist', since: ['1.20'], defaultValue: '0', domain: bool },
  { name: 'x509usepolicies', package: 'crypto/x509', categories: ['semantics'], meaning: 'marshal certificate policies from Policies instead of PolicyIdentifiers', since: ['1.22'], defaultValue: '1', domain: bool },
  { name: 'tlskyber', package: 'crypto/tls', categories: ['semantics', 'security'], meaning: 'offer the X25519Kyber768Draft00 key exchange', since: ['1.23'], removed: '1.24', defaultValue: '1', domain: bool, changed: { version: 23, old: '0' }, opaque: true },
  { name: 'zipinsecurepath', package: 'archive/zip', categories: ['security'], meaning: 'with 0, zip.NewReader returns ErrInsecurePath for unsafe names', since: ['1.20'], defaultValue: '1', domain: bool },
]);

// Runtime-only settings (runtime.dbgvars, go-facts §1.5, §2.2), memprofilerate and pagetrace (§1.4).
const RUNTIME: CuratedGodebug[] = runtimeEntries([
  { name: 'adaptivestackstart', categories: ['performance'], meaning: 'start goroutine stacks at the average observed size (0: fixed minimum)', since: ['1.19'], defaultValue: '1', domain: bool },
  { name: 'allocfreetrace', categories: ['diagnostics', 'performance'], meaning: 'print a stack trace on every allocation and free', since: ['1.18'], removed: '1.23', defaultValue: '0', domain: bool },
  { name: 'asyncpreemptoff', categories: ['performance', 'semantics'], meaning: 'disable signal-based asynchronous preemption', since: ['1.18'], defaultValue: '0', domain: bool },
  { name: 'cgocheck', categories: ['semantics', 'diagnostics'], meaning: 'cgo pointer-passing checks: 0 off, 1 cheap checks (2: full checks up to 1.20, fatal at start-up since 1.21)', since: ['1.18'], defaultValue: '1', domain: { kind: 'enum', values: ['0', '1', '2'] } },
  { name: 'checkfinalizers', categories: ['diagnostics', 'performance'], meaning: 'extra collections that look for finalizer and cleanup mistakes and kill the program on finding one', since: ['1.25'], defaultValue: '0', domain: bool },
  { name: 'clobberfree', categories: ['diagnostics'], meaning: 'overwrite freed objects with garbage', since: ['1.18'], defaultValue: '0', domain: bool },
  { name: 'disablethp', categories: ['performance'], meaning: 'Linux: disable transparent huge pages for the heap', since: ['1.21.6', '1.22'], defaultValue: '0', domain: bool, platforms: ['linux'] },
  { name: 'dontfreezetheworld', categories: ['diagnostics'], meaning: 'fatal panics do not preempt the other goroutines (scheduler debugging)', since: ['1.21'], defaultValue: '0', domain: bool },
  { name: 'efence', categories: ['diagnostics', 'performance'], meaning: 'allocate every object on its own page and never reuse addresses', since: ['1.18'], defaultValue: '0', domain: bool },
  { name: 'gccheckmark', categories: ['diagnostics', 'performance'], meaning: 'verify the collector with a second stop-the-world mark pass', since: ['1.18'], defaultValue: '0', domain: bool },
  { name: 'gcpacertrace', categories: ['diagnostics'], meaning: 'print the GC pacer state every cycle', since: ['1.18'], defaultValue: '0', domain: bool },
  { name: 'gcshrinkstackoff', categories: ['performance'], meaning: 'never shrink goroutine stacks', since: ['1.18'], defaultValue: '0', domain: bool },
  { name: 'gcstoptheworld', categories: ['diagnostics', 'performance'], meaning: 'make every collection stop the world (2: also the sweep)', since: ['1.18'], defaultValue: '0', domain: { kind: 'enum', values: ['0', '1', '2'] } },
  { name: 'gctrace', categories: ['diagnostics'], meaning: 'print one line per collection to stderr (2: also scan statistics)', since: ['1.18'], defaultValue: '0', domain: int(0) },
  { name: 'harddecommit', categories: ['performance'], meaning: 'also protect memory returned to the OS', since: ['1.18'], defaultValue: '0', domain: bool },
  { name: 'inittrace', categories: ['diagnostics'], meaning: 'print one line per package initialisation with time and allocations', since: ['1.18'], defaultValue: '0', domain: bool },
  { name: 'invalidptr', categories: ['semantics', 'diagnostics'], meaning: 'crash on invalid pointers in pointer-typed slots (0 hides such bugs)', since: ['1.18'], defaultValue: '1', domain: bool },
  { name: 'madvdontneed', categories: ['performance'], meaning: 'return memory with MADV_DONTNEED (1, Linux default) instead of MADV_FREE (0)', since: ['1.18'], defaultValue: '1', domain: bool },
  { name: 'profstackdepth', categories: ['diagnostics', 'performance'], meaning: 'maximum frames recorded in non-CPU profiles (capped at 1024)', since: ['1.23'], defaultValue: '128', domain: { kind: 'int', min: 0, max: 1024, unit: 'frames' } },
  { name: 'runtimecontentionstacks', categories: ['diagnostics'], meaning: 'record real stacks for runtime-internal lock contention in the mutex profile', since: ['1.22'], removed: '1.25', defaultValue: '0', domain: bool },
  { name: 'sbrk', categories: ['performance', 'semantics'], meaning: 'use a trivial allocator with no garbage collection at all', since: ['1.18'], defaultValue: '0', domain: bool },
  { name: 'scavtrace', categories: ['diagnostics'], meaning: 'print one scavenger line per GC cycle', since: ['1.18'], defaultValue: '0', domain: bool },
  { name: 'scheddetail', categories: ['diagnostics'], meaning: 'with schedtrace, dump every P, M and G each period', since: ['1.18'], defaultValue: '0', domain: bool },
  { name: 'schedtrace', categories: ['diagnostics'], meaning: 'print a scheduler summary every N milliseconds', since: ['1.18'], defaultValue: '0', domain: int(0, 'ms') },
  { name: 'traceadvanceperiod', categories: ['diagnostics'], meaning: 'execution-trace generation period in nanoseconds (testing)', since: ['1.22'], defaultValue: '1000000000', domain: int(1, 'ns') },
  { name: 'traceallocfree', categories: ['diagnostics', 'performance'], meaning: 'include every allocation and free in execution traces', since: ['1.23'], defaultValue: '0', domain: bool },
  { name: 'tracebackancestors', categories: ['diagnostics', 'performance'], meaning: 'record and print the creation stacks of up to N ancestor goroutines', since: ['1.18'], defaultValue: '0', domain: int(0) },
  { name: 'tracecheckstackownership', categories: ['diagnostics'], meaning: 'tracer self-check before taking stacks', since: ['1.23'], defaultValue: '0', domain: bool },
  { name: 'tracefpunwindoff', categories: ['diagnostics', 'performance'], meaning: 'make the tracer and block/mutex profilers use the slow unwinder', since: ['1.21'], defaultValue: '0', domain: bool },
  { name: 'memprofilerate', categories: ['diagnostics', 'performance'], meaning: 'set runtime.MemProfileRate: bytes between heap-profile samples (1 = every allocation, 0 = off)', since: ['1.18'], defaultValue: '524288', domain: int(0, 'bytes') },
  { name: 'pagetrace', categories: ['diagnostics'], meaning: 'write a page-event trace to this file (only with GOEXPERIMENT=pagetrace)', since: ['1.20'], removed: '1.23', domain: { kind: 'string', description: 'file path' } },
]);

// Hidden and older settings (go-facts §1.2 "Hidden settings", §1.4, §5.3).
const OTHER: CuratedGodebug[] = [
  { name: 'tls10default', package: 'crypto/tls', categories: ['security'], meaning: 'make TLS 1.0 the client default again (Go 1.18 only)', since: ['1.18'], removed: '1.19', defaultValue: '0', domain: bool },
  { name: 'http2xconnect', package: 'net/http', categories: ['semantics'], meaning: 're-enable HTTP/2 extended CONNECT', since: ['1.24'], domain: bool, readsEnvironmentOnly: true, hidden: true },
  // CVE-2022-41725 (go1.19.6, go1.20.1): ReadForm combines file parts into one temporary file;
  // multipartfiles=distinct restores one file per part. Read by go1.20.1's source, not go1.20's.
  { name: 'multipartfiles', package: 'mime/multipart', categories: ['semantics'], meaning: 'with distinct, one temporary file per file part', since: ['1.19.6', '1.20.1', '1.21'], domain: { kind: 'enum', values: ['distinct'] }, hidden: true },
  { name: 'toolchaintrace', package: 'cmd/go', categories: ['go-command', 'diagnostics'], meaning: 'make the go command explain its toolchain selection on stderr', since: ['1.24'], domain: bool, hidden: true },
];

export const CURATED_GODEBUGS: readonly CuratedGodebug[] = [...TABLE, ...RUNTIME, ...OTHER];

/**
 * `winsymlink`/`winreadlinkvolume` said `Changed: 22` in the 1.23 and 1.24 tables; commit
 * 2e749a645a (March 2025) corrected it to 23 (go-facts §1.2 notes).
 */
export const CHANGED_OVERRIDES: readonly { name: string; minors: number[]; changed: number }[] = [
  { name: 'winsymlink', minors: [23, 24], changed: 22 },
  { name: 'winreadlinkvolume', minors: [23, 24], changed: 22 },
];

/** Retired settings of internal/godebugs.Removed (go-facts §1.2), for when no 1.27+ toolchain source is at hand. */
export const CURATED_REMOVED: readonly { name: string; removed: number; oldValues: string[] }[] = [
  { name: 'x509sha1', removed: 24, oldValues: ['1'] },
  { name: 'tlskyber', removed: 24, oldValues: ['0'] },
  { name: 'gotypesalias', removed: 27, oldValues: ['0'] },
  { name: 'tlsunsafeekm', removed: 27, oldValues: ['1'] },
  { name: 'tlsrsakex', removed: 27, oldValues: ['1'] },
  { name: 'tls3des', removed: 27, oldValues: ['1'] },
  { name: 'tls10server', removed: 27, oldValues: ['1'] },
  { name: 'x509keypairleaf', removed: 27, oldValues: ['0'] },
  { name: 'asynctimerchan', removed: 27, oldValues: ['1', '2'] },
];

/** The Go version the curated history reaches (go-facts §0: Go 1.27 newest at writing). */
export const CURATED_NEWEST = '1.27';
