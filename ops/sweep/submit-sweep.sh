#!/bin/bash
# Queues the sharded sweep (a job array) and its merge, which starts only when every array task succeeded.
set -euo pipefail
cd "$(dirname "$0")"
shards=$(sbatch --parsable sweep-array.sbatch)
sbatch --dependency=afterok:"${shards}" sweep-merge.sbatch
