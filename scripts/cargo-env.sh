# Sourced by scripts/vnkg, scripts/test.sh and benches/compare.sh so that everything the README's
# commands compile lands in one target directory (RocksDB's C++ compiles once per machine):
# CARGO_TARGET_DIR when set (CI sets it), else the clone's ./target, as plain cargo would.
vnkg_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$vnkg_root/target}"

# One line before a compile that includes RocksDB, so nobody stares at a silent prompt.
announce_first_build() {
  if ! compgen -G "$CARGO_TARGET_DIR/release/.fingerprint/oxrocksdb-sys-*" >/dev/null; then
    echo "vnkg: the first build compiles the embedded store's RocksDB (C++): about 15 minutes on 2 cores, once per target directory ($CARGO_TARGET_DIR)" >&2
  fi
}
