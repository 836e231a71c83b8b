#!/usr/bin/env bash
# Browser tests drive Debian's chromium; install it when missing (root), else say what to run.
set -euo pipefail
[ -n "${SKIP_BROWSER_TESTS:-}" ] && exit 0
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "chromium is missing: installing Debian's chromium for the browser tests…" >&2
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	exit 0
fi
echo "Browser tests need Debian's chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'" >&2
echo "(or set SKIP_BROWSER_TESTS=1 to run only the Node tests)." >&2
exit 1
