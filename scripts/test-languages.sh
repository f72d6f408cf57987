#!/usr/bin/env bash
# test:languages: build the npm, Python and Java packages of this library, then check that one app,
# written in TypeScript (examples/languages/app.ts), Python (examples/python/app.py) and Java
# (examples/java/), synthesizes byte-identical output in all three, and that a validation error
# reaches Python and Java as an exception carrying the TypeScript message.
#
# Each app runs in three modes: the small app, `tour` (every other public factory, option and
# getter) and `duplicate-target` (two policies on one backend: prints the synth error's message).
#
# Needs node and the project's node_modules (`npm ci`), python3 >= 3.9 with the venv module,
# java >= 11 and mvn on PATH, and network access to PyPI and Maven Central. What it installs lives
# in .cache/ (gitignored) and in the Maven local repository.
#
# Environment:
#   FORCE_BUILD=1  rebuild every package, even when its output is newer than src/, package.json,
#                  README.md and .projen/tasks.json
#   M2_REPO=DIR    Maven local repository, used as a download cache by jsii-pacmak and by the
#                  example (default ~/.m2/repository); the built jar is installed there
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

CACHE=$ROOT/.cache
WORK=$CACHE/languages
OUT=$WORK/out
VENV=$WORK/venv
M2_REPO=${M2_REPO:-$HOME/.m2/repository}
FORCE_BUILD=${FORCE_BUILD:-}

# ---------------------------------------------------------------------------------------------
# Timing

TIMINGS=()
START_ALL=$EPOCHREALTIME
PHASE_NAME=''
PHASE_START=''

phase() {
  end_phase
  PHASE_NAME=$1
  PHASE_START=$EPOCHREALTIME
  printf '\n=== %s\n' "$PHASE_NAME"
}

end_phase() {
  [ -n "$PHASE_NAME" ] || return 0
  local took
  took=$(elapsed "$PHASE_START")
  TIMINGS+=("$(printf '%-32s %7ss' "$PHASE_NAME" "$took")")
  printf -- '--- %s: %ss\n' "$PHASE_NAME" "$took"
  PHASE_NAME=''
}

elapsed() {
  awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}

print_timings() {
  end_phase
  printf '\nPhase timings:\n'
  printf '  %s\n' "${TIMINGS[@]}"
  printf '  %-32s %7ss\n' 'total' "$(elapsed "$START_ALL")"
}

fail() {
  printf '\nFAIL: %s\n' "$*" >&2
  print_timings >&2
  exit 1
}

# ---------------------------------------------------------------------------------------------
phase 'setup'

for tool in node python3 java mvn; do
  command -v "$tool" >/dev/null || fail "$tool is not on PATH (needed to build and run the packages)"
done
[ -x node_modules/.bin/jsii-pacmak ] || fail "node_modules is missing: run npm ci first"
python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 9))' 2>/dev/null ||
  fail "python3 must be >= 3.9 with the venv and ensurepip modules (Debian: apt-get install python3-venv)"

VERSION=$(node -p 'require("./package.json").version')
CDK8S_VERSION=$(node -p 'require("./package.json").devDependencies.cdk8s')
CONSTRUCTS_VERSION=$(node -p 'require("./package.json").devDependencies.constructs')
echo "cdk8s-aigw-auth $VERSION, cdk8s $CDK8S_VERSION, constructs $CONSTRUCTS_VERSION"
echo "node $(node --version), $(python3 --version), $(java -version 2>&1 | head -1), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"

mkdir -p "$WORK" "$OUT"
# npm pack (run by every jsii-pacmak target) would otherwise pack .cache/ into the tarball that
# the npm package, the wheel and the jar all embed: the venv, pip's cache, anything else in here.
printf '# Keep everything in .cache/ out of npm pack (written by scripts/test-languages.sh).\n*\n' >"$CACHE/.npmignore"

# Maven downloads once: jsii-pacmak's Java build otherwise uses an empty local repository of its
# own every time. (pip keeps its usual cache, ~/.cache/pip unless PIP_CACHE_DIR says otherwise.)
# C1 only: these JVMs are short-lived, and Maven runs about a third faster (jsii-pacmak does the same).
JVM_QUICK=(-XX:+TieredCompilation -XX:TieredStopAtLevel=1)
export MAVEN_OPTS="${MAVEN_OPTS:-} ${JVM_QUICK[*]} -Dmaven.repo.local=$M2_REPO"
export PIP_DISABLE_PIP_VERSION_CHECK=1
# The jsii runtime's banner about the Node.js version would fill the Python and Java stderr.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=$(node -p 'process.versions.node.split(".")[0]')
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
export JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1

# ---------------------------------------------------------------------------------------------
# Builds. A step is skipped when its output is newer than every input; its output is removed
# before it runs, so a failed step never leaves an output that a later run would take as fresh.

INPUTS=(src package.json README.md .projen/tasks.json)
WHEEL=dist/python/cdk8s_aigw_auth-$VERSION-py3-none-any.whl
JAR_BASE=dist/java/io/github/cdk8s/cdk8s-aigw-auth/$VERSION/cdk8s-aigw-auth-$VERSION
JAR=$JAR_BASE.jar
TARBALL=dist/js/cdk8s-aigw-auth@$VERSION.jsii.tgz

up_to_date() { # OUTPUT INPUT...
  local output=$1
  shift
  [ -z "$FORCE_BUILD" ] && [ -f "$output" ] && [ -z "$(find "$@" -newer "$output" -print -quit 2>/dev/null)" ]
}

build_step() { # NAME OUTPUT TASK [EXTRA_INPUT...]
  local name=$1 output=$2 task=$3
  shift 3
  phase "$name"
  if up_to_date "$output" "${INPUTS[@]}" "$@"; then
    echo "up to date: $output is newer than ${INPUTS[*]} $*"
    return
  fi
  rm -f "$output"
  npx projen "$task"
  [ -f "$output" ] || fail "npx projen $task did not write $output"
  echo "built $output ($(wc -c <"$output") bytes)"
}

build_step 'compile (jsii)' .jsii compile
[ -f lib/index.js ] || fail "lib/index.js is missing after the compile"
build_step 'package:js' "$TARBALL" package:js .jsii lib
build_step 'package:python' "$WHEEL" package:python .jsii lib
build_step 'package:java' "$JAR" package:java .jsii lib

# ---------------------------------------------------------------------------------------------
phase 'python: fresh venv + install'

# pip >= 22.3 installs into a venv made without pip of its own, which saves seconds per run.
if python3 -m pip --help 2>/dev/null | grep -q -- '--python '; then
  python3 -m venv --clear --without-pip "$VENV"
  PIP=(python3 -m pip --python "$VENV/bin/python")
else
  python3 -m venv --clear "$VENV"
  PIP=("$VENV/bin/python" -m pip)
fi
"${PIP[@]}" install --quiet --no-input "$WHEEL" "cdk8s==$CDK8S_VERSION" "constructs==$CONSTRUCTS_VERSION"
echo "installed: $("${PIP[@]}" list --format=freeze 2>/dev/null | grep -iE '^(cdk8s|constructs|jsii)=' | tr '\n' ' ')"

# ---------------------------------------------------------------------------------------------
phase 'java: install jar + build app'

# Maven 3.8 prints stray colour codes even with -B -q.
mvn_quiet() { mvn -B -q "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'; }

INSTALLED_JAR=$M2_REPO/io/github/cdk8s/cdk8s-aigw-auth/$VERSION/cdk8s-aigw-auth-$VERSION.jar
INSTALLED_POM=${INSTALLED_JAR%.jar}.pom
if cmp -s "$JAR" "$INSTALLED_JAR" && cmp -s "$JAR_BASE.pom" "$INSTALLED_POM"; then
  echo "already in the local repository: ${INSTALLED_JAR#"$M2_REPO"/}"
else
  mvn_quiet install:install-file -Dfile="$JAR" -DpomFile="$JAR_BASE.pom"
  cmp -s "$JAR" "$INSTALLED_JAR" || fail "$INSTALLED_JAR differs from $JAR"
  echo "installed ${INSTALLED_JAR#"$M2_REPO"/}"
fi
rm -rf examples/java/target
mvn_quiet -f examples/java/pom.xml compile \
  -Daigw.version="$VERSION" -Dcdk8s.version="$CDK8S_VERSION" -Dconstructs.version="$CONSTRUCTS_VERSION"
CLASSPATH_FILE=examples/java/target/classpath.txt
grep -q "$INSTALLED_JAR" "$CLASSPATH_FILE" || fail "the Java app does not build against $INSTALLED_JAR"
JAVA_CP="examples/java/target/classes:$(cat "$CLASSPATH_FILE")"

# ---------------------------------------------------------------------------------------------
# Runs: each language, each mode, stdout to $OUT/<lang>-<mode>.out and stderr next to it.

MODES=(app tour duplicate-target)
# Read by `tour` in every language (SecretSource.fromEnv).
export AIGW_EXAMPLE_API_KEY=sk-example-from-env

run_mode() { # LANG MODE COMMAND...
  local lang=$1 mode=$2
  shift 2
  local out=$OUT/$lang-$mode.out err=$OUT/$lang-$mode.err
  if ! "$@" >"$out" 2>"$err"; then
    cat "$err" >&2
    fail "$lang $mode exited non-zero: $*"
  fi
  printf '  %-10s %-17s %6s bytes\n' "$lang" "$mode" "$(wc -c <"$out")"
}

mode_arg() { [ "$1" = app ] && echo '' || echo "$1"; }

rm -f "$OUT"/*
phase 'run: typescript'
for mode in "${MODES[@]}"; do
  # The first run type-checks the app; the others only transpile it.
  flags=(--project examples/tsconfig.json)
  [ "$mode" = app ] || flags+=(--transpile-only)
  run_mode typescript "$mode" node_modules/.bin/ts-node "${flags[@]}" examples/languages/app.ts $(mode_arg "$mode")
done

phase 'run: python'
for mode in "${MODES[@]}"; do
  run_mode python "$mode" "$VENV/bin/python" examples/python/app.py $(mode_arg "$mode")
done

phase 'run: java'
for mode in "${MODES[@]}"; do
  run_mode java "$mode" java "${JVM_QUICK[@]}" -cp "$JAVA_CP" io.github.cdk8s.aigw.auth.examples.App $(mode_arg "$mode")
done

# ---------------------------------------------------------------------------------------------
phase 'compare'

FAILED=''
for mode in app tour; do
  ts=$OUT/typescript-$mode.out
  [ -s "$ts" ] || fail "the TypeScript $mode printed nothing"
  for lang in python java; do
    if ! cmp -s "$ts" "$OUT/$lang-$mode.out"; then
      echo "DIFF typescript vs $lang ($mode):"
      diff -u --label "typescript ($mode)" --label "$lang ($mode)" "$ts" "$OUT/$lang-$mode.out" || true
      FAILED=1
    fi
  done
done

# The error: every language's message must contain AIGW001 and the whole TypeScript message.
# (Python's str(e) prefixes "Error: "; Java's getMessage() also appends the kernel's JS stack.)
if ! node - "$OUT" <<'EOF'; then FAILED=1; fi
const fs = require('fs');
const out = process.argv[2];
const read = (lang) => fs.readFileSync(`${out}/${lang}-duplicate-target.out`, 'utf8').replace(/\n$/, '');
const expected = read('typescript');
let ok = expected.includes('AIGW001');
if (!ok) console.log('the TypeScript error does not mention AIGW001:\n' + expected);
for (const lang of ['python', 'java']) {
  const message = read(lang);
  if (message.includes('AIGW001') && message.includes(expected)) {
    const extra = message.length - expected.length;
    console.log(`  ${lang}: the exception message holds AIGW001 and the TypeScript message (${extra} more characters)`);
  } else {
    ok = false;
    console.log(`DIFF the ${lang} exception message lacks the TypeScript message.\n--- typescript\n${expected}\n--- ${lang}\n${message}`);
  }
}
process.exit(ok ? 0 : 1);
EOF

# ---------------------------------------------------------------------------------------------
phase 'python: cdk8s-aigw-auth CLI'

# The wheel also installs the `cdk8s-aigw-auth` CLI (package.json `bin`) as a console script that
# runs lib/cli/main.js through the jsii runtime: it must lint like `node lib/cli/main.js`.
LINT_BAD=$OUT/lint-duplicate.yaml
{
  cat "$OUT/typescript-app.out"
  printf -- '---\napiVersion: aigateway.envoyproxy.io/v1beta1\nkind: BackendSecurityPolicy\n'
  printf 'metadata:\n  name: openai-again\n  namespace: ai-gateway\nspec:\n  type: APIKey\n'
  printf '  apiKey:\n    secretRef:\n      name: openai-apikey\n'
  printf '  targetRefs:\n    - group: aigateway.envoyproxy.io\n      kind: AIServiceBackend\n      name: openai\n'
} >"$LINT_BAD"
for input in "$OUT/typescript-app.out" "$OUT/typescript-tour.out" "$LINT_BAD"; do
  rel=${input#"$ROOT"/}
  node_status=0 py_status=0
  node lib/cli/main.js lint --format json "$rel" >"$OUT/lint-node.out" 2>&1 || node_status=$?
  "$VENV/bin/cdk8s-aigw-auth" lint --format json "$rel" >"$OUT/lint-python.out" 2>&1 || py_status=$?
  if [ "$node_status" = "$py_status" ] && cmp -s "$OUT/lint-node.out" "$OUT/lint-python.out"; then
    printf '  lint %-42s exit %s in node and in the Python console script\n' "${rel#.cache/languages/out/}" "$node_status"
  else
    echo "DIFF cdk8s-aigw-auth lint $rel: node exit $node_status, Python console script exit $py_status"
    diff -u --label node --label python "$OUT/lint-node.out" "$OUT/lint-python.out" | head -40 || true
    if grep -q 'Permission denied' "$OUT/lint-python.out"; then
      echo "  (the jsii runtime executes lib/cli/main.js directly, so it must be executable in the npm"
      echo "  tarball: the compile task has to chmod +x lib/cli/main.js after jsii)"
    fi
    FAILED=1
  fi
done
grep -q AIGW001 "$OUT/lint-node.out" || { echo "lint did not report AIGW001 for $LINT_BAD"; FAILED=1; }

[ -z "$FAILED" ] || fail "TypeScript, Python and Java disagree: see the DIFF lines above (outputs in ${OUT#"$ROOT"/})"

APP_BYTES=$(wc -c <"$OUT/typescript-app.out")
TOUR_BYTES=$(wc -c <"$OUT/typescript-tour.out")
APP_SHA=$(sha256sum "$OUT/typescript-app.out" | cut -c1-16)
print_timings
printf '\nOK: TypeScript, Python and Java outputs are byte-identical: app %s bytes (sha256 %s...), tour %s bytes; the AIGW001 error carries the same message in all three; the Python CLI lints like the node one.\n' \
  "$APP_BYTES" "$APP_SHA" "$TOUR_BYTES"
