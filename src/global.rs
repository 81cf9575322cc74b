//! `Global`: Chilkat's library-wide object. Nearly every Chilkat example starts with
//! `UnlockBundle`; libdpop has nothing to unlock, so unlocking always succeeds and the status
//! is always "unlocked" (2, what Chilkat reports after unlocking with a purchased code).

#[derive(Default)]
pub struct Global;

impl Global {
    /// Accepts any code, the empty one included.
    pub fn unlock_bundle(&mut self, _unlock_code: &str) {}

    /// 2, Chilkat's "unlocked with a purchased unlock code".
    pub fn unlock_status(&self) -> i32 {
        2
    }

    /// libdpop's version ("0.1.0"), not Chilkat's.
    pub fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }
}
