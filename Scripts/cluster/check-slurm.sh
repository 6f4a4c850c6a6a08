#!/usr/bin/env bash
# Proves the Slurm templates on a real Slurm cluster: this machine as a one-node cluster.
#
# Usage (as root): Scripts/cluster/check-slurm.sh
#   HEDGESIM=/path/to/hedgesim   use this executable instead of building one (`swift build`, debug:
#                                the simulation kernel is optimised in every build, results are
#                                bit-identical in all of them)
#
# 1. Installs Debian's slurm-wlm, munge and jq when missing (with a policy-rc.d that keeps apt from
#    starting their system services, removed again if this script created it).
# 2. Starts a private cluster under one temporary folder: munged with its own key and socket,
#    slurmctld and slurmd in the foreground as children of this script (root, proctrack/linuxproc,
#    task/none, select/cons_tres, the machine's cores, free TCP ports). The system's munge and
#    Slurm files are neither read nor changed.
# 3. Run array (Scripts/cluster/slurm-array.sh as shipped, 4 shards) and a merge job with
#    --dependency=afterok: the merged report equals the single-process run number for number
#    (JSON without timing and thread count), and `hedgesim merge --missing` says none is missing.
# 4. Faults, in one more 4-shard array: shard 1 crashes once (killed with SIGKILL) and is requeued by
#    the template, shard 2 is cancelled (scancel) while it simulates, shard 3 fails every time and is
#    requeued once only. The merge job's dependency is then never satisfied; no partial of shard 2
#    or 3 exists (and none that `merge parts/run.*.part` would take); `hedgesim merge --missing`
#    prints `missing: 2 3`; resubmitting those two tasks and the merge gives the single run again.
# 5. Batch array (Scripts/cluster/slurm-batch.sh, 4 tasks over Examples/batch) and an index job with
#    --dependency=afterany, one task crashing once and requeued: the index job ends as a
#    single-process `hedgesim batch` of the same folder does (the broken example fails in both), and
#    index.html's counts, summary.csv and every report.json equal that batch's.
# 6. Stops what it started (cancels the jobs, stops slurmd, slurmctld and munged, reaps them) and
#    fails if any process of the cluster is still alive; removes the temporary folder, also on
#    failure or interrupt. The packages stay installed (with the key the munge package creates
#    under /etc/munge); this script's own key, sockets, state, spool, logs and reports live only in
#    the temporary folder.
#
# Every wait has a deadline. Exits 0 with one "OK" line, or non-zero with one "FAIL: …" line.
# CHECK_SLURM_KEEP=1 keeps the temporary folder (logs, reports) for a look after a failure.
# CHECK_SLURM_FAULT=corrupt|lose|differ|kill-merge|leave-daemon breaks one thing on purpose, to
# show that the check catches it (a partial altered after it was written, a shard that writes none,
# a reference run with another seed, a merge killed by SIGKILL, slurmd left running).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
export PATH="$PATH:/usr/sbin:/sbin"
fault=${CHECK_SLURM_FAULT:-}
say() { echo "check-slurm: $*" >&2; }
fail() { echo "check-slurm: FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "run as root: it installs packages and starts slurmd, which launches jobs"

# --- Cleanup (runs on every exit) ------------------------------------------------------------------
work="" conf="" munged_pid="" ctld_pid="" slurmd_pid="" policy=/usr/sbin/policy-rc.d created_policy=""
# Whether PID is a live process (a zombie is not).
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $state != Z* ]]
}
# Processes of this cluster: started with its SLURM_CONF (the daemons, slurmstepd, the jobs).
cluster_pids() {
  [ -n "$conf" ] || return 0
  local file pid
  for file in $(grep -lsaF "SLURM_CONF=$conf" /proc/[0-9]*/environ 2>/dev/null); do
    pid=${file#/proc/}
    pid=${pid%/environ}
    if [ "$pid" != "$$" ] && alive "$pid"; then echo "$pid"; fi
  done
}
# Sends TERM, waits up to 15 s, then KILL; reaps our children.
stop_pid() {
  local pid=$1 t=$SECONDS
  [ -n "$pid" ] || return 0
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    while alive "$pid" && ((SECONDS - t < 15)); do sleep 0.2; done
    if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  wait "$pid" 2>/dev/null || true
}
stop_cluster() {
  if [ -n "$ctld_pid" ] && alive "$ctld_pid"; then
    SLURM_CONF=$conf timeout 10 scancel --quiet --partition=ci >/dev/null 2>&1 || true
    local t=$SECONDS
    while [ -n "$(SLURM_CONF=$conf timeout 10 squeue -h -o %i 2>/dev/null)" ] && ((SECONDS - t < 30)); do sleep 0.5; done
  fi
  if [ "$fault" != leave-daemon ]; then stop_pid "$slurmd_pid"; fi
  stop_pid "$ctld_pid"
  stop_pid "$munged_pid"
  ctld_pid="" munged_pid=""
}
# Kills (SIGKILL) and reaps whatever of the cluster is still alive; sets `leftovers` to those PIDs.
leftovers=""
kill_leftovers() {
  local pid
  leftovers=$(cluster_pids | tr '\n' ' ')
  leftovers=${leftovers% }
  for pid in $leftovers; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in $leftovers; do wait "$pid" 2>/dev/null || true; done
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  set +e
  if [ -n "$created_policy" ]; then rm -f "$policy"; fi
  stop_cluster
  kill_leftovers
  if [ -n "$leftovers" ] && [ "$status" -eq 0 ]; then
    echo "check-slurm: FAIL: processes of the cluster still running after it was stopped: $leftovers" >&2
    status=1
  fi
  if [ -n "$work" ] && [ -n "${CHECK_SLURM_KEEP:-}" ]; then
    echo "check-slurm: kept $work" >&2
  elif [ -n "$work" ]; then
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# --- Packages --------------------------------------------------------------------------------------
missing=()
for tool in sbatch slurmctld slurmd; do command -v "$tool" >/dev/null 2>&1 || missing+=(slurm-wlm); done
command -v munged >/dev/null 2>&1 || missing+=(munge)
command -v jq >/dev/null 2>&1 || missing+=(jq)
if [ ${#missing[@]} -gt 0 ]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  say "installing ${missing[*]}"
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && created_policy=1
  fi
  ok=1
  { timeout 300 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"; } >/dev/null 2>&1 || ok=""
  if [ -n "$created_policy" ]; then rm -f "$policy" && created_policy=""; fi
  [ -n "$ok" ] || fail "apt-get install ${missing[*]} failed"
fi

# --- The hedgesim executable -----------------------------------------------------------------------
if [ -n "${HEDGESIM:-}" ]; then
  hs=$(readlink -f "$HEDGESIM")
else
  timeout 1200 swift build --product hedgesim >&2 || fail "swift build --product hedgesim failed"
  hs="$(swift build --show-bin-path)/hedgesim"
fi
[ -x "$hs" ] || fail "no hedgesim executable at $hs"

# --- A one-node cluster ----------------------------------------------------------------------------
work=$(mktemp -d /tmp/hedgesim-slurm.XXXXXX)
chmod 755 "$work" # munged wants every folder above its socket searchable
conf=$work/slurm.conf
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/log"
: >"$work/plugstack.conf" # no SPANK plugins: not even the system's /etc/slurm/plugstack.conf
if command -v mungekey >/dev/null 2>&1; then
  mungekey --create --keyfile="$work/munge/munge.key" >/dev/null 2>&1 || fail "mungekey could not create a key"
else
  dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
fi
chmod 600 "$work/munge/munge.key"
socket=$work/munge/socket
SLURM_CONF=$conf munged --foreground --socket="$socket" --key-file="$work/munge/munge.key" \
  --pid-file="$work/munge/munged.pid" --seed-file="$work/munge/seed" >"$work/log/munged.log" 2>&1 &
munged_pid=$!
t=$SECONDS
until [ -S "$socket" ]; do
  alive "$munged_pid" || fail "munged did not start: $(tail -n 1 "$work/log/munged.log" 2>/dev/null)"
  ((SECONDS - t < 15)) || fail "munged did not create its socket in 15 s"
  sleep 0.2
done
munge --socket="$socket" -n | unmunge --socket="$socket" >/dev/null || fail "munge cannot encode and decode a credential"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=16817
while ! { port_free "$port" && port_free $((port + 1)); }; do
  port=$((port + 2))
  ((port < 16900)) || fail "no two free TCP ports between 16817 and 16900"
done
node=$(hostname -s)
cpus=$(nproc)
memory=$(awk '/^MemAvailable:/ { printf "%d", $2 / 1024 * 0.8 }' /proc/meminfo)
cat >"$conf" <<EOF
# A one-node cluster for Scripts/cluster/check-slurm.sh; everything lives in $work.
ClusterName=hedgesimci
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# cred_expire is also the delay before a requeued job may start (120 s by default).
AuthInfo=socket=$socket,cred_expire=10
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
PlugStackConfig=$work/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
SchedulerParameters=sched_interval=2
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
MailProg=/bin/true
ReturnToService=2
KillWait=5
MinJobAge=600
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=ci Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
SLURM_CONF=$conf slurmctld -D -i -f "$conf" >"$work/log/slurmctld.out" 2>&1 &
ctld_pid=$!
SLURM_CONF=$conf slurmd -D -f "$conf" >"$work/log/slurmd.out" 2>&1 &
slurmd_pid=$!

# Slurm commands of this cluster, each with a deadline.
sl() { SLURM_CONF=$conf timeout 20 "$@"; }
t=$SECONDS
until [ "$(sl sinfo -h -n "$node" -o %T 2>/dev/null)" = idle ]; do
  alive "$ctld_pid" || fail "slurmctld stopped: $(tail -n 1 "$work/log/slurmctld.log" 2>/dev/null)"
  alive "$slurmd_pid" || fail "slurmd stopped: $(tail -n 1 "$work/log/slurmd.log" 2>/dev/null)"
  ((SECONDS - t < 60)) || fail "node $node not idle after 60 s: $(sl sinfo -h -N -o '%T %E' 2>&1 | head -n 1)"
  sleep 0.5
done
say "cluster up: node $node, $cpus CPUs, slurmctld port $port ($((SECONDS - t)) s)"

# --- Helpers -------------------------------------------------------------------------------------
# submit ARGS...: sbatch --parsable, prints the job id.
submit() {
  local id
  id=$(sl sbatch --parsable "$@") || fail "sbatch $* refused"
  echo "${id%%;*}"
}
# state JOB: the job's (or array task's) state, e.g. COMPLETED.
state() { sl scontrol show job -o "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -n 1 | cut -d= -f2; }
restarts() { sl scontrol show job -o "$1" 2>/dev/null | grep -o 'Restarts=[0-9]*' | head -n 1 | cut -d= -f2; }
reason() { sl squeue -h -j "$1" -o %r 2>/dev/null | head -n 1; }
# wait_done JOB SECONDS: waits until no task of JOB is pending, running or requeued.
wait_done() {
  local job=$1 limit=$2 t=$SECONDS
  local queued
  while :; do
    queued=$(sl squeue -h -j "$job" -t PD,R,CG,CF,RQ,RS,S -o '%i %T %r' 2>&1) || fail "squeue -j $job failed: $queued"
    [ -n "$queued" ] || return 0
    ((SECONDS - t < limit)) || fail "job $job not finished after $limit s: $(echo "$queued" | tr '\n' ' ')"
    sleep 0.5
  done
}
# expect_state JOB STATE: fails unless JOB ended in STATE.
expect_state() {
  local got
  got=$(state "$1")
  [ "$got" = "$2" ] || fail "job $1 ended $got, expected $2 (log: $(tail -n 1 "$3" 2>/dev/null))"
}
canonical() { jq -S 'del(.timing) | del(.scenario.threads)' "$1"; }
# same_report A B WHAT: fails unless the two JSON reports agree number for number.
same_report() {
  [ -s "$1" ] || fail "$3: no report $1"
  if ! cmp -s <(canonical "$1") <(canonical "$2"); then
    fail "$3: the merged report differs from the single-process run ($(diff <(canonical "$1") <(canonical "$2") | grep -m 2 '^[<>]' | tr -s ' ' | tr '\n' ' '))"
  fi
}

# --- 3. Run array + merge job ----------------------------------------------------------------------
seed=20261125
cat >"$work/scenario.yaml" <<'EOF'
# 5 BTC, 90 days in 15-minute steps, BitMEX perpetual at leverage 3 (pinned: shards need it).
holding: 5
price: 70000
horizonDays: 90
stepsPerDay: 96
paths: 160000
venue: bitmex
hedgeRatios: [0, 0.5, 1]
leverages: [3]
EOF
reference_seed=$seed
if [ "$fault" = differ ]; then reference_seed=$((seed + 1)); fi
t=$SECONDS
timeout 300 "$hs" run --config "$work/scenario.yaml" --seed "$reference_seed" --format json --output "$work/single.json" \
  || fail "the single-process reference run failed"
say "single-process reference: $((SECONDS - t)) s"

# A stand-in for hedgesim that misbehaves as a test asks: FLAKY_SHARD crashes (SIGKILL) on its first
# attempt, BROKEN_SHARD on every attempt; the CHECK_SLURM_FAULT cases break a shard or the merge.
cat >"$work/hedgesim-faulty" <<EOF
#!/usr/bin/env bash
args=" \$* "
case "\$args" in
  *" --shard \${FLAKY_SHARD:-x}/"*)
    if [ "\${SLURM_RESTART_COUNT:-0}" = 0 ]; then "$hs" "\$@" & sleep 0.3; kill -KILL \$! 2>/dev/null; wait; kill -KILL \$\$; fi ;;
  *" --shard \${BROKEN_SHARD:-x}/"*) kill -KILL \$\$ ;;
esac
case "${fault}:\$args" in
  "corrupt:"*" --shard 1/"*) "$hs" "\$@" || exit; f=\${args##* --partial }; f=\${f%% *}; printf 'X' | dd of="\$f" bs=1 seek=100 conv=notrunc status=none; exit 0 ;;
  "lose:"*" --shard 1/"*) exit 0 ;;
  "kill-merge:"*" merge "*) kill -KILL \$\$ ;;
esac
exec "$hs" "\$@"
EOF
chmod 755 "$work/hedgesim-faulty"
# run_array DIR ARRAY [NAME=VALUE,...]: submits the shipped run template in DIR (4 shards, 1 CPU each).
run_array() {
  mkdir -p "$1"
  submit --chdir="$1" --array="$2" --cpus-per-task=1 \
    --export="ALL,SCENARIO=$work/scenario.yaml,SEED=$seed,PARTS=parts,SHARDS=4,HEDGESIM=$work/hedgesim-faulty${3:+,$3}" \
    "$root/Scripts/cluster/slurm-array.sh"
}
merge_job() {
  submit --chdir="$1" --dependency="afterok:$2" --job-name=hedgesim-merge --output=merge.log \
    --export="ALL" --wrap "'$work/hedgesim-faulty' merge parts/run.*.part --format json --output report.json"
}

t=$SECONDS
happy=$work/happy
array=$(run_array "$happy" 0-3)
merge=$(merge_job "$happy" "$array")
wait_done "$array" 120
wait_done "$merge" 60
for i in 0 1 2 3; do expect_state "${array}_$i" COMPLETED "$happy/hedgesim-shard-${array}_$i.log"; done
expect_state "$merge" COMPLETED "$happy/merge.log"
same_report "$happy/report.json" "$work/single.json" "4-shard array + afterok merge"
[ "$("$hs" merge --missing "$happy/parts")" = "missing: none" ] || fail "merge --missing does not say none after a complete array"
say "array of 4 shards + afterok merge = single run ($((SECONDS - t)) s)"

# --- 4. Faults: a crash requeued once, a cancelled shard, a shard failing for good ----------------------
t=$SECONDS
faults=$work/faults
array=$(run_array "$faults" 0-3 FLAKY_SHARD=1,BROKEN_SHARD=3)
merge=$(merge_job "$faults" "$array")
# Cancel shard 2 while its hedgesim simulates.
t2=$SECONDS
until pgrep -f -- "--shard 2/4 --partial parts/run.2.part" >/dev/null; do
  ((SECONDS - t2 < 90)) || fail "shard 2 never started simulating ($(state "${array}_2"))"
  sleep 0.1
done
sleep 0.2
pgrep -f -- "--shard 2/4 --partial parts/run.2.part" >/dev/null || fail "shard 2 finished before it could be cancelled"
sl scancel "${array}_2" || fail "scancel ${array}_2 failed"
wait_done "$array" 150
expect_state "${array}_0" COMPLETED "$faults/hedgesim-shard-${array}_0.log"
expect_state "${array}_1" COMPLETED "$faults/hedgesim-shard-${array}_1.log"
expect_state "${array}_2" CANCELLED "$faults/hedgesim-shard-${array}_2.log"
expect_state "${array}_3" FAILED "$faults/hedgesim-shard-${array}_3.log"
[ "$(restarts "${array}_1")" = 1 ] || fail "the crashed shard 1 was not requeued exactly once (Restarts=$(restarts "${array}_1"))"
[ "$(restarts "${array}_2")" = 0 ] || fail "the cancelled shard 2 was requeued"
[ "$(restarts "${array}_3")" = 1 ] || fail "the failing shard 3 was not requeued exactly once (Restarts=$(restarts "${array}_3"))"
grep -q "requeueing it once" "$faults/hedgesim-shard-${array}_1.log" || fail "shard 1's log does not show the requeue"
t2=$SECONDS
until [ "$(reason "$merge")" = DependencyNeverSatisfied ]; do
  ((SECONDS - t2 < 30)) || fail "merge job $merge is $(state "$merge") ($(reason "$merge")), expected to wait for ever"
  sleep 0.5
done
sl scancel "$merge"
for i in 2 3; do [ ! -e "$faults/parts/run.$i.part" ] || fail "shard $i left a partial file"; done
(cd "$faults" && ! "$hs" merge parts/run.*.part --format json --output bad.json 2>"$faults/refused.txt") \
  || fail "merge took the partial files of an incomplete run"
grep -q "missing shard(s) 2, 3 of 4" "$faults/refused.txt" || fail "merge refused for another reason: $(cat "$faults/refused.txt")"
listed=$("$hs" merge --missing "$faults/parts") || fail "merge --missing failed"
[ "$listed" = "missing: 2 3" ] || fail "merge --missing printed '$listed', expected 'missing: 2 3'"
listed=${listed#missing: }
again=$(run_array "$faults" "${listed// /,}")
merge=$(merge_job "$faults" "$again")
wait_done "$again" 90
wait_done "$merge" 60
expect_state "$merge" COMPLETED "$faults/merge.log"
same_report "$faults/report.json" "$work/single.json" "faulty array, shards 2 and 3 resubmitted"
say "crash requeued once, cancelled and failing shards resubmitted from merge --missing = single run ($((SECONDS - t)) s)"

# --- 5. Batch array + index job ----------------------------------------------------------------------
t=$SECONDS
examples=$root/Examples/batch
single_status=0
timeout 300 "$hs" batch "$examples" --out "$work/batch-single" --paths 500 >/dev/null 2>"$work/batch-single.err" || single_status=$?
[ -s "$work/batch-single/summary.csv" ] || fail "the single-process batch wrote no summary.csv: $(cat "$work/batch-single.err")"
batch=$work/batch
mkdir -p "$batch"
array=$(submit --chdir="$batch" --array=0-3 --cpus-per-task=1 \
  --export="ALL,INPUT=$examples,OUT=reports,PATHS=500,SHARDS=4,HEDGESIM=$work/hedgesim-faulty,FLAKY_SHARD=1" \
  "$root/Scripts/cluster/slurm-batch.sh")
index=$(submit --chdir="$batch" --dependency="afterany:$array" --job-name=hedgesim-index --output=index.log \
  --wrap "'$hs' batch '$examples' --out reports --paths 500 --index-only")
wait_done "$array" 150
wait_done "$index" 60
for i in 0 1 2 3; do expect_state "${array}_$i" COMPLETED "$batch/hedgesim-batch-${array}_$i.log"; done
[ "$(restarts "${array}_1")" = 1 ] || fail "the crashed batch task 1 was not requeued once (Restarts=$(restarts "${array}_1"))"
# The index job ends as the single batch does (Examples/batch holds a broken file on purpose: exit 1,
# the same one-line summary of the failures).
if [ "$single_status" -eq 0 ]; then expect_state "$index" COMPLETED "$batch/index.log"; else expect_state "$index" FAILED "$batch/index.log"; fi
[ "$(sed 's/; see .*//' "$batch/index.log")" = "$(sed 's/; see .*//' "$work/batch-single.err")" ] \
  || fail "index job: '$(tail -n 1 "$batch/index.log")', the single batch: '$(tail -n 1 "$work/batch-single.err")'"
counts() { grep -o '[0-9]* scenarios: [0-9]* passed' "$1"; }
[ -n "$(counts "$batch/reports/index.html")" ] && [ "$(counts "$batch/reports/index.html")" = "$(counts "$work/batch-single/index.html")" ] \
  || fail "index.html says '$(counts "$batch/reports/index.html")', the single batch's '$(counts "$work/batch-single/index.html")'"
# summary.csv without its `reused` column (the index job reads every folder back), then each report.
cmp -s <(cut -d, -f1-2,4- "$batch/reports/summary.csv") <(cut -d, -f1-2,4- "$work/batch-single/summary.csv") \
  || fail "summary.csv of the batch array differs from the single-process batch"
reports=0
for single in "$work"/batch-single/*/report.json; do
  name=$(basename "$(dirname "$single")")
  same_report "$batch/reports/$name/report.json" "$single" "batch scenario $name"
  reports=$((reports + 1))
done
[ "$reports" -gt 0 ] || fail "the single-process batch wrote no report.json"
say "batch array of 4 tasks (one crash requeued) + afterany index = single batch, $reports reports ($((SECONDS - t)) s)"

# --- 6. Stop everything and make sure nothing is left ------------------------------------------------
stop_cluster
kill_leftovers
[ -z "$leftovers" ] || fail "processes of the cluster still running after it was stopped: $leftovers"
echo "check-slurm: OK: Slurm arrays of shards and of a batch, afterok merge and afterany index equal the single-process runs; crash requeued once, cancelled and failed shards found by merge --missing and resubmitted; daemons stopped"
