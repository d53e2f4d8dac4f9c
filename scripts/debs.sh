#!/usr/bin/env bash
# Installs the Debian packages named as arguments that are missing: with
# apt-get when run as root, otherwise it prints the exact command to run.
set -euo pipefail
missing=()
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
	echo "Missing packages: ${missing[*]} (install them with your package manager)" >&2
	exit 1
fi
cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "Missing Debian packages. Run:" >&2
	echo "  sudo apt-get update && sudo $cmd" >&2
	exit 1
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$cmd >/dev/null
