#!/usr/bin/env bash
# The speed benchmarks of issue 5 in one command (BENCHMARKS.md): builds the benchmark classes
# (Maven profile "benchmarks"), then runs this package, scikit-learn and the Weka peers side by side,
# the JMH minibatch benchmarks and numpy's matrix-product ceiling, and writes benchmarks/results/.
#
#   benchmarks/run.sh                  # everything, 3 repetitions (about 25 minutes on 2 cores)
#   benchmarks/run.sh --repetitions 5 --epochs 20
#   benchmarks/run.sh --skip-jmh --skip-peers
#   benchmarks/run.sh --only-jmh
#
# Needs a JDK 11+, Maven and a Python 3 with scikit-learn (Debian: apt-get install python3-sklearn);
# set PYTHON to choose the interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/benchmarks
mvn -B -q -Pbenchmarks -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmarks/classpath.txt
if [ -z "${PYTHON:-}" ]; then
  for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c 'import sklearn' 2>/dev/null; then PYTHON=$candidate; break; fi
  done
fi
if [ -z "${PYTHON:-}" ]; then
  echo "No Python with scikit-learn found: install python3-sklearn or set PYTHON." >&2
  exit 1
fi
exec "$PYTHON" benchmarks/run_benchmarks.py --python "$PYTHON" "$@"
