//! `scripts/setup.sh`: libclang is found the way bindgen (clang-sys) finds it, on a fake
//! filesystem root, and a machine without it is stopped before anything compiles.

use crate::common::*;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output};

fn touch(root: &Path, rel: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, b"\x7fELF").unwrap();
}

/// `scripts/setup.sh --find-libclang` with `root` as the filesystem root.
fn find(root: &Path, libclang_path: Option<&str>) -> Output {
    let mut c = Command::new("bash");
    c.arg(crate::common::root().join("scripts/setup.sh"))
        .arg("--find-libclang")
        .env("VNKG_SETUP_ROOT", root)
        .env_remove("LIBCLANG_PATH");
    if let Some(p) = libclang_path {
        c.env("LIBCLANG_PATH", p);
    }
    c.output().unwrap()
}

/// The image's case: LLVM's C++ library is there, libclang is not.
fn image_root() -> tempfile::TempDir {
    let d = tempdir();
    touch(d.path(), "usr/lib/x86_64-linux-gnu/libclang-cpp.so.14");
    touch(d.path(), "usr/lib/llvm-14/lib/libclang-cpp.so.14");
    touch(d.path(), "usr/lib/llvm-14/lib/libLLVM-14.so.1");
    d
}

#[test]
fn libclang_cpp_alone_is_not_libclang() {
    let d = image_root();
    let o = find(d.path(), None);
    assert!(!o.status.success(), "{}", stdout(&o));
    assert!(stderr(&o).contains("no libclang"), "{}", stderr(&o));
}

#[test]
fn a_versioned_libclang_is_found() {
    let d = image_root();
    touch(d.path(), "usr/lib/llvm-14/lib/libclang-14.so.1");
    let o = find(d.path(), None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o)
        .trim_end()
        .ends_with("usr/lib/llvm-14/lib/libclang-14.so.1"));

    let d = image_root();
    touch(d.path(), "usr/lib/x86_64-linux-gnu/libclang.so.1");
    let o = find(d.path(), None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("libclang.so.1"));
}

#[test]
fn a_dangling_libclang_link_is_not_libclang() {
    let d = image_root();
    symlink(
        "libclang-14.so.1",
        d.path().join("usr/lib/llvm-14/lib/libclang.so"),
    )
    .unwrap();
    assert!(!find(d.path(), None).status.success());
}

#[test]
fn libclang_path_must_hold_libclang() {
    let d = image_root();
    touch(d.path(), "usr/lib/llvm-14/lib/libclang-14.so.1");
    std::fs::create_dir_all(d.path().join("opt/empty")).unwrap();
    let o = find(d.path(), Some("/opt/empty"));
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("LIBCLANG_PATH=/opt/empty"),
        "{}",
        stderr(&o)
    );

    touch(d.path(), "opt/llvm/lib/libclang.so");
    let o = find(d.path(), Some("/opt/llvm/lib"));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("opt/llvm/lib/libclang.so"));
}

/// Without libclang and without apt-get, the README's first command stops with one line saying
/// what to install, and cargo is never started.
#[test]
fn scripts_vnkg_stops_before_compiling_without_libclang() {
    let d = image_root();
    let bin = d.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    for tool in ["bash", "dirname", "id", "basename"] {
        let path = which(tool);
        symlink(path, bin.join(tool)).unwrap();
    }
    let marker = d.path().join("cargo-ran");
    for stub in ["cargo", "c++"] {
        let script = bin.join(stub);
        std::fs::write(
            &script,
            format!("#!/bin/sh\ntouch '{}'\n", marker.display()),
        )
        .unwrap();
        Command::new("chmod")
            .arg("+x")
            .arg(&script)
            .status()
            .unwrap();
    }
    let o = Command::new(bin.join("bash"))
        .arg(root().join("scripts/vnkg"))
        .arg("build")
        .env_clear()
        .env("PATH", &bin)
        .env("HOME", d.path())
        .env("VNKG_SETUP_ROOT", d.path())
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(!o.status.success());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("libclang-dev"), "{err}");
    assert!(!marker.exists(), "cargo was started: {err}");
}

fn which(tool: &str) -> String {
    let o = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap().trim().to_string()
}
