#!/usr/bin/env bash
# The whole CI run's duration at a commit, measured the way CI runs it: a clean clone, then .ci/run
# (installs what is missing, starts the servers, runs ./yrd test: the gates, then the suite on SQLite
# and on PostgreSQL). Usage: bench/ci_time.sh <commit> [<commit> …]; prints one line per commit.
# The pip and npm downloads come from the local caches after the first run, as on a CI machine that
# has run before; the apt step finds its packages installed. Each clone is removed afterwards; its
# log stays in the temporary directory the line names.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
for commit in "$@"; do
  work="$(mktemp -d /tmp/yrd-ci-XXXXXX)"
  git clone -q "$repo" "$work/main"
  git -C "$work/main" checkout -q "$commit"
  start=$(date +%s)
  if (cd "$work/main" && TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/yrd_ci_time" .ci/run >"$work/ci.log" 2>&1); then
    result=passed
  else
    result=FAILED
  fi
  end=$(date +%s)
  rm -rf "$work/main"  # the clone (a virtualenv and node_modules); the log stays
  summary=$(grep -oE "[0-9]+ passed[^=]*in [0-9.]+s" "$work/ci.log" | paste -sd ';' || true)
  echo "$commit $(git -C "$repo" log -1 --format=%cs "$commit") $((end - start)) s $result ($summary) log: $work/ci.log"
done
