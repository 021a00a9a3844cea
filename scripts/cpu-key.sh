#!/usr/bin/env bash
# The CPU key of this machine: 12 hex digits of a hash of the architecture and the CPU's feature
# flags. Two nodes with the same key run the same release binary (see scripts/study.sbatch).
set -euo pipefail
{ uname -m; grep -m1 -E '^(flags|Features)' /proc/cpuinfo || true; } | sha256sum | cut -c1-12
