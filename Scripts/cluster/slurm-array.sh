#!/usr/bin/env bash
# Slurm job array: one task per shard of one `hedgesim run`, then one merge job that waits for the array.
#
#   jid=$(sbatch --parsable --array=0-15 Scripts/cluster/slurm-array.sh)        # 16 shards
#   sbatch --dependency=afterok:"$jid" --wrap \
#     "hedgesim merge parts/run.*.part --format json --output report.json"
#
# Settings, from the environment (sbatch passes it on; or --export=ALL,NAME=VALUE):
#   SCENARIO  scenario file (default scenario.yaml); every shard must get the same file and SEED
#   SEED      seed shared by every shard (default 20261125)
#   LEVERAGE  leverage list such as 3 or 2,3,5, unless the file pins `leverages:`; a shard cannot
#             choose the leverage itself (`auto` needs every path): pin the one a whole run chose
#   PARTS     folder of the partial files, created when missing (default parts)
#   SHARDS    shard count (default: the array's size); set it when resubmitting some tasks only
#   HEDGESIM  the executable (default: hedgesim on PATH)
# Paths are relative to the folder sbatch was called from (or --chdir); logs go there as
# hedgesim-shard-JOB_TASK.log.
#
# Faults. A task that fails by itself (crash, out of memory, lost node) is requeued once (--requeue,
# then `scontrol requeue`; SLURM_RESTART_COUNT counts restarts, a node failure included) and runs
# again after Slurm's requeue delay (CredExpire, 120 s by default); a second failure is final. A task
# stopped on purpose (scancel, time limit, preemption: SIGTERM) is not requeued by this script. A shard
# that is cancelled or fails for good leaves no partial file that merge would take (partials are
# written to a hidden temporary file and renamed when complete), and the merge job never starts
# (its dependency cannot be met: scancel it). Then
#   hedgesim merge --missing parts                      → missing: 3
# names the shards to run again:
#   jid=$(sbatch --parsable --array=3 --export=ALL,SHARDS=16 Scripts/cluster/slurm-array.sh)
# and the merge is submitted again with --dependency=afterok:$jid.
#SBATCH --job-name=hedgesim-shard
#SBATCH --cpus-per-task=16
#SBATCH --time=00:30:00
#SBATCH --requeue
#SBATCH --output=%x-%A_%a.log
#SBATCH --open-mode=append
set -euo pipefail
: "${SLURM_ARRAY_TASK_ID:?submit this script as a job array: sbatch --array=0-N ...}"
scenario=${SCENARIO:-scenario.yaml}
seed=${SEED:-20261125}
parts=${PARTS:-parts}
shards=${SHARDS:-${SLURM_ARRAY_TASK_COUNT:?}}
hedgesim=${HEDGESIM:-hedgesim}
shard="${SLURM_ARRAY_TASK_ID}/${shards}"
mkdir -p "$parts"
args=(run --config "$scenario" --seed "$seed" --threads "${SLURM_CPUS_PER_TASK:-1}"
  --shard "$shard" --partial "$parts/run.${SLURM_ARRAY_TASK_ID}.part")
if [ -n "${LEVERAGE:-}" ]; then args+=(--leverage "$LEVERAGE"); fi
status=0
"$hedgesim" "${args[@]}" || status=$?
if [ "$status" -eq 0 ]; then
  echo "hedgesim-shard: shard $shard done: $parts/run.${SLURM_ARRAY_TASK_ID}.part"
  exit 0
fi
restarts=${SLURM_RESTART_COUNT:-0}
# Requeue only a task that failed by itself: not one stopped with SIGTERM/SIGINT/SIGHUP (scancel,
# time limit, preemption: exit 143/130/129), and only while Slurm still counts it as running.
# (The task is named ARRAY_TASK: the plain SLURM_JOB_ID of one task can be the whole array's id.)
task="${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
job_state=$(scontrol show job -o "$task" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -n 1 | cut -d= -f2) || true
if [ "$status" -eq 143 ] || [ "$status" -eq 130 ] || [ "$status" -eq 129 ] || [ "$job_state" != RUNNING ]; then
  echo "hedgesim-shard: shard $shard stopped (exit $status, job ${job_state:-unknown}); not requeued" >&2
elif [ "$restarts" -lt 1 ]; then
  echo "hedgesim-shard: shard $shard failed (exit $status); requeueing it once" >&2
  # Requeueing ends this run; the task starts again from the top with SLURM_RESTART_COUNT=1.
  if scontrol requeue "$task"; then exit "$status"; fi
  echo "hedgesim-shard: shard $shard could not be requeued" >&2
else
  echo "hedgesim-shard: shard $shard failed again (exit $status) after $restarts restart(s); run it again with" \
    "sbatch --array=${SLURM_ARRAY_TASK_ID} --export=ALL,SHARDS=$shards slurm-array.sh" >&2
fi
exit "$status"
