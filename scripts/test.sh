#!/usr/bin/env bash
# `./seqlab test`: the project's one test command (README, .ci/run). Installs the Debian
# packages the tests need when missing (as root, non-interactive), runs every Java test of every
# module (mvn -B verify), then the Python suites (kernel conformance, interrupt/restart, bad
# signature, lab, reproduce + headless Chromium), then the metrics conformance cases of
# ../shared/conformance/metrics, and ends with one line "N passed, N failed".
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LOGS="$(mktemp -d /tmp/seqlab-test.XXXXXX)"
START=$SECONDS
export SEQLAB_SIZE=smoke

install_debian_packages() {
  local wanted=() missing=()
  mapfile -t wanted < <(cat "$ROOT/scripts/debian-packages.txt" "$ROOT/scripts/corpus-packages.txt" \
    | sed -e 's/#.*//' -e 's/[[:space:]]//g' | grep -v '^$')
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "test: missing Debian packages (${missing[*]}) and not root" >&2; return 1; }
    sudo="sudo -n"
  fi
  echo "== installing Debian packages: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >"$LOGS/apt.log" 2>&1 \
    && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
         >>"$LOGS/apt.log" 2>&1 \
    || { tail -20 "$LOGS/apt.log" >&2; return 1; }
}

passed=0; failed=0; skipped=0

if ! install_debian_packages; then
  echo "test: could not install the Debian packages the tests need" >&2
  failed=$((failed + 1))
fi

echo "== Java tests: mvn -B verify"
rm -rf "$ROOT"/*/target/surefire-reports
mvn -B -Dstyle.color=never verify </dev/null >"$LOGS/mvn.log" 2>&1
mvn_rc=$?
grep -E "Tests run:|FAIL|ERROR\]|BUILD" "$LOGS/mvn.log" | grep -v "^\[INFO\] *$" | tail -60
read -r jp jf js < <(/usr/bin/python3 - "$ROOT" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for x in glob.glob(sys.argv[1] + "/*/target/surefire-reports/TEST-*.xml"):
    r = ET.parse(x).getroot()
    t, bad, sk = int(r.get("tests", 0)), int(r.get("failures", 0)) + int(r.get("errors", 0)), int(r.get("skipped", 0))
    p += t - bad - sk; f += bad; s += sk
print(p, f, s)
PY
)
if [[ $mvn_rc -ne 0 && $jf -eq 0 ]]; then
  echo "test: mvn verify failed outside the tests (see below)" >&2
  tail -40 "$LOGS/mvn.log" >&2
  jf=1
fi
echo "== Java: passed=$jp failed=$jf skipped=$js ($((SECONDS - START)) s)"
passed=$((passed + jp)); failed=$((failed + jf)); skipped=$((skipped + js))

echo "== kernel and report tests (Python)"
# `--version` builds only when sources changed since the last build, then asks the Java CLI.
if "$ROOT/seqlab" --version >"$LOGS/build.log" 2>&1; then
  /usr/bin/python3 "$ROOT/scripts/run_python_tests.py" "$ROOT" "$LOGS/python.counts" </dev/null 2>&1
  if [[ -s "$LOGS/python.counts" ]]; then
    read -r pp pf ps < "$LOGS/python.counts"
  else
    pp=0; pf=1; ps=0
  fi
else
  tail -30 "$LOGS/build.log" >&2
  pp=0; pf=1; ps=0
fi
echo "== Python: passed=$pp failed=$pf skipped=$ps"
passed=$((passed + pp)); failed=$((failed + pf)); skipped=$((skipped + ps))

# The peers' own test cases (sed_eval, psds_eval, jiwer) run through `./seqlab score`; one
# `--only` per score command implemented (add a command's name here when it gets its command).
# CI has a copy of shared/ beside the clone; without it this step fails, it is never skipped.
SCORE_COMMANDS=(sed psds asr)
echo "== metrics conformance: ${SCORE_COMMANDS[*]}"
CONFORMANCE="$ROOT/../shared/conformance/metrics/check.py"
if [[ ! -f "$CONFORMANCE" ]]; then
  echo "test: $CONFORMANCE is missing: the conformance cases are expected in ../shared beside the checkout" >&2
  cp=0; cf=1
else
  only=()
  for c in "${SCORE_COMMANDS[@]}"; do only+=(--only "${c}_"); done
  /usr/bin/python3 "$CONFORMANCE" "${only[@]}" --jobs 2 </dev/null >"$LOGS/conformance.log" 2>&1
  conf_rc=$?
  grep -v '^PASS ' "$LOGS/conformance.log" | tail -30
  if read -r cp total < <(sed -n 's#^metrics conformance: \([0-9]*\)/\([0-9]*\) cases agree$#\1 \2#p' "$LOGS/conformance.log" | tail -1) \
      && [[ $total -gt 0 ]]; then
    cf=$((total - cp))
    [[ $conf_rc -ne 0 && $cf -eq 0 ]] && cf=1
  else
    echo "test: the conformance check printed no summary line (log: $LOGS/conformance.log)" >&2
    cp=0; cf=1
  fi
fi
echo "== metrics conformance: passed=$cp failed=$cf"
passed=$((passed + cp)); failed=$((failed + cf))

echo "== logs in $LOGS; total $((SECONDS - START)) s"
echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
