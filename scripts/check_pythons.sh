#!/usr/bin/env bash
# Run `make test` with every supported Python found on this machine (3.11, 3.12, 3.13), each in a
# venv of its own (.venv-3.X), and print one line per interpreter. Exit non-zero if any run fails.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
find_python() {  # a working interpreter for version $1: on PATH, else under pyenv's versions
  if "python$1" -c 'import sys' >/dev/null 2>&1; then echo "python$1"; return; fi
  for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$1".*/bin/"python$1"; do
    if [ -x "$candidate" ] && "$candidate" -c 'import sys' >/dev/null 2>&1; then echo "$candidate"; return; fi
  done
}
for version in 3.11 3.12 3.13; do
  python=$(find_python "$version")
  if [ -z "$python" ]; then
    echo "python$version: not installed, skipped"; continue
  fi
  log="out/pythons-$version.log"; mkdir -p out
  start=$(date +%s)
  if make test PYTHON="$python" VENV=".venv-$version" >"$log" 2>&1; then
    result="passed"
  else
    result="FAILED"; status=1
  fi
  echo "python$version: $result in $(( $(date +%s) - start )) s — $(grep -E '[0-9]+ (passed|failed)' "$log" | tail -n 1)"
done
exit $status
