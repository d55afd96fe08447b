#!/usr/bin/env bash
# Times p3gen side by side with what users of plain manifests run today.
#
#   bench/compare.sh [N ...]          # default: 100 1000 5000
#
# For each N it generates N distinct specs with bench/gen-specs.sh, then times
#   - p3gen render --out-dir OUT SPECS/   (every spec rendered, checked and written as files),
#   - cp -r OUT COPY                      (copying that same tree: the file system's floor),
#   - p3gen render SPECS/ > /dev/null     (the same to stdout),
#   - kubectl kustomize OUT > /dev/null   (building that same output directory),
#   - p3gen lint BUNDLE                   (the checks over the hand-written-manifest path, on the
#                                          fleet's bundle: `p3gen render SPECS/ > BUNDLE`),
# and prints two tables. The first: the wall time of each render, of cp -r and of kubectl, the
# ratios p3gen --out-dir / cp -r and kustomize / p3gen --out-dir, and p3gen's peak memory (maximum
# resident set size from /usr/bin/time -v, in one more run: timed under it, a 75 ms run takes
# 100 ms). The second: the time of p3gen lint for each N and its ratio to the time for the first N
# given. p3gen and cp run REPEAT times and the fastest run counts; a lint run that takes more than
# 10 s is not repeated; kubectl runs once.
#
# Needs kubectl, GNU time (/usr/bin/time) and cargo (or P3GEN). CI does not run it: it takes minutes
# and its figures depend on the machine. Run it on a quiet machine.
#
# Environment:
#   P3GEN               the p3gen binary (default: target/release/p3gen, built if missing)
#   WORK                scratch directory (default: a new one under ${TMPDIR:-/tmp}); the file
#                       system matters: WORK=/dev/shm/p3gen-bench takes the disk out of the figures
#   JOBS                p3gen's -j (default: the number of cores)
#   REPEAT              runs of p3gen per figure (default 5)
#   KUSTOMIZE_TIMEOUT   seconds kubectl kustomize may take per N (default 1800; 0: do not run it)
#   LINT_TIMEOUT        seconds one p3gen lint run may take per N (default 1800; 0: do not run it)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 5000)
repeat=${REPEAT:-5}
jobs=${JOBS:-$(nproc)}
timeout=${KUSTOMIZE_TIMEOUT:-1800}
lint_timeout=${LINT_TIMEOUT:-1800}
for tool in kubectl /usr/bin/time timeout; do
  command -v "$tool" >/dev/null || { echo "compare.sh needs $tool" >&2; exit 2; }
done
if [ -z "${P3GEN:-}" ]; then
  [ -x target/release/p3gen ] || cargo build --release --quiet
  P3GEN=$PWD/target/release/p3gen
fi
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/p3gen-compare.XXXXXX")}
mkdir -p "$work"

# Bash's own clock: `date` would add a process to every figure.
now() { echo "$EPOCHREALTIME"; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
over() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }

# Runs a command; sets `wall` (seconds) and `code` (its exit status). An exit status above `allow`
# (default 0) stops the script. The command runs bare: under /usr/bin/time -v, p3gen's 75 ms
# render to stdout measured 100 ms.
measure() {
  local start end
  code=0
  start=$(now)
  "$@" || code=$?
  end=$(now)
  wall=$(seconds "$start" "$end")
  if [ "$code" -gt "${allow:-0}" ]; then
    echo "exit $code: $*" >&2
    exit 2
  fi
}

# Sets `peak` to a command's maximum resident set size (KB), from one run under /usr/bin/time -v.
peak_of() {
  /usr/bin/time -q -v -o "$work/time.txt" "$@" >/dev/null || true
  peak=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
}

# The fastest of REPEAT runs of a command (`{}` in it stands for a new directory each run, under
# PREFIX: removing one just before writing the next would time the file system's clean-up too);
# sets `best`, `best_peak` (the peak memory of one more run, when `memory` is set) and `out` (the
# last directory). A run slower than `until` seconds (if set) ends the repeats.
best_of() {
  local prefix=$1
  shift
  best=""
  best_peak=0
  rm -rf "$work/$prefix"-*
  for run in $(seq "$repeat"); do
    out="$work/$prefix-$run"
    measure "${@//\{\}/$out}"
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$wall; fi
    if [ -n "${until:-}" ] && awk -v a="$wall" -v b="$until" 'BEGIN { exit !(a > b) }'; then break; fi
  done
  if [ -n "${memory:-}" ]; then
    peak_of "${@//\{\}/$work/$prefix-peak}"
    best_peak=$peak
  fi
}

echo "p3gen: $P3GEN ($("$P3GEN" --version)), -j $jobs, best of $repeat runs; $(kubectl version --client 2>/dev/null | head -1)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); scratch: $work ($(df -T "$work" | awk 'NR == 2 { print $2 }'))"
echo
printf '| specs | objects | p3gen render --out-dir | cp -r of that tree | p3gen / cp -r | p3gen render (stdout) | kubectl kustomize | kustomize / p3gen | p3gen peak memory |\n'
printf '|------:|--------:|-----------------------:|-------------------:|--------------:|----------------------:|------------------:|------------------:|------------------:|\n'
lint_rows=()
lint_first_finished=""
for n in "${sizes[@]}"; do
  specs="$work/specs-$n"
  rm -rf "$specs"
  bench/gen-specs.sh "$n" "$specs"

  memory=yes best_of out "$P3GEN" render -j "$jobs" "$specs" >/dev/null
  stdout_wall=$best
  stdout_peak=$best_peak
  memory=yes best_of out "$P3GEN" render -j "$jobs" "$specs" --out-dir {} >/dev/null
  out_dir_wall=$best
  out_dir_peak=$((best_peak > stdout_peak ? best_peak : stdout_peak))
  objects=$(find "$out" -name '*.yaml' ! -name kustomization.yaml | wc -l)
  tree=$out
  best_of copy cp -r "$tree" {}
  copy_wall=$best
  rm -rf "$work"/copy-*

  # The fleet's bundle, as `p3gen lint` reads hand-written manifests.
  bundle="$work/bundle-$n.yaml"
  "$P3GEN" render -j "$jobs" "$specs" >"$bundle"
  if [ "$lint_timeout" = 0 ]; then
    lint_text="not run"
    lint_ratio="-"
  else
    # Exit 1 (warnings or errors found) is a finished run; 124 is the timeout's.
    # A 5,000-spec bundle is above p3gen's default input limit.
    P3GEN_MAX_INPUT=$(($(stat -c %s "$bundle") + 1)) allow=124 until=10 \
      best_of lint timeout "$lint_timeout" "$P3GEN" lint "$bundle" >/dev/null
    if [ "$code" != 0 ] && [ "$code" != 1 ] && [ "$code" != 124 ]; then
      echo "p3gen lint $bundle: exit $code" >&2
      exit 2
    fi
    if [ "$code" = 124 ]; then
      best=$lint_timeout
      lint_text="> $lint_timeout s"
      more="> "
    else
      lint_text="$best s"
      more=""
    fi
    if [ "$n" = "${sizes[0]}" ]; then
      lint_first=$best
      lint_first_finished=$([ "$code" = 124 ] || echo yes)
      lint_ratio="1×"
    elif [ -n "$lint_first_finished" ]; then
      lint_ratio="$more$(over "$best" "$lint_first")"
    else
      lint_ratio="-"
    fi
  fi
  lint_rows+=("$(printf '| %s | %s | %s MB | %s | %s |' "$n" "$objects" \
    "$(du -m "$bundle" | cut -f1)" "$lint_text" "$lint_ratio")")
  rm -f "$bundle"

  start=$(now)
  if [ "$timeout" = 0 ]; then
    kustomize_text="not run"
    ratio="-"
  elif timeout "$timeout" kubectl kustomize "$tree" >"$work/kustomized.yaml"; then
    kustomize_wall=$(seconds "$start" "$(now)")
    built=$(grep -c '^kind: ' "$work/kustomized.yaml" || true)
    [ "$built" -eq "$objects" ] || echo "warning: kubectl kustomize built $built objects, p3gen wrote $objects" >&2
    ratio=$(awk -v k="$kustomize_wall" -v p="$out_dir_wall" 'BEGIN { printf "%.0f×", k / p }')
    kustomize_text="$kustomize_wall s"
  else
    kustomize_text="> $timeout s"
    ratio=$(awk -v k="$timeout" -v p="$out_dir_wall" 'BEGIN { printf "> %.0f×", k / p }')
  fi
  rm -f "$work/kustomized.yaml"
  printf '| %s | %s | %s s | %s s | %s | %s s | %s | %s | %.1f MB |\n' "$n" "$objects" "$out_dir_wall" \
    "$copy_wall" "$(over "$out_dir_wall" "$copy_wall")" "$stdout_wall" "$kustomize_text" "$ratio" \
    "$(awk -v kb="$out_dir_peak" 'BEGIN { print kb / 1024 }')"
done
echo
printf '| specs | objects | bundle | p3gen lint BUNDLE | × the time for %s specs |\n' "${sizes[0]}"
printf '|------:|--------:|-------:|------------------:|----------------------:|\n'
printf '%s\n' "${lint_rows[@]}"
rm -rf "$work"/out-* "$work"/lint-*
[ -n "${WORK:-}" ] || rm -rf "$work"
