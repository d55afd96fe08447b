#!/usr/bin/env bash
# Times p3gen side by side with what users of plain manifests run today.
#
#   bench/compare.sh [N ...]          # default: 100 1000 5000
#
# For each N it generates N distinct specs with bench/gen-specs.sh, then times
#   - p3gen render --out-dir OUT SPECS/   (every spec rendered, checked and written as files),
#   - p3gen render SPECS/ > /dev/null     (the same to stdout),
#   - kubectl kustomize OUT > /dev/null   (building that same output directory),
# and prints a table: the wall time of each, the ratio kustomize / p3gen --out-dir, and p3gen's peak
# memory (maximum resident set size from /usr/bin/time -v). p3gen runs REPEAT times and the fastest
# run counts (the peak memory is the largest); kubectl runs once.
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
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 5000)
repeat=${REPEAT:-5}
jobs=${JOBS:-$(nproc)}
timeout=${KUSTOMIZE_TIMEOUT:-1800}
for tool in kubectl /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "compare.sh needs $tool" >&2; exit 2; }
done
if [ -z "${P3GEN:-}" ]; then
  [ -x target/release/p3gen ] || cargo build --release --quiet
  P3GEN=$PWD/target/release/p3gen
fi
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/p3gen-compare.XXXXXX")}
mkdir -p "$work"

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Runs a command under /usr/bin/time -v; sets `wall` (seconds) and `peak` (KB).
measure() {
  local start end
  start=$(now)
  /usr/bin/time -v -o "$work/time.txt" "$@"
  end=$(now)
  wall=$(seconds "$start" "$end")
  peak=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
}

# The fastest of REPEAT runs of a p3gen command (`{}` in it stands for a new output directory each
# run: removing one just before writing the next would time the file system's clean-up too); sets
# `best`, `best_peak` (the largest peak) and `out` (the last output directory).
best_of() {
  best=""
  best_peak=0
  rm -rf "$work"/out-*
  for run in $(seq "$repeat"); do
    out="$work/out-$run"
    measure "${@//\{\}/$out}"
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$wall; fi
    if [ "$peak" -gt "$best_peak" ]; then best_peak=$peak; fi
  done
}

echo "p3gen: $P3GEN ($("$P3GEN" --version)), -j $jobs, best of $repeat runs; $(kubectl version --client 2>/dev/null | head -1)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); scratch: $work ($(df -T "$work" | awk 'NR == 2 { print $2 }'))"
echo
printf '| specs | objects | p3gen render --out-dir | p3gen render (stdout) | kubectl kustomize | kustomize / p3gen | p3gen peak memory |\n'
printf '|------:|--------:|-----------------------:|----------------------:|------------------:|------------------:|------------------:|\n'
for n in "${sizes[@]}"; do
  specs="$work/specs-$n"
  rm -rf "$specs"
  bench/gen-specs.sh "$n" "$specs"

  best_of "$P3GEN" render -j "$jobs" "$specs" >/dev/null
  stdout_wall=$best
  stdout_peak=$best_peak
  best_of "$P3GEN" render -j "$jobs" "$specs" --out-dir {} >/dev/null
  out_dir_wall=$best
  out_dir_peak=$((best_peak > stdout_peak ? best_peak : stdout_peak))
  objects=$(find "$out" -name '*.yaml' ! -name kustomization.yaml | wc -l)

  start=$(now)
  if [ "$timeout" = 0 ]; then
    kustomize_text="not run"
    ratio="-"
  elif timeout "$timeout" kubectl kustomize "$out" >"$work/kustomized.yaml"; then
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
  printf '| %s | %s | %s s | %s s | %s | %s | %.1f MB |\n' "$n" "$objects" "$out_dir_wall" \
    "$stdout_wall" "$kustomize_text" "$ratio" "$(awk -v kb="$out_dir_peak" 'BEGIN { print kb / 1024 }')"
done
rm -rf "$work"/out-*
[ -n "${WORK:-}" ] || rm -rf "$work"
