#!/usr/bin/env bash
# The workshop's command (generated with the workspace, see README.md):
#   ./workshop check [STEP [EXERCISE...]]   compile, then run the exercise tests: passed, or failed with the hint
#   ./workshop list                         the exercises, step by step
#   ./workshop hint EXERCISE                what to do, where, and the hint
# STEP is 1..5, step01 or step01-namespaces. The exercise tests are unit tests: no root needed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
course=("$java" -cp "$here/.workshop/lib/*" jrocker.course.Workshop)

if [ "${1:-}" = check ]; then
  module="$("${course[@]}" module "${2:-all}")" || exit 2
  echo "workshop: compiling ${module:-every step} and its tests..." >&2
  # test-compile: the step (and the steps before it) and its tests, without running them; the checker runs
  # only the exercise tests. -q keeps Maven quiet but for compile errors.
  if ! ./mvnw -q ${module:+-pl "$module" -am} test-compile; then
    echo "workshop: it does not compile (Maven's errors are above): fix that first, then check again" >&2
    exit 1
  fi
fi
exec "${course[@]}" "$@"
