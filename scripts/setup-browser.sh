#!/usr/bin/env bash
# Installs what the browser tests of the HTML views need: Debian's chromium (driven by
# Playwright through executable_path, so Playwright never downloads a browser) and CJK fonts
# (without them Chinese labels render as boxes). Idempotent: installs only what is missing.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup-browser: chromium and fonts-noto-cjk already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

echo "setup-browser: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
/usr/bin/chromium --version
