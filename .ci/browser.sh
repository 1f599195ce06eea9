# Sourced by .ci/run: what the Hawtio browser test (OperatorConsoleIT) needs, installed if missing:
# Debian's Chromium and playwright-core from the committed lock file (it downloads no browser).
if ! [ -x /usr/bin/chromium ]; then
    echo "Installing chromium for the browser test"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! [ -d src/test/browser/node_modules/playwright-core ]; then
    npm ci --prefix src/test/browser --no-audit --no-fund
fi
# From here on, a missing browser fails OperatorConsoleIT instead of skipping it.
export NOTIFY_BROWSER_TEST=required
