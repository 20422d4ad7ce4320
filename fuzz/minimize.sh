#!/usr/bin/env bash
# Rebuilds the committed corpus fuzz/corpus/<target> from itself, fuzz/corpus-work/<target> (a
# long run's finds), fuzz/seeds/<target> and fuzz/regressions/<target>: libFuzzer's merge keeps
# the smallest inputs that together cover every feature. What the runs found counts up to a
# size cap per target (seeds and crash inputs whatever their size): the corpus stays a few MB
# and the smoke run of scripts/test-fuzz fast, for a few percent of the edges (docs/fuzzing.md).
# Uses the binaries of `cargo fuzz build`.
# Usage: fuzz/minimize.sh [target...]
set -euo pipefail
cd "$(dirname "$0")"
bin=${FUZZ_BIN:-target/x86_64-unknown-linux-gnu/release}

cap() {
  case "$1" in
    xlsx_import) echo 3000 ;;
    csv_import | cycle_json) echo 4096 ;;
    catalog_json) echo 2048 ;;
    *) echo 1500 ;;
  esac
}

for t in "${@:-csv_import xlsx_import plan_json catalog_json pivot_spec options cycle_json}"; do
  for t in $t; do
    tmp=$(mktemp -d)
    mkdir "$tmp/in" "$tmp/out"
    for d in "corpus/$t" "corpus-work/$t"; do
      [ -d "$d" ] && find "$d" -type f -size -"$(cap "$t")"c -exec cp -t "$tmp/in/" {} +
    done
    # Seeds (the examples) and past crash inputs whatever their size.
    for d in "seeds/$t" "regressions/$t"; do
      [ -d "$d" ] && find "$d" -type f -exec cp -t "$tmp/in/" {} +
    done
    "$bin/$t" -merge=1 -rss_limit_mb=2048 -timeout=20 "$tmp/out" "$tmp/in" > "$tmp/log" 2>&1 ||
      { tail -n 20 "$tmp/log" >&2; exit 1; }
    rm -rf "corpus/$t"
    mv "$tmp/out" "corpus/$t"
    echo "$t: $(find "corpus/$t" -type f | wc -l) inputs, $(cat "corpus/$t"/* | wc -c) bytes;" \
      "$(grep -oE '[0-9]+ new coverage edges' "$tmp/log" | tail -n 1)"
    rm -rf "$tmp"
  done
done
