//! STUB: replaced by the key helper. Signatures are the contract.
use crate::error::Result;
use std::sync::Arc;
use zeroize::Zeroizing;

pub struct EcKey {}
impl EcKey {
    pub fn generate(_curve: &str) -> Result<EcKey> { todo!() }
    pub fn from_bytes(_data: &[u8], _password: &str) -> Result<EcKey> { todo!() }
    pub fn public_jwk(&self) -> &str { todo!() }
    pub fn private_jwk(&self) -> Zeroizing<String> { todo!() }
    pub fn thumbprint(&self, _hash_alg: &str) -> Result<String> { todo!() }
    pub fn sign_es256(&self, _message: &[u8]) -> [u8; 64] { todo!() }
}

#[derive(Default)]
pub struct PrivateKey { key: Option<Arc<EcKey>> }
impl PrivateKey {
    pub fn load_any_format_file(&mut self, _path: &str, _password: &str) -> Result<()> { todo!() }
    pub fn load_pem_file(&mut self, _path: &str) -> Result<()> { todo!() }
    pub fn load_pem(&mut self, _text: &str) -> Result<()> { todo!() }
    pub fn load_encrypted_pem(&mut self, _text: &str, _password: &str) -> Result<()> { todo!() }
    pub fn load_jwk(&mut self, _json: &str) -> Result<()> { todo!() }
    pub fn generate_ec_key(&mut self, _curve: &str) -> Result<()> { todo!() }
    pub fn jwk(&self) -> Result<Zeroizing<String>> { todo!() }
    pub fn public_jwk(&self) -> Result<String> { todo!() }
    pub fn jwk_thumbprint(&self, _hash_alg: &str) -> Result<String> { todo!() }
    pub fn key_type(&self) -> &'static str { todo!() }
    pub fn bit_length(&self) -> u32 { todo!() }
    pub fn save_pkcs8_pem_file(&self, _path: &str) -> Result<()> { todo!() }
    pub fn ec_key(&self) -> Result<Arc<EcKey>> { let _ = &self.key; todo!() }
}
