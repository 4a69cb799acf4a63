# Sourced by ./matcalc and ./test: picks a JDK 21+ and exports JAVA_HOME, or explains why it can't.
# JAVA_HOME wins when it is a JDK 21+; otherwise the newest JDK 21+ under /usr/lib/jvm.

# Bash builtins only (no sed, no subshell): this file is sourced by every ./matcalc call, whose
# start-up time is measured (bench/cli.sh).
jdk_major_of() {  # sets REPLY to the major version of the JDK at $1, or to nothing
  REPLY=""
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    local line
    while IFS= read -r line || [ -n "$line" ]; do
      if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then REPLY=${BASH_REMATCH[1]}; return 0; fi
    done < "$1/release"
  else
    REPLY=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
}

jdk_major() {  # prints the major version of the JDK at $1, or nothing
  jdk_major_of "$1"
  echo "$REPLY"
}

find_jdk() {  # sets JAVA_HOME_FOUND
  local best="" best_v=0 d
  JAVA_HOME_FOUND=""
  if [ -n "${JAVA_HOME:-}" ]; then
    jdk_major_of "$JAVA_HOME"
    if [ -n "$REPLY" ] && [ "$REPLY" -ge 21 ]; then JAVA_HOME_FOUND="$JAVA_HOME"; return 0; fi
  fi
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    jdk_major_of "$d"
    if [ -n "$REPLY" ] && [ "$REPLY" -ge 21 ] && [ "$REPLY" -gt "$best_v" ]; then best="$d"; best_v=$REPLY; fi
  done
  JAVA_HOME_FOUND="$best"
}

find_jdk
if [ -z "$JAVA_HOME_FOUND" ]; then
  echo "matcalc needs a JDK 21 or newer: none found in JAVA_HOME (${JAVA_HOME:-unset}) or under /usr/lib/jvm." >&2
  echo "Install one (e.g. apt-get install openjdk-21-jdk-headless) or point JAVA_HOME at it." >&2
  exit 3
fi
export JAVA_HOME="$JAVA_HOME_FOUND"
export PATH="$JAVA_HOME/bin:$PATH"
