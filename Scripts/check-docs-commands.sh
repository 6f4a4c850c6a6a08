#!/usr/bin/env bash
# Runs every documented command verbatim from a fresh clone (docs/testing.md, "Documented commands").
#
# Usage: Scripts/check-docs-commands.sh
#   HEDGESIM_BINARY=/path/to/hedgesim   use this release binary instead of building one
#
# What is run, from README.md and docs/*.md (fenced blocks only):
#   ```console  every line starting with "$ " is one command (a line ending in "\" continues it);
#               a trailing "# exit status N" on it is the exit status expected (default 0)
#   ```sh       the whole block is one bash script (set -e), expected to exit 0,
#               or N with <!-- exit N --> on the line just before the block
#   any other   output, synopses, config files: never run; a "$ " line there is an error
# <!-- not-checked: REASON --> on the line just before a block skips it; skips are listed at the end.
# Each document runs in its own fresh `git clone` of the committed HEAD, its commands in order from
# the clone's root (so a command may use files an earlier one in the same document made), with
# `hedgesim` on PATH and at .build/release/hedgesim. A command may take at most 120 s.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
limit=120

if [ -n "${HEDGESIM_BINARY:-}" ]; then
  binary=$HEDGESIM_BINARY
else
  Scripts/install-deps.sh
  swift build -c release --product hedgesim
  binary="$(swift build -c release --show-bin-path)/hedgesim"
fi
[ -x "$binary" ] || { echo "check-docs-commands: no hedgesim binary at $binary" >&2; exit 1; }
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
if [ -n "$(git status --porcelain -- README.md docs)" ]; then
  echo "check-docs-commands: note: README.md or docs/ has uncommitted changes; the clone checks HEAD" >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/commands"
ln -s "$binary" "$work/bin/hedgesim"

# One manifest line per command: id, file, line, expected status, skip reason ("-" when run).
# The command's text goes to commands/ID.
extract() {
  awk -v out="$work/commands" '
    function flush(   f) {
      if (cmd == "") return
      f = out "/" sprintf("%04d", ++n)
      printf "%s", cmd > f; close(f)
      printf "%04d\t%s\t%d\t%d\t%s\n", n, FILENAME, cmdline, want, (skip == "" ? "-" : skip)
      cmd = ""
    }
    !inblock && /^[[:space:]]*<!-- not-checked: .* -->[[:space:]]*$/ {
      marker = $0; sub(/^[[:space:]]*<!-- not-checked: /, "", marker); sub(/[[:space:]]*-->[[:space:]]*$/, "", marker)
      pendskip = marker; pendexit = ""; next
    }
    !inblock && /^[[:space:]]*<!-- exit [0-9]+ -->[[:space:]]*$/ {
      pendexit = $0; gsub(/[^0-9]/, "", pendexit); pendskip = ""; next
    }
    !inblock && /^[[:space:]]*```/ {
      indent = $0; sub(/```.*/, "", indent); lang = $0; sub(/^[[:space:]]*```/, "", lang)
      inblock = 1; start = FNR; skip = pendskip; blockexit = pendexit; pendskip = ""; pendexit = ""
      cmd = ""; cont = 0
      if (lang == "sh") { cmdline = FNR + 1; want = (blockexit == "" ? 0 : blockexit) }
      next
    }
    inblock && /^[[:space:]]*```[[:space:]]*$/ {
      if (lang == "sh") flush()
      inblock = 0; next
    }
    inblock {
      line = $0
      if (substr(line, 1, length(indent)) == indent) line = substr(line, length(indent) + 1)
      if (lang == "sh") { cmd = cmd line "\n"; next }
      if (lang == "console") {
        if (cont) { cmd = cmd line "\n"; cont = (line ~ /\\$/); if (!cont) flush(); next }
        if (line ~ /^\$ /) {
          cmd = substr(line, 3) "\n"; cmdline = FNR; want = 0
          if (match(line, /#[^#]*exit status [0-9]+[[:space:]]*$/)) {
            w = substr(line, RSTART); gsub(/[^0-9]/, "", w); want = w
          }
          cont = (line ~ /\\$/); if (!cont) flush()
        }
        next
      }
      if (line ~ /^\$ /) printf "ERROR\t%s\t%d\ta \"$ \" line outside a console block (tag the block console)\n", FILENAME, FNR
      next
    }
    /[^[:space:]]/ { pendskip = ""; pendexit = "" }
  ' "$@"
}

docs=(README.md docs/*.md)
extract "${docs[@]}" > "$work/manifest"
if grep -q '^ERROR' "$work/manifest"; then
  awk -F'\t' '$1 == "ERROR" { printf "check-docs-commands: %s:%s: %s\n", $2, $3, $4 }' "$work/manifest" >&2
  exit 1
fi

start=$SECONDS
passed=0 failed=0 skipped=0 clone="" previous=""
skips=()
while IFS=$'\t' read -r id file line want skip; do
  text=$(cat "$work/commands/$id")
  if [ "$skip" != "-" ]; then
    skipped=$((skipped + 1)); skips+=("$file:$line: $skip"); continue
  fi
  if [ "$file" != "$previous" ]; then
    previous=$file clone="$work/clone-${file//\//-}"
    git clone -q "$root" "$clone"
    mkdir -p "$clone/.build/release" && ln -s "$binary" "$clone/.build/release/hedgesim"
  fi
  status=0
  (cd "$clone" && PATH="$work/bin:$PATH" timeout "$limit" bash -e -o pipefail "$work/commands/$id") \
    > "$work/out" 2>&1 < /dev/null || status=$?
  if [ "$status" = "$want" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    [ "$status" = 124 ] && reason="took over ${limit} s" || reason="exit status $status, expected $want"
    echo "check-docs-commands: FAIL: $file:$line: $reason: ${text//$'\n'/ }" >&2
    tail -n 3 "$work/out" | sed 's/^/    /' >&2
  fi
done < "$work/manifest"

echo "check-docs-commands: $passed passed, $failed failed, in $((SECONDS - start)) s; $skipped skipped:"
for s in "${skips[@]}"; do echo "  $s"; done
[ "$failed" = 0 ] || { echo "check-docs-commands: FAIL: $failed documented command(s) failed" >&2; exit 1; }
