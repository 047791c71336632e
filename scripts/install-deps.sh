#!/usr/bin/env bash
# Installs the Debian packages vnsearch builds against, if any is missing:
# Xapian and ICU development files and pkg-config, Xapian's tools (xapian-tcpsrv
# serves remote shards, xapian-replicate keeps read replicas; the tests run both), and
# jemalloc (the release binary's allocator). As root it runs apt-get; otherwise it
# prints the exact command to run and fails.
set -euo pipefail

# Extra packages for one script (chromium for `make screenshot`, wrk for `make bench`) come as arguments.
packages=(libxapian-dev libicu-dev pkg-config xapian-tools libjemalloc-dev "$@")
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing ${missing[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "vnsearch needs: ${missing[*]}" >&2
  echo "Run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
