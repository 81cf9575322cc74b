//! Generates the C header from `src/ffi` with cbindgen into `$OUT_DIR/dpop.h`. The committed
//! `include/dpop.h` is compared with it by `tests/header.rs` (and rewritten there with
//! `DPOP_BLESS=1`), so a stale header fails the tests instead of shipping.

fn main() {
    println!("cargo:rerun-if-changed=src/ffi");
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
