#!/usr/bin/env bash
# The Slurm recipe, tried for real on this machine: a one-node Slurm cluster (munged, slurmctld,
# slurmd; config in a temporary folder), the repository's scripts/study.sbatch submitted as a job
# array over a small study, the shards merged, and the merged rows compared with a
# single-process run of the same study (run ids and every non-timing measurement). Every daemon
# it started is stopped by pid on exit. Needs root or sudo for apt-get and the daemons.
#
#   bash scripts/slurm-local.sh [STUDY.yaml] [SHARDS]      (make slurm-check)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
STUDY=${1:-Tests/LabHarnessTests/Golden/tiny.yaml}
SHARDS=${2:-2}
ATTNLAB=${ATTNLAB:-$REPO/.build/release/attnlab}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
[ -x "$ATTNLAB" ] || { echo "slurm-local: $ATTNLAB missing: swift build -c release --product attnlab" >&2; exit 2; }

missing=$(for p in slurmctld slurmd slurm-client munge; do dpkg -s $p >/dev/null 2>&1 || echo $p; done)
if [ -n "$missing" ]; then
  echo "slurm-local: installing $missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
fi

TMP=$(mktemp -d /tmp/attnlab-slurm.XXXXXX)
chmod 755 "$TMP"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do $SUDO kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do $SUDO kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    $SUDO kill -9 "$pid" 2>/dev/null || true
  done
  [ -n "${KEEP:-}" ] || $SUDO rm -rf "$TMP"
}
trap cleanup EXIT

# munge: its own key, socket and files under $TMP, in the foreground (so $! is its pid)
mkdir -p "$TMP/munge" "$TMP/state" "$TMP/spool"
dd if=/dev/urandom of="$TMP/munge/munge.key" bs=1024 count=1 status=none
chmod 700 "$TMP/munge"; chmod 400 "$TMP/munge/munge.key"
$SUDO munged --foreground --force --key-file="$TMP/munge/munge.key" --socket="$TMP/munge/munge.socket" \
  --pid-file="$TMP/munge/munged.pid" --log-file="$TMP/munge/munged.log" --seed-file="$TMP/munge/munged.seed" &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$TMP/munge/munge.socket" ] && break; sleep 0.1; done

HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
cat > "$TMP/slurm.conf" <<CONF
ClusterName=attnlab
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$TMP/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$TMP/state
SlurmdSpoolDir=$TMP/spool
SlurmctldPidFile=$TMP/slurmctld.pid
SlurmdPidFile=$TMP/slurmd.pid
SlurmctldLogFile=$TMP/slurmctld.log
SlurmdLogFile=$TMP/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$HOST CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=local Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$TMP/slurm.conf
$SUDO env SLURM_CONF="$SLURM_CONF" slurmctld -D -f "$SLURM_CONF" > "$TMP/slurmctld.out" 2>&1 &
PIDS+=($!)
$SUDO env SLURM_CONF="$SLURM_CONF" slurmd -D -f "$SLURM_CONF" > "$TMP/slurmd.out" 2>&1 &
PIDS+=($!)
up=""
for _ in $(seq 120); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed)'; then up=1; break; fi
  sleep 0.5
done
if [ -z "$up" ]; then
  echo "slurm-local: the node did not come up; logs:" >&2
  tail -n 20 "$TMP"/slurmctld.log "$TMP"/slurmd.log "$TMP"/slurmctld.out "$TMP"/slurmd.out >&2 || true
  exit 1
fi
echo "slurm-local: one-node cluster up ($HOST, $CPUS CPUs): $(sinfo -h -o '%P %T %C')"

OUT=$TMP/sharded
SINGLE=$TMP/single
start=$(date +%s)
# The array tasks pick (and here build) their binary as on a cluster of mixed nodes:
# ATTNLAB_NODE_BUILD=always makes the first task build one for this node type into
# .build-node-<cpu key>/ while the other waits for it (SLURM_CHECK_REUSE=1 uses .build/release).
NODE_BUILD=$([ -n "${SLURM_CHECK_REUSE:-}" ] || echo always)
$SUDO env SLURM_CONF="$SLURM_CONF" ATTNLAB_NODE_BUILD="$NODE_BUILD" PATH="$PATH" HOME="${HOME:-/root}" sbatch --wait --array=0-$((SHARDS - 1)) --chdir="$REPO" \
  --output="$TMP/slurm-%A_%a.out" scripts/study.sbatch "$STUDY" --out "$OUT"
echo "slurm-local: job array of $SHARDS done in $(( $(date +%s) - start )) s"
for f in "$TMP"/slurm-*.out; do tail -n 1 "$f"; done
$SUDO "$ATTNLAB" study merge "$STUDY" --out "$OUT"
"$ATTNLAB" study run "$STUDY" --out "$SINGLE" --plain > "$TMP/single.log"

# the same runs and the same non-timing measurements (timing is the 4th-from-last CSV column)
norm() { "$ATTNLAB" results show "$1" --csv | awk -F, 'NR > 1 && $(NF-2) == "false" { NF -= 2; print }' | sort; }
norm "$OUT/results.jsonl" > "$TMP/sharded.csv"
norm "$SINGLE/results.jsonl" > "$TMP/single.csv"
rows=$(wc -l < "$TMP/single.csv")
if [ "$rows" -gt 0 ] && diff -q "$TMP/sharded.csv" "$TMP/single.csv" >/dev/null; then
  echo "slurm-local: OK: merged shards equal the single-process run ($(grep -c . "$OUT/results.jsonl") rows, $rows measurements)"
else
  echo "slurm-local: FAILED: merged shards differ from the single-process run" >&2
  diff "$TMP/sharded.csv" "$TMP/single.csv" | head -20 >&2 || true
  exit 1
fi
