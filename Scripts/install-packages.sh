#!/usr/bin/env bash
# Installs the packages named in package lists, skipping those already present.
#
# Usage: Scripts/install-packages.sh [--best-effort] LIST...
#
# A list is a text file with one package name a line; '#' starts a comment. Its file name says
# where its packages come from:
#   *-debian.txt   Debian packages, through apt-get (as root, or through sudo)
#   *-pypi.txt     PyPI packages, through `$PYTHON -m pip install` (PYTHON defaults to python3)
# Nothing is touched when every package is present; apt-get update runs only when a Debian
# package is missing. A package that cannot be installed is an error (exit 1), or only a warning
# with --best-effort (for tools whose tests skip without them).
# The lists live in Scripts/packages/; the Makefile is what reads them.
set -euo pipefail

me=install-packages
say() { echo "$me: $*"; }
warn() { echo "$me: warning: $*" >&2; }
die() { echo "$me: error: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit "${1:-0}"; }

best_effort=false
lists=()
for arg in "$@"; do
  case $arg in
    --best-effort) best_effort=true ;;
    -h|--help) usage 0 ;;
    -*) echo "$me: unknown option $arg" >&2; usage 2 >&2 ;;
    *) lists+=("$arg") ;;
  esac
done
[ ${#lists[@]} -gt 0 ] || usage 2 >&2

# A failure: fatal, or a warning under --best-effort.
fail() { if $best_effort; then warn "$*"; else die "$*"; fi; }

# The package names in a list: comments and blank lines dropped, one name a line.
names_in() {
  [ -r "$1" ] || die "cannot read the package list $1"
  awk -v list="$1" '
    { sub(/#.*/, "") }
    NF > 1 { printf "%s:%d: one package a line, found: %s\n", list, NR, $0 > "/dev/stderr"; bad = 1; next }
    NF == 1 { print $1 }
    END { exit bad }' "$1" || die "$1 is not a package list"
}

# Runs a command as root: directly when root, else through sudo (can_be_root says whether either works).
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
can_be_root() { [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1; }

debian_installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]; }
pypi_installed() { "$python" -m pip show --quiet "$1" >/dev/null 2>&1; }

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
python=${PYTHON:-python3}

debian=() pypi=()
for list in "${lists[@]}"; do
  text=$(names_in "$list") || exit 1
  mapfile -t names <<<"$text"
  [ -n "$text" ] || names=()
  case $list in
    *-debian.txt) debian+=("${names[@]}") ;;
    *-pypi.txt) pypi+=("${names[@]}") ;;
    *) die "$list: a list's name must end in -debian.txt or -pypi.txt" ;;
  esac
done

missing_debian=() missing_pypi=() present=0

if [ ${#debian[@]} -gt 0 ]; then
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    warn "not a Debian-like system (no dpkg/apt-get); install the equivalents yourself if the build or tests need them: ${debian[*]}"
  else
    for p in "${debian[@]}"; do
      if debian_installed "$p"; then present=$((present + 1)); else missing_debian+=("$p"); fi
    done
  fi
fi

if [ ${#pypi[@]} -gt 0 ]; then
  if ! "$python" -m pip --version >/dev/null 2>&1; then
    fail "no pip for $python (set PYTHON to an interpreter with pip); not installing: ${pypi[*]}"
  else
    for p in "${pypi[@]}"; do
      if pypi_installed "$p"; then present=$((present + 1)); else missing_pypi+=("$p"); fi
    done
  fi
fi

if [ ${#missing_debian[@]} -eq 0 ] && [ ${#missing_pypi[@]} -eq 0 ]; then
  say "everything present ($present packages from ${lists[*]}); nothing to install"
  exit 0
fi

if [ ${#missing_debian[@]} -gt 0 ] && ! can_be_root; then
  fail "installing from Debian needs root: run as root, or install sudo; missing: ${missing_debian[*]}"
  missing_debian=()
fi

if [ ${#missing_debian[@]} -gt 0 ]; then
  say "installing from Debian: ${missing_debian[*]}"
  apt_install() {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      -o DPkg::Lock::Timeout=300 "$@"
  }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q -o DPkg::Lock::Timeout=300 \
    || fail "apt-get update failed"
  if ! apt_install "${missing_debian[@]}"; then
    # One bad package fails the whole batch: try them one at a time so the others still install.
    for p in "${missing_debian[@]}"; do debian_installed "$p" || apt_install "$p" || true; done
  fi
  still=()
  for p in "${missing_debian[@]}"; do debian_installed "$p" || still+=("$p"); done
  if [ ${#still[@]} -gt 0 ]; then
    fail "could not install from Debian: ${still[*]}"
  else
    say "installed from Debian: ${missing_debian[*]}"
  fi
fi

if [ ${#missing_pypi[@]} -gt 0 ]; then
  say "installing from PyPI with $python -m pip: ${missing_pypi[*]}"
  # Debian's own python3 refuses system-wide pip installs (PEP 668); the test tools are a
  # throwaway environment's, so fall back to --break-system-packages there.
  "$python" -m pip install --quiet "${missing_pypi[@]}" \
    || "$python" -m pip install --quiet --break-system-packages "${missing_pypi[@]}" || true
  still=()
  for p in "${missing_pypi[@]}"; do pypi_installed "$p" || still+=("$p"); done
  if [ ${#still[@]} -gt 0 ]; then
    fail "could not install from PyPI: ${still[*]}"
  else
    say "installed from PyPI: ${missing_pypi[*]}"
  fi
fi
