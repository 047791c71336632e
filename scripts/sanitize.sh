#!/usr/bin/env bash
# The C++ shim and the Swift code over it under AddressSanitizer (and LeakSanitizer,
# part of ASan on Linux): the shim's tests and the fuzz suite, with FUZZ_INPUTS random
# inputs per fuzz test (default 5000). A separate build folder (.build-asan); a first
# build takes several minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
export FUZZ_INPUTS=${FUZZ_INPUTS:-5000}
# scripts/lsan.supp names the one-time allocations of Swift's Regex runtime (not ours).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/scripts/lsan.supp:print_suppressions=0}
swift build --build-tests --sanitize=address --scratch-path .build-asan
swift test --skip-build --sanitize=address --scratch-path .build-asan --filter 'ShimTests|FuzzTests'
echo "sanitize: no error reported ($FUZZ_INPUTS fuzz inputs per test)"
