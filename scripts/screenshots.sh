#!/usr/bin/env bash
# Starts the real desktop app under Xvfb on the sample organisation once
# per screen and saves each as docs/screenshots/<screen>.png.
# Usage: scripts/screenshots.sh BIN OUTDIR
set -euo pipefail
bin=$1 out=$2
mkdir -p "$out"
home=$(mktemp -d)
# Xvfb picks a free display and writes its number once it is ready.
Xvfb -displayfd 5 -screen 0 1440x900x24 -nolisten tcp 5>"$home/display" &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$home/display" ] && break; sleep 0.1; done
display=:$(tr -d '[:space:]' <"$home/display")
for screen in ${SCREENS:-overview people person network flows quadrant areas settings wizard identities export about}; do
	ready=$home/ready-$screen
	HOME=$home XDG_CONFIG_HOME=$home/config XDG_CACHE_HOME=$home/cache DISPLAY=$display LANG=en_US.UTF-8 \
		"$bin" -sample -screen "$screen" -ready-file "$ready" >"$home/$screen.log" 2>&1 &
	app=$!
	for _ in $(seq 1 240); do [ -s "$ready" ] && break; sleep 0.25; done
	[ -s "$ready" ] || { echo "screenshots: $screen did not start"; cat "$home/$screen.log"; kill $app; exit 1; }
	case $screen in network) sleep 6 ;; *) sleep 3 ;; esac
	win=$(DISPLAY=$display xdotool search --name '^Multiplier' | head -1)
	DISPLAY=$display import -window "$win" "$out/$screen.png"
	kill $app; wait $app 2>/dev/null || true
	echo "screenshots: $out/$screen.png"
done
rm -rf "$home"
