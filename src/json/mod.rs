//! JSON documents as Chilkat's `JsonObject` and `JsonArray` present them: Chilkat paths
//! (`a.b[1].c`), live views into a shared document, number literals and escapes kept exactly as
//! loaded or set, duplicate member names kept, and Chilkat 11's lenient reads. Where Chilkat
//! would lose or corrupt data (invalid JSON loading as an empty object, integers wrapping,
//! broken JSON emitted), this module refuses instead.
//!
//! ```text
//! object, array   the Chilkat classes: methods, coercions, views
//! view            one container of a shared, locked document
//! locate, path    Chilkat paths: parsing, finding, updating
//! read            how a value reads as text, integer, boolean, type code; wildcard matching
//! parse, emit     JSON text in and out
//! document        the arena of containers; string, number: scalar text
//! ```

mod array;
mod document;
mod emit;
mod locate;
mod number;
mod object;
mod parse;
mod path;
mod read;
mod string;
#[cfg(test)]
mod tests;
mod view;

pub use array::JsonArray;
pub use object::JsonObject;
