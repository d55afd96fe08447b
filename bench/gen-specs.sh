#!/usr/bin/env bash
# Writes N distinct fleet specs into DIR: bench/gen-specs.sh N DIR
# Names, namespaces (ten teams) and replica counts (1-8) vary; everything else is the template.
set -euo pipefail
count=${1:?usage: gen-specs.sh N DIR}
dir=${2:?usage: gen-specs.sh N DIR}
template="$(dirname "$0")/fleet-template.toml"
mkdir -p "$dir"
awk -v count="$count" -v dir="$dir" '
  { lines[NR] = $0 }
  END {
    for (i = 0; i < count; i++) {
      file = sprintf("%s/model-%05d.toml", dir, i)
      for (n = 1; n <= NR; n++) {
        line = lines[n]
        sub(/@NAME@/, sprintf("model-%05d", i), line)
        sub(/@NAMESPACE@/, sprintf("team-%02d", i % 10), line)
        sub(/@REPLICAS@/, 1 + i % 8, line)
        print line > file
      }
      close(file)
    }
  }' "$template"
