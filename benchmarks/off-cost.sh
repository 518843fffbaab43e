#!/usr/bin/env bash
# Issue 12's "costs nothing when switched off (same model, same speed)", measured side by side (BENCHMARKS.md,
# "Issue 12"): builds the commit before issue 12's features (-tune, -calibrate, the explainers) in a temporary git
# worktree and the current work tree, then times the same work on both class paths in fresh JVMs, alternating
# (pair 1: baseline then current, pair 2: current then baseline, ...): org.wekamlp.benchmarks.OffCostRun trains
# MultilayerPerceptronClassifier (default options, -max-iter EPOCHS) on MNIST's training data and predicts its test
# set, then the same for MultilayerPerceptronRegressor with the digit as a numeric target. Prints the raw JSON lines
# and a table (median, range, per-pair ratios current/baseline, equal prediction hashes) and writes them to OUT.
#
#   benchmarks/off-cost.sh                       # 6 pairs, 5 epochs, baseline 8204e29
#   benchmarks/off-cost.sh --pairs 4 --epochs 3 --baseline <commit> --out benchmarks/results/off-cost.txt
#   TIMING_LOCK=/tmp/timing.lock benchmarks/off-cost.sh   # waits for that file to be absent, holds it while timing
#
# Builds run at nice 19; the timed runs at normal priority. Needs a JDK 11+, Maven, git and Python 3 (the table).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BASELINE=8204e29
PAIRS=6
EPOCHS=5
PREDICT=7
OUT=benchmarks/results/off-cost.txt
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline) BASELINE=$2; shift 2 ;;
    --pairs) PAIRS=$2; shift 2 ;;
    --epochs) EPOCHS=$2; shift 2 ;;
    --predict-repetitions) PREDICT=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "Unknown option '$1' (known: --baseline, --pairs, --epochs, --predict-repetitions, --out)" >&2; exit 2 ;;
  esac
done

WORK=$(mktemp -d /tmp/off-cost.XXXXXX)
BASE_TREE=$WORK/baseline
LOCK_HELD=
cleanup() {
  if [ -n "$LOCK_HELD" ]; then rm -f "$TIMING_LOCK"; fi
  git -C "$ROOT" worktree remove --force "$BASE_TREE" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

BASE_COMMIT=$(git rev-parse "$BASELINE^{commit}")
CURRENT_COMMIT=$(git rev-parse HEAD)
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then CURRENT_COMMIT="$CURRENT_COMMIT+uncommitted"; fi
git worktree add --detach --quiet "$BASE_TREE" "$BASE_COMMIT"

# each build's classes and its own command-line class path (compile scope: Weka, EJML, OpenBLAS/JavaCPP), at the
# lowest priority: in a session of its own whose autogroup is niced too (with the kernel's autogroup scheduling on,
# /proc/sys/kernel/sched_autogroup_enabled = 1, nice alone only ranks processes within one session)
build() {
  setsid -w bash -c 'echo 19 > /proc/self/autogroup 2> /dev/null; cd "$1" && exec nice -n 19 mvn -B -q -DskipTests \
    compile dependency:build-classpath -DincludeScope=compile -DexcludeTypes=pom -Dmdep.outputFile="$2"' _ "$1" "$2"
}
echo "[off-cost] building baseline $BASE_COMMIT and current $CURRENT_COMMIT (nice 19)" >&2
build "$BASE_TREE" "$WORK/baseline-deps.txt"
build "$ROOT" "$WORK/current-deps.txt"
mkdir -p "$WORK/driver"
# the driver uses only Weka's API: one compiled class for both builds
nice -n 19 javac --release 11 -d "$WORK/driver" -cp "$(cat "$WORK/current-deps.txt")" \
  src/jmh/java/org/wekamlp/benchmarks/OffCostRun.java
declare -A CP
CP[baseline]="$WORK/driver:$BASE_TREE/target/classes:$(cat "$WORK/baseline-deps.txt")"
CP[current]="$WORK/driver:$ROOT/target/classes:$(cat "$WORK/current-deps.txt")"

if [ -n "${TIMING_LOCK:-}" ]; then
  while [ -e "$TIMING_LOCK" ]; do echo "[off-cost] waiting for $TIMING_LOCK: $(cat "$TIMING_LOCK")" >&2; sleep 15; done
  echo "off-cost.sh started $(date)" > "$TIMING_LOCK"
  LOCK_HELD=1
fi
RAW=$WORK/raw.txt
{
  echo "# benchmarks/off-cost.sh --baseline $BASELINE --pairs $PAIRS --epochs $EPOCHS --predict-repetitions $PREDICT"
  echo "# baseline $BASE_COMMIT, current $CURRENT_COMMIT"
  same=no
  if cmp -s "$WORK/baseline-deps.txt" "$WORK/current-deps.txt"; then same=yes; fi
  echo "# class paths' dependencies equal: $same"
  echo "# $(uname -srm), $(nproc) processors, $(java -version 2>&1 | head -1)"
  echo "# start $(date -u '+%F %T') UTC, uptime: $(uptime)"
} > "$RAW"
for pair in $(seq 1 "$PAIRS"); do
  if [ $((pair % 2)) -eq 1 ]; then order="baseline current"; else order="current baseline"; fi
  for build in $order; do
    line=$(java -cp "${CP[$build]}" org.wekamlp.benchmarks.OffCostRun --train datasets/mnist_train.arff.gz \
      --test datasets/mnist_test.arff.gz --epochs "$EPOCHS" --predict-repetitions "$PREDICT" 2> "$WORK/stderr.txt" \
      | tail -1) || { cat "$WORK/stderr.txt" >&2; exit 1; }
    echo "{\"pair\": $pair, \"build\": \"$build\", \"load1\": $(cut -d' ' -f1 /proc/loadavg), ${line#\{}" >> "$RAW"
    echo "[off-cost] pair $pair $build done" >&2
  done
done
echo "# end $(date -u '+%F %T') UTC, uptime: $(uptime)" >> "$RAW"
if [ -n "$LOCK_HELD" ]; then rm -f "$TIMING_LOCK"; LOCK_HELD=; fi

mkdir -p "$(dirname "$OUT")"
{ cat "$RAW"; echo; python3 benchmarks/off_cost_table.py "$RAW"; } > "$OUT"
cat "$OUT"
