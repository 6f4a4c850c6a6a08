#!/usr/bin/env bash
# Slurm job array over a folder of scenario files (`hedgesim batch`), then one job that writes the
# index when every task has ended.
#
#   jid=$(sbatch --parsable --array=0-99 Scripts/cluster/slurm-batch.sh)       # 100 tasks
#   sbatch --dependency=afterany:"$jid" --wrap "hedgesim batch scenarios --out reports --index-only"
#
# Task I of N runs the scenarios at positions I, I+N, I+2N, … of the batch's sorted list
# (`hedgesim batch --shard I/N`), each into reports/NAME/; the index job then writes
# reports/index.html and reports/summary.csv from the finished folders, lists a scenario that has
# none as failed ("not run"), and exits 0 only when all passed. A failing scenario (a bad file) is a
# result, recorded in its folder, not a task failure.
#
# Settings, from the environment (sbatch passes it on; or --export=ALL,NAME=VALUE):
#   INPUT     folder of scenario files, or one file with variants (default scenarios)
#   OUT       reports folder (default reports)
#   PATHS     paths per scenario, overriding the files (optional)
#   SEED      seed of every scenario (optional; default: the file's seed, else 1)
#   SHARDS    task count (default: the array's size); set it when resubmitting some tasks only
#   HEDGESIM  the executable (default: hedgesim on PATH)
# Give the index job the same INPUT, OUT, PATHS and SEED: they are part of each folder's inputs.
#
# Faults. A task that fails by itself (crash, out of memory, lost node) is requeued once, like
# slurm-array.sh (not one stopped by scancel or its time limit), and resumes: scenarios whose folders are complete are reused, not run again. A
# task cancelled or failed for good leaves its unfinished scenarios without a folder; the index lists
# them as not run, and running the task again (sbatch --array=I --export=ALL,SHARDS=N ...) or the
# whole array completes them.
#SBATCH --job-name=hedgesim-batch
#SBATCH --cpus-per-task=4
#SBATCH --time=02:00:00
#SBATCH --requeue
#SBATCH --output=%x-%A_%a.log
#SBATCH --open-mode=append
set -euo pipefail
: "${SLURM_ARRAY_TASK_ID:?submit this script as a job array: sbatch --array=0-N ...}"
shards=${SHARDS:-${SLURM_ARRAY_TASK_COUNT:?}}
hedgesim=${HEDGESIM:-hedgesim}
shard="${SLURM_ARRAY_TASK_ID}/${shards}"
args=(batch "${INPUT:-scenarios}" --out "${OUT:-reports}" --shard "$shard" --threads "${SLURM_CPUS_PER_TASK:-1}")
if [ -n "${PATHS:-}" ]; then args+=(--paths "$PATHS"); fi
if [ -n "${SEED:-}" ]; then args+=(--seed "$SEED"); fi
status=0
"$hedgesim" "${args[@]}" || status=$?
if [ "$status" -eq 0 ]; then exit 0; fi
restarts=${SLURM_RESTART_COUNT:-0}
# Requeue only a task that failed by itself: not one stopped with SIGTERM/SIGINT/SIGHUP (scancel,
# time limit, preemption: exit 143/130/129), and only while Slurm still counts it as running.
# (The task is named ARRAY_TASK: the plain SLURM_JOB_ID of one task can be the whole array's id.)
task="${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
job_state=$(scontrol show job -o "$task" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -n 1 | cut -d= -f2) || true
if [ "$status" -eq 143 ] || [ "$status" -eq 130 ] || [ "$status" -eq 129 ] || [ "$job_state" != RUNNING ]; then
  echo "hedgesim-batch: task $shard stopped (exit $status, job ${job_state:-unknown}); not requeued" >&2
elif [ "$restarts" -lt 1 ]; then
  echo "hedgesim-batch: task $shard failed (exit $status); requeueing it once" >&2
  # Requeueing ends this run; the task starts again from the top with SLURM_RESTART_COUNT=1.
  if scontrol requeue "$task"; then exit "$status"; fi
  echo "hedgesim-batch: task $shard could not be requeued" >&2
else
  echo "hedgesim-batch: task $shard failed again (exit $status) after $restarts restart(s); run it again with" \
    "sbatch --array=${SLURM_ARRAY_TASK_ID} --export=ALL,SHARDS=$shards slurm-batch.sh" >&2
fi
exit "$status"
