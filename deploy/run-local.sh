#!/usr/bin/env bash
# Runs the whole Shahed suite on this machine, no Docker needed: real PostgreSQL, Kafka and S3 servers
# (from Maven artifacts) and the four services, each a separate process. Needs only a JDK 17 and curl.
#   deploy/run-local.sh            build if sources changed, then start; Ctrl-C stops everything
#   SHAHED_DATA_DIR=/path ...      keep the data elsewhere (default: .shahed-data in the repository)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data_dir="${SHAHED_DATA_DIR:-$root/.shahed-data}"
launcher="$root/deploy/local-infra/target/shahed-local-infra.jar"
cd "$root"

needs_build() {
  local jar
  for jar in "$launcher" deploy/local-infra/target/classpath.txt incident-service/target/quarkus-app/quarkus-run.jar \
             casualty-service/target/quarkus-app/quarkus-run.jar media-service/target/quarkus-app/quarkus-run.jar \
             gateway/target/quarkus-app/quarkus-run.jar; do
    [[ -f "$jar" ]] || return 0
  done
  # Any source or build file newer than the oldest artefact means a rebuild.
  local oldest
  oldest="$(ls -1tr "$launcher" */target/quarkus-app/quarkus-run.jar | head -n 1)"
  [[ -n "$(find . -path ./.shahed-data -prune -o \( -path '*/src/*' -o -name pom.xml \) -newer "$oldest" -type f -print -quit)" ]]
}

if needs_build; then
  echo "Building Shahed (first time: Maven downloads its dependencies) ..."
  ./mvnw -B -q install -DskipTests
fi

exec java -Xmx256m -cp "$launcher:$(cat "$root/deploy/local-infra/target/classpath.txt")" org.shahed.infra.LocalStackMain \
  --root "$root" --data-dir "$data_dir"
