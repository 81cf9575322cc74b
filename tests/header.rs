//! The committed include/dpop.h must be exactly what cbindgen generates from src/ffi now.

#[test]
fn committed_header_is_fresh() {
    let fresh = std::fs::read_to_string(concat!(env!("OUT_DIR"), "/dpop.h")).expect("build.rs wrote the header");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/include/dpop.h");
    if std::env::var_os("DPOP_BLESS").is_some() {
        std::fs::write(path, &fresh).expect("write include/dpop.h");
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "include/dpop.h is stale: run `DPOP_BLESS=1 cargo test --test header` and commit it"
    );
}
