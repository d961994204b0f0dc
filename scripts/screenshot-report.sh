#!/usr/bin/env bash
# Take a PNG screenshot of a report.html with headless Chromium, to check
# the page's layout without opening a browser.
#
# Usage: scripts/screenshot-report.sh REPORT_HTML OUTPUT_PNG [HEIGHT]
#
# The window is 1280 pixels wide. Chromium captures the window only, so
# HEIGHT (in pixels) defaults to an estimate from the page's charts and
# table rows that errs on the tall side, at most 30000. Pass a larger value
# if the bottom of the page is missing.
#
# When /usr/bin/chromium is missing, the script installs Debian's
# `chromium` package with apt-get, which needs root or sudo. Chromium runs
# with --no-sandbox so that it also works as root in a container: use it
# only on reports you generated yourself.

set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
    echo "usage: $0 REPORT_HTML OUTPUT_PNG [HEIGHT]" >&2
    exit 2
fi

report=$1
output=$2
if [[ ! -f $report ]]; then
    echo "error: report not found: $report" >&2
    exit 1
fi
report=$(realpath "$report")
output=$(realpath -m "$output")

chromium=/usr/bin/chromium
if [[ ! -x $chromium ]]; then
    echo "$chromium is missing; installing Debian's chromium package" >&2
    if [[ $(id -u) -eq 0 ]]; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
    elif command -v sudo >/dev/null; then
        sudo apt-get update
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
    else
        echo "error: installing chromium needs root or sudo; install it, then run again" >&2
        exit 1
    fi
fi

if [[ $# -eq 3 ]]; then
    height=$3
    if [[ ! $height =~ ^[1-9][0-9]*$ ]]; then
        echo "error: HEIGHT must be a whole number of pixels, not '$height'" >&2
        exit 2
    fi
else
    # Each chart's SVG states its height. A table row takes about 30
    # pixels, and a row of the shortfall tables (six cells, the reason
    # wrapping over two or three lines) about 80. Charts sit beside their
    # tables, so this overestimates.
    svg_height=$(grep -o '<svg [^>]*height="[0-9]*"' "$report" |
        sed 's/.*height="\([0-9]*\)"/\1/' | awk '{ sum += $1 } END { print sum + 0 }')
    rows=$(grep -o '<tr>' "$report" | wc -l)
    cells=$(grep -o '<td' "$report" | wc -l)
    height=$((800 + svg_height + 30 * rows + 10 * cells))
    # A report with thousands of shortfalls would otherwise give a PNG of
    # hundreds of megabytes.
    if ((height > 30000)); then
        echo "warning: showing the first 30000 pixels; pass HEIGHT to show more" >&2
        height=30000
    fi
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$output"

# The page itself loads nothing. The --disable-* flags turn off Chromium's
# own background requests (component updates, sync, QUIC), and a fresh
# profile leaves the user's own untouched.
timeout 120 "$chromium" \
    --headless \
    --no-sandbox \
    --disable-gpu \
    --disable-quic \
    --no-first-run \
    --disable-background-networking \
    --disable-component-update \
    --disable-sync \
    --hide-scrollbars \
    --user-data-dir="$profile" \
    --screenshot="$output" \
    --window-size=1280,"$height" \
    "file://$report" >"$profile/chromium.log" 2>&1 || status=$?

if [[ ! -s $output ]]; then
    echo "error: chromium wrote no screenshot to $output (exit status ${status:-0}); its output:" >&2
    cat "$profile/chromium.log" >&2
    exit 1
fi
echo "wrote $output (1280x$height)"
