#!/usr/bin/env bash
# One-time machine set-up for vnkg on Debian/Ubuntu. Safe to run again: it installs only what is
# missing, and checks before any compile starts (the first compile takes ~15 minutes, and bindgen
# only asks for libclang at its very end).
#
#   scripts/setup.sh                  # what building needs: libclang (bindgen) and a C++ compiler
#   scripts/setup.sh --test           # also what the test suite needs: xmllint, chromium, wget,
#                                     # virtuoso-opensource (the push test's stock Virtuoso, ~10 s),
#                                     # openjdk-17-jre-headless (the Spark test's Java)
#   scripts/setup.sh --find-libclang  # print the libclang bindgen would load, or exit 1
#
# VNKG_SETUP_ROOT (default /) is the filesystem root searched for libclang, so the detection can
# be tested on a fake root (tests/it/setup.rs).
set -euo pipefail

root="${VNKG_SETUP_ROOT:-/}"
root="${root%/}"

# File names clang-sys (bindgen's loader) accepts: libclang.so, libclang-14.so, libclang.so.14,
# libclang-14.so.1. Never libclang-cpp.so.14, LLVM's C++ library, which the image ships.
is_libclang_name() {
  [[ "$1" =~ ^libclang(-[0-9][0-9.]*)?\.so(\.[0-9][0-9.]*)?$ ]]
}

# Prints the first real libclang in directory $1 (a dangling symlink does not count).
libclang_in_dir() {
  local f
  [ -d "$1" ] || return 1
  for f in "$1"/libclang*.so*; do
    [ -e "$f" ] || continue
    if is_libclang_name "$(basename "$f")"; then
      echo "$f"
      return 0
    fi
  done
  return 1
}

# Prints where libclang is, or a reason on stderr and exits 1.
find_libclang() {
  local d lib
  if [ -n "${LIBCLANG_PATH:-}" ]; then
    # bindgen looks there first; a LIBCLANG_PATH without libclang is a mistake worth reporting.
    if [ -f "$root$LIBCLANG_PATH" ] && is_libclang_name "$(basename "$LIBCLANG_PATH")"; then
      echo "$root$LIBCLANG_PATH"
      return 0
    fi
    if libclang_in_dir "$root$LIBCLANG_PATH"; then return 0; fi
    echo "LIBCLANG_PATH=$LIBCLANG_PATH holds no libclang (libclang.so or libclang-N.so.N)" >&2
    return 1
  fi
  if [ -z "$root" ] && command -v ldconfig >/dev/null 2>&1; then
    while read -r lib; do
      if [ -e "$lib" ] && is_libclang_name "$(basename "$lib")"; then
        echo "$lib"
        return 0
      fi
    done < <(ldconfig -p 2>/dev/null | awk '/libclang/ {print $NF}')
  fi
  for d in "$root"/usr/lib/llvm-*/lib "$root"/usr/lib/*-linux-gnu "$root"/lib/*-linux-gnu \
    "$root"/usr/lib64 "$root"/usr/lib "$root"/lib64 "$root"/lib "$root"/usr/local/lib; do
    if libclang_in_dir "$d"; then return 0; fi
  done
  echo "no libclang found (libclang-cpp is not libclang)" >&2
  return 1
}

if [ "${1:-}" = "--find-libclang" ]; then
  find_libclang
  exit $?
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust first (https://rustup.rs)" >&2
  exit 1
fi

missing=()
if ! find_libclang >/dev/null 2>&1; then
  if [ -n "${LIBCLANG_PATH:-}" ]; then
    echo "setup: LIBCLANG_PATH=$LIBCLANG_PATH holds no libclang; unset it or point it at the folder with libclang.so" >&2
    exit 1
  fi
  missing+=(libclang-dev)
fi
command -v c++ >/dev/null 2>&1 || missing+=(g++)
optional=()
if [ "${1:-}" = "--test" ]; then
  command -v xmllint >/dev/null 2>&1 || optional+=(libxml2-utils)
  command -v chromium >/dev/null 2>&1 || optional+=(chromium)
  command -v wget >/dev/null 2>&1 || optional+=(wget)
  # the test starts its own virtuoso-t on loopback ports; the package's service is not used
  command -v virtuoso-t >/dev/null 2>&1 || optional+=(virtuoso-opensource)
  # PySpark 4 runs on Java 17 or later (tests/it/spark.rs); any java on PATH will do
  command -v java >/dev/null 2>&1 || optional+=(openjdk-17-jre-headless)
fi

[ ${#missing[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
fi
if ! command -v apt-get >/dev/null 2>&1 || [ "$SUDO" = "none" ]; then
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: vnkg needs ${missing[*]} to compile its embedded store (RocksDB); install it with your package manager, then run this again" >&2
    exit 1
  fi
  echo "setup: without ${optional[*]} some tests will be skipped (install them with your package manager)" >&2
  exit 0
fi

echo "setup: installing ${missing[*]} ${optional[*]} with apt-get" >&2
$SUDO apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  if ! where=$(find_libclang 2>&1); then
    echo "setup: installed ${missing[*]} but still $where" >&2
    exit 1
  fi
fi
if [ ${#optional[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${optional[@]}" >/dev/null ||
    echo "setup: could not install ${optional[*]}; the tests that need them will say so" >&2
fi
