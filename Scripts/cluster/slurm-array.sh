#!/usr/bin/env bash
# Slurm job array: one task per shard, then one merge job that waits for the array.
#   sbatch --array=0-15 Scripts/cluster/slurm-array.sh            # 16 shards
#   sbatch --dependency=afterok:<ARRAY_JOB_ID> --wrap \
#     "hedgesim merge parts/run.*.part --format json --output report.json"
# Every shard must get the same scenario and seed; SLURM_ARRAY_TASK_COUNT gives N.
#SBATCH --job-name=hedgesim-shard
#SBATCH --cpus-per-task=16
#SBATCH --time=00:30:00
#SBATCH --output=parts/slurm-%A_%a.log
set -euo pipefail
SCENARIO=${SCENARIO:-scenario.yaml}
SEED=${SEED:-20261125}
mkdir -p parts
hedgesim run --config "$SCENARIO" --seed "$SEED" --threads "${SLURM_CPUS_PER_TASK:-1}" \
  --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" \
  --partial "parts/run.${SLURM_ARRAY_TASK_ID}.part"
