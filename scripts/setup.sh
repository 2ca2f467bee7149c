#!/usr/bin/env bash
# One-time machine set-up for vnkg on Debian/Ubuntu: oxigraph's RocksDB backend needs libclang
# (bindgen) and a C++ compiler at build time. Safe to run again: it installs only what is missing.
set -euo pipefail

have_libclang() {
  ldconfig -p 2>/dev/null | grep -q 'libclang[-.0-9]*\.so' && return 0
  ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 && return 0
  [ -n "${LIBCLANG_PATH:-}" ] && return 0
  return 1
}

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust first (https://rustup.rs)" >&2
  exit 1
fi

missing=()
have_libclang || missing+=(libclang-dev)
command -v c++ >/dev/null 2>&1 || missing+=(g++)
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install ${missing[*]} (libclang and a C++ compiler) with your package manager" >&2
    exit 1
  fi
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing ${missing[*]} (needed to compile RocksDB for the embedded store)" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
