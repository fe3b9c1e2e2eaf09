#!/usr/bin/env bash
# Resolves WALA from Maven Central, builds our Java front end (java/) into one jar and
# gathers it with its dependency jars in one folder that the Python side finds:
#   $HYBRIDIZE_JARS if set, else <repo>/build/jars.
# Idempotent: when the Java sources and pom are unchanged since the last build, it does
# nothing (no Maven, no network).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest=${HYBRIDIZE_JARS:-$repo/build/jars}
stamp=$dest/.build-stamp

die() { printf 'fetch_wala.sh: %s\n' "$1" >&2; exit 1; }

command -v java >/dev/null 2>&1 || die "java not found. Install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless)."
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
[ -n "$java_major" ] && [ "$java_major" -ge 17 ] || die "Java 17 or newer is needed (found: ${java_major:-unknown}). Set JAVA_HOME or PATH to a JDK 17+."

# What the build depends on: the pom, every source and resource file, and the API model the
# jar bundles (hybridize/models/tensorflow*.json).
fingerprint=$(cd "$repo/java" && find pom.xml src ../hybridize/models/tensorflow.json ../hybridize/models/tensorflow_api.json ../hybridize/models/tensorflow_overrides.json -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$fingerprint" ] && [ -f "$dest/hybridize-wala.jar" ]; then
  echo "fetch_wala.sh: jars up to date in $dest"
  exit 0
fi

command -v mvn >/dev/null 2>&1 || die "mvn not found. Install Maven 3.8+ (Debian: apt-get install maven)."

echo "fetch_wala.sh: building java/ with Maven (WALA from Maven Central) ..."
log=$(mktemp)
if ! mvn -B -q -f "$repo/java/pom.xml" package -DskipTests >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  die "the Maven build failed (output above)."
fi
rm -f "$log"

rm -rf "$dest"
mkdir -p "$dest"
cp "$repo/java/target/hybridize-wala.jar" "$dest/"
cp "$repo/java/target/lib/"*.jar "$dest/"
echo "$fingerprint" >"$stamp"
echo "fetch_wala.sh: $(ls "$dest"/*.jar | wc -l) jars in $dest"
