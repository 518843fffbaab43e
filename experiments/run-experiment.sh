#!/usr/bin/env bash
# Runs an Experimenter comparison and prints its significance tables (corrected paired t-test):
# accuracy and ROC area for classification, RMSE and correlation for regression.
#
# Usage: experiments/run-experiment.sh [--no-build] [--weka-home DIR] classification|regression|calibration|SETUP.xml [options]
#   classification   experiments/classification.xml: 10 x 10-fold CV, 5 schemes, 8 data sets
#   regression       experiments/regression.xml:     10 x 10-fold CV, 4 schemes, 3 data sets
#   calibration      experiments/calibration.xml:     3 x 10-fold CV, 4 schemes, 6 data sets (ECE; add
#                    --tables Expected_calibration_error,Percent_correct for its tables)
#   --no-build       use what the last 'mvn package' left in target/ (package zip, class paths, tools jar)
#   --weka-home DIR  where the package is installed for this run (default target/experiments-weka-home, made anew)
# Options passed on to the experiment (org.wekamlp.integration.tools.RunExperiment):
#   --runs N --folds K --dataset FILE (repeatable) --results FILE --tables COLUMN,COLUMN (tables printed)
#   --hosts HOST:PORT,HOST:PORT --database JDBC-URL   distribute the runs over RemoteEngine hosts
#                                                     (see experiments/remote/start-engine.sh and the README)
# Runs from the repository root, as the setups name their data sets and results file relative to it.
# The full comparisons take long on 2 cores: run them with 'nice -n 19'.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build=1
weka_home="target/experiments-weka-home"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --weka-home) weka_home="$2"; shift 2 ;;
    *) break ;;
  esac
done
if [[ $# -lt 1 ]]; then
  sed -n '2,19p' "$0" >&2
  exit 2
fi
case "$1" in
  classification|regression|calibration) setup="experiments/$1.xml" ;;
  *) setup="$1" ;;
esac
shift

if [[ $build -eq 1 ]]; then
  mvn -B -q package -DskipTests
fi
# the newest build: a target/ kept across a version change holds the older version's files too
mapfile -t zip < <(ls -t target/multiLayerPerceptronsEJML-*.zip 2>/dev/null)
mapfile -t tools < <(ls -t target/*-integration-tools.jar 2>/dev/null)
for f in "${zip[0]}" "${tools[0]}" target/it-classpath/weka.txt target/it-classpath/hsqldb.txt; do
  [[ -s "$f" ]] || { echo "Missing $f: run without --no-build (or 'mvn -B -q package -DskipTests')" >&2; exit 1; }
done
weka_cp="$(cat target/it-classpath/weka.txt)"

# Install the package as a user would, offline, into a fresh Weka home.
rm -rf "$weka_home"
mkdir -p "$weka_home/props"
export WEKA_HOME="$(cd "$weka_home" && pwd)"
java -cp "$weka_cp" weka.core.WekaPackageManager -offline -install-package "${zip[0]}" > "$WEKA_HOME/install.log" 2>&1 \
  || { cat "$WEKA_HOME/install.log" >&2; exit 1; }
# Results database settings for distributed runs (--hosts/--database)
cp experiments/remote/DatabaseUtils.props "$WEKA_HOME/props/"

# A copy of the tools jar: a rebuild of target/ during a long run must not pull it away under the JVM.
cp "${tools[0]}" "$WEKA_HOME/integration-tools.jar"

exec java -Dweka.packageManager.offline=true -cp "$weka_cp:$WEKA_HOME/integration-tools.jar:$(cat target/it-classpath/hsqldb.txt)" \
  org.wekamlp.integration.tools.RunExperiment "$setup" "$@"
