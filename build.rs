//! Generates the C header from `src/ffi` with cbindgen into `$OUT_DIR/dpop.h`. The committed
//! `include/dpop.h` is compared with it by `tests/header.rs` (and rewritten there with
//! `DPOP_BLESS=1`), so a stale header fails the tests instead of shipping.
//!
//! On Linux it also names the shared library `libdpop.so.MAJOR` (its SONAME): programs linked
//! with `-ldpop` then ask for that name at run time, so a later release with another major
//! version (an incompatible ABI) can be installed next to this one.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        let major = std::env::var("CARGO_PKG_VERSION_MAJOR").expect("cargo sets CARGO_PKG_VERSION_MAJOR");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libdpop.so.{major}");
    }
    // cbindgen reads the whole crate (constants anywhere end up in the header).
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    let crate_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let config = cbindgen::Config::from_file(format!("{crate_dir}/cbindgen.toml")).expect("cbindgen.toml is valid");
    cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen can read src/ffi")
        .write_to_file(format!("{out_dir}/dpop.h"));
}
