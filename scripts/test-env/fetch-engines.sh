#!/usr/bin/env bash
# Fetches the newer Docker engines of the test matrix from Debian without installing them: docker.io and
# containerd of the suites named below, downloaded through a private apt configuration (the system's own
# sources and package state are never touched) and unpacked with dpkg-deb into .test-env/engines/<suite>/.
# Tests start `<suite>/usr/sbin/dockerd` with `<suite>/usr/bin` first on PATH, so it starts its own containerd
# (ARCHITECTURE.md §Test environment). Safe to run again: a suite already unpacked is kept.
# Usage: fetch-engines.sh [SUITE...]   (default: trixie sid — Docker 26.1 + containerd 1.7, Docker 28.5 + containerd 2.1)
set -euo pipefail
cd "$(dirname "$0")/../.."

suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(trixie sid)
cache="$PWD/.test-env/engines"
apt_dir="$cache/apt"

todo=()
for suite in "${suites[@]}"; do
  [ -f "$cache/$suite/versions.txt" ] || todo+=("$suite")
done
if [ ${#todo[@]} -eq 0 ]; then
  echo "test engines present: ${suites[*]}"
  exit 0
fi

# The same mirror and keyring as the system's Debian sources (deb822 or one-line format).
mirror=$(grep -hoE '^URIs: *[^ ]+/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | sed 's/^URIs: *//')
[ -n "$mirror" ] || mirror=$(grep -hoE '^deb +(\[[^]]*\] +)?[^ ]+/debian/? ' /etc/apt/sources.list 2>/dev/null | head -1 | awk '{print $NF}')
[ -n "$mirror" ] || mirror="http://deb.debian.org/debian"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || { echo "missing $keyring (package debian-archive-keyring)" >&2; exit 1; }

mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/cache"
: >"$apt_dir/sources.list"
for suite in "${todo[@]}"; do echo "deb [signed-by=$keyring] ${mirror%/} $suite main" >>"$apt_dir/sources.list"; done
apt_opts=(
  -o "Dir::Etc::sourcelist=$apt_dir/sources.list" -o Dir::Etc::sourceparts=/dev/null
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "Dir::Cache::Archives=$apt_dir/archives"
  -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root -qq
)
echo "fetching test engines from $mirror: ${todo[*]}"
apt-get "${apt_opts[@]}" update

for suite in "${todo[@]}"; do
  work="$cache/$suite.partial"
  rm -rf "$work" && mkdir -p "$work/debs"
  (cd "$work/debs" && apt-get "${apt_opts[@]}" download "docker.io/$suite" "containerd/$suite")
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work"; done
  for deb in "$work"/debs/*.deb; do echo "$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)"; done >"$work/versions.txt"
  rm -rf "$work/debs" "$cache/$suite"
  mv "$work" "$cache/$suite"
  echo "  $suite: $(paste -sd',' "$cache/$suite/versions.txt")"
done
rm -rf "$apt_dir"
