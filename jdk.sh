# Sourced by ./flashbank and .ci/run: points JAVA_HOME (and PATH) at a JDK 25, the one FlashBank builds and runs on.
# Takes FLASHBANK_JAVA_HOME, then a JAVA_HOME that already is 25 or newer, then the Temurin 25 these machines carry.
flashbank_jdk_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
flashbank_use_jdk25() {
  local candidate
  if [ -n "${FLASHBANK_JAVA_HOME:-}" ] && ! [ "$(flashbank_jdk_major "$FLASHBANK_JAVA_HOME" 2>/dev/null)" -ge 25 ] 2>/dev/null; then
    echo "FLASHBANK_JAVA_HOME=$FLASHBANK_JAVA_HOME is not a JDK 25 or newer." >&2
    return 1
  fi
  for candidate in "${FLASHBANK_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ "$(flashbank_jdk_major "$candidate")" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "FlashBank needs a JDK 25 (web3j 5 needs Java 21 or newer; the build targets Java 25)." >&2
  echo "None found: set FLASHBANK_JAVA_HOME to a JDK 25 (Temurin 25 is in /usr/lib/jvm/temurin-25-jdk-amd64 on these machines)." >&2
  return 1
}
