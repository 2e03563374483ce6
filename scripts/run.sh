#!/usr/bin/env bash
# Main job: install, build the index from knowledge/, then start the Telegram bot
# (or, with no TELEGRAM_BOT_TOKEN, an interactive question prompt in this terminal).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
if ! .venv/bin/python -m index build; then
  if [ -L "${DATA_DIR:-var}/index" ]; then
    echo "Index build failed; continuing with the last good index." >&2
  else
    echo "Index build failed and there is no earlier index to fall back on." >&2
    exit 1
  fi
fi
exec .venv/bin/python -m bot start "$@"
