#!/usr/bin/env bash
# Starts one weka.experiment.RemoteEngine on this host, in the foreground (Ctrl-C stops it).
#
# Usage: experiments/remote/start-engine.sh [--port 1099] [--hostname NAME] [--data DIR] [--classpath CP]
#   --port      RMI registry port of this engine (default 1099; one engine per port)
#   --hostname  the name or address clients reach this host by (java.rmi.server.hostname; default: hostname -f)
#   --data      the folder the experiment's relative data set paths are resolved against: the repository
#               checkout, with datasets/ and experiments/data/ (default: this repository)
#   --classpath Weka, its dependencies and the JDBC driver of the results database (default: the class
#               path Maven wrote into target/it-classpath/ by 'mvn package': Weka 3.8.6 and HSQLDB)
# WEKA_HOME (default ~/wekafiles) must hold the installed package (WekaPackageManager -install-package) and
# props/DatabaseUtils.props (experiments/remote/DatabaseUtils.props). Extra JVM options: ENGINE_JAVA_OPTS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
port=1099
host="$(hostname -f 2>/dev/null || hostname)"
data="$repo"
classpath=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --hostname) host="$2"; shift 2 ;;
    --data) data="$(cd "$2" && pwd)"; shift 2 ;;
    --classpath) classpath="$2"; shift 2 ;;
    *) echo "Unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
if [[ -z "$classpath" ]]; then
  for f in weka hsqldb; do
    if [[ ! -s "$repo/target/it-classpath/$f.txt" ]]; then
      echo "No $repo/target/it-classpath/$f.txt: run 'mvn -B -q package -DskipTests' first, or pass --classpath" >&2
      exit 1
    fi
  done
  classpath="$(cat "$repo/target/it-classpath/weka.txt"):$(cat "$repo/target/it-classpath/hsqldb.txt")"
fi
export WEKA_HOME="${WEKA_HOME:-$HOME/wekafiles}"

cd "$data"
# shellcheck disable=SC2086 # ENGINE_JAVA_OPTS is a list of options
exec java ${ENGINE_JAVA_OPTS:-} \
  -Djava.security.manager=allow -Djava.security.policy="$here/remote.policy" \
  -Dweka.engine.home="$WEKA_HOME" -Dweka.engine.data="$data" \
  -Djava.rmi.server.hostname="$host" -Dweka.packageManager.offline=true \
  -cp "$classpath" weka.experiment.RemoteEngine -p "$port"
