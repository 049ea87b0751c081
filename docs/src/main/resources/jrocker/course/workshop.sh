#!/usr/bin/env bash
# The workshop's command (generated with the workspace, see README.md): ./workshop with no argument says
# what it can do. One JVM per command compiles and runs the exercise tests itself (no Maven): the steps'
# classes are kept in .workshop/build between checks, and the JVM's class data sharing archive in
# .workshop/cds (written by the first command, used by the next ones: a missing or stale one only makes a
# start slower; a check writes it, as it loads the most). The exercise tests are unit tests: no root needed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classpath=""
for jar in "$here"/.workshop/lib/*.jar; do classpath="${classpath:+$classpath:}$jar"; done
archive="$here/.workshop/cds/workshop.jsa"
sharing=()
if [ -f "$archive" ]; then
  sharing=(-XX:SharedArchiveFile="$archive")
elif [ "${1:-}" = check ]; then
  mkdir -p "$here/.workshop/cds"
  sharing=(-XX:ArchiveClassesAtExit="$archive")
fi
exec "$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off \
  ${sharing[@]+"${sharing[@]}"} -cp "$classpath" jrocker.course.Workshop "$@"
