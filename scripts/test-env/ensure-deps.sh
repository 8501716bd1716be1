#!/usr/bin/env bash
# Installs what the test suite needs from Debian when it is missing: a Docker engine (dockerd 20.10 from
# docker.io, started privately by the tests — never the system one), a static busybox for FROM-scratch
# test images, Chromium for the browser tests, and openssl/OpenSSH to test tcp+TLS and ssh:// endpoints;
# then fetches the newer engines of the test matrix (fetch-engines.sh). Safe to run again: it installs only what is missing.
set -euo pipefail

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
[ -x /usr/bin/docker ] || missing+=(docker.io)
# A dynamic busybox (Debian's "busybox" package) cannot run in a FROM-scratch image: ldd succeeds on it.
if [ ! -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then missing+=(busybox-static); fi
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v ssh-agent >/dev/null 2>&1 || missing+=(openssh-client)

fetch_engines() {
  # The newer engines of the test matrix (Docker 26.1 and 28.5 from Debian trixie/sid), unpacked under
  # .test-env/engines, never installed.
  bash "$(dirname "$0")/fetch-engines.sh"
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies present: dockerd, busybox (static), chromium"
  fetch_engines
  exit 0
fi

# Deduplicate (docker.io may be listed twice).
readarray -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
echo "installing test dependencies: ${packages[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" fonts-dejavu-core >/dev/null
echo "installed: ${packages[*]}"
fetch_engines
