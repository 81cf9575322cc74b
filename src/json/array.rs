//! `JsonArray`: a JSON array, alone or as a live view into a `JsonObject`'s document, with
//! Chilkat 11's behaviour: a negative index reads (and `DeleteAt` removes) the last element,
//! `Add*At` with a negative index or one past the end appends, and `Load` makes the array a
//! document of its own (as Chilkat's does, even for a view).

use super::document::{Document, Kind, NewValue, Value};
use super::emit::Style;
use super::number;
use super::object::JsonObject;
use super::read;
use super::read::{container, count};
use super::string::JsonString;
use super::view::View;
use crate::bail;
use crate::error::Result;

pub struct JsonArray {
    view: View,
    /// `emit` output: one line if true (the default), else indented by two spaces.
    pub emit_compact: bool,
    /// Line breaks of indented output: CRLF if true (the default), else LF.
    pub emit_crlf: bool,
}

impl Default for JsonArray {
    fn default() -> Self {
        JsonArray::viewing(View::new(Kind::Array), true, true)
    }
}

impl JsonArray {
    pub(super) fn viewing(view: View, emit_compact: bool, emit_crlf: bool) -> JsonArray {
        JsonArray {
            view,
            emit_compact,
            emit_crlf,
        }
    }

    /// A new document read from `text`, which must be a JSON array.
    pub fn from_text(text: &str) -> Result<JsonArray> {
        Ok(JsonArray::viewing(View::from_text(text, Kind::Array)?, true, true))
    }

    /// Replaces the array with the JSON array in `text`, as a document of its own; on error
    /// the old content is kept.
    pub fn load(&mut self, text: &str) -> Result<()> {
        self.view = View::from_text(text, Kind::Array)?;
        Ok(())
    }

    /// The array as JSON text, as EmitCompact and EmitCrlf say.
    pub fn emit(&self) -> Result<String> {
        let style = Style {
            pretty: !self.emit_compact,
            crlf: self.emit_crlf,
        };
        self.view.emit(Kind::Array, style)
    }

    /// The number of elements; 0 for a view whose array was removed.
    pub fn size(&self) -> usize {
        self.view.with(|doc, id| Ok(doc.array(id).map_or(0, Vec::len))).unwrap_or(0)
    }

    /// The element at `index` as text: strings decoded, numbers as written, true/false/null,
    /// objects and arrays as compact JSON.
    pub fn string_at(&self, index: i32) -> Result<String> {
        self.element(index, |doc, value| read::text(doc, value, true))
    }

    /// The integer of the element at `index`, read as `JsonObject::int_of` reads it.
    pub fn int_at(&self, index: i32) -> Result<i32> {
        self.element(index, |_, value| read::int(value, true))
    }

    pub fn bool_at(&self, index: i32) -> Result<bool> {
        self.element(index, |_, value| read::boolean(value, true))
    }

    pub fn is_null_at(&self, index: i32) -> Result<bool> {
        self.element(index, |_, value| Ok(*value == Value::Null))
    }

    pub fn type_at(&self, index: i32) -> Result<i32> {
        self.element(index, |_, value| Ok(read::type_code(value)))
    }

    /// A live view of the object at `index`.
    pub fn object_at(&self, index: i32) -> Result<JsonObject> {
        let id = self.element(index, |_, value| container(value, Kind::Object))?;
        Ok(JsonObject::viewing(self.view.at(id)))
    }

    /// A live view of the array at `index`.
    pub fn array_at(&self, index: i32) -> Result<JsonArray> {
        let id = self.element(index, |_, value| container(value, Kind::Array))?;
        Ok(JsonArray::viewing(self.view.at(id), true, true))
    }

    fn element<R>(&self, index: i32, convert: impl FnOnce(&Document, &Value) -> Result<R>) -> Result<R> {
        self.view.with(|doc, id| {
            let items = doc.array(id).map_or(&[][..], Vec::as_slice);
            match position(index, items.len()).and_then(|at| items.get(at)) {
                Some(value) => convert(doc, value),
                None => bail!(
                    NotFound,
                    "there is no element at index {index}: the array has {} element(s)",
                    items.len()
                ),
            }
        })
    }

    /// Inserts before position `index`; a negative index or one past the end appends.
    pub fn add_string_at(&self, index: i32, value: &str) -> Result<()> {
        self.insert(index, NewValue::Scalar(Value::String(JsonString::escape(value))))
    }

    pub fn add_int_at(&self, index: i32, value: i32) -> Result<()> {
        self.insert(index, NewValue::Scalar(Value::Number(value.to_string())))
    }

    pub fn add_bool_at(&self, index: i32, value: bool) -> Result<()> {
        self.insert(index, NewValue::Scalar(Value::Bool(value)))
    }

    pub fn add_null_at(&self, index: i32) -> Result<()> {
        self.insert(index, NewValue::Scalar(Value::Null))
    }

    /// Inserts the number written in `numeric_text`, exactly as written ("10.00" stays 10.00).
    pub fn add_number_at(&self, index: i32, numeric_text: &str) -> Result<()> {
        let literal = number::literal_from(numeric_text, false)?;
        self.insert(index, NewValue::Scalar(Value::Number(literal)))
    }

    pub fn add_object_at(&self, index: i32) -> Result<()> {
        self.insert(index, NewValue::Empty(Kind::Object))
    }

    pub fn add_array_at(&self, index: i32) -> Result<()> {
        self.insert(index, NewValue::Empty(Kind::Array))
    }

    /// The one place elements are inserted.
    fn insert(&self, index: i32, new: NewValue) -> Result<()> {
        self.view.with(|doc, id| {
            let value = doc.make(id, new)?;
            if let Some(items) = doc.array_mut(id) {
                let at = usize::try_from(index).ok().filter(|&at| at < items.len()).unwrap_or(items.len());
                items.insert(at, value);
            }
            Ok(())
        })
    }

    /// Removes the element at `index` (a negative index: the last one).
    pub fn delete_at(&self, index: i32) -> Result<()> {
        self.view.with(|doc, id| {
            let len = doc.array(id).map_or(0, Vec::len);
            let Some(at) = position(index, len).filter(|&at| at < len) else {
                bail!(NotFound, "there is no element at index {index}: the array has {len} element(s)");
            };
            if let Some(items) = doc.array_mut(id) {
                let removed = items.remove(at);
                doc.release(removed);
            }
            Ok(())
        })
    }

    /// Removes every element.
    pub fn clear(&self) {
        // A removed view has nothing to clear.
        let _ = self.view.with(|doc, id| {
            doc.replace_content(id, Kind::Array.empty());
            Ok(())
        });
    }

    /// The index of the first scalar element whose text matches `pattern` (`*` is a wildcard),
    /// or -1.
    pub fn find_string(&self, pattern: &str, case_sensitive: bool) -> Result<i32> {
        self.find(|_, value| read::scalar_text(value).is_some_and(|text| read::wildcard_match(pattern, &text, case_sensitive)))
    }

    /// The index of the first object whose member `name` has a scalar value matching `pattern`,
    /// or -1.
    pub fn find_object(&self, name: &str, pattern: &str, case_sensitive: bool) -> Result<i32> {
        self.find(|doc, value| {
            let members = value.container().and_then(|id| doc.object(id));
            members
                .and_then(|members| members.iter().find(|m| m.name.is(name)))
                .and_then(|member| read::scalar_text(&member.value))
                .is_some_and(|text| read::wildcard_match(pattern, &text, case_sensitive))
        })
    }

    fn find(&self, matches: impl Fn(&Document, &Value) -> bool) -> Result<i32> {
        self.view.with(|doc, id| {
            let items = doc.array(id).map_or(&[][..], Vec::as_slice);
            Ok(items.iter().position(|value| matches(doc, value)).map_or(-1, count))
        })
    }
}

/// Where `index` points in an array of `len` elements: a negative index is the last element.
fn position(index: i32, len: usize) -> Option<usize> {
    match usize::try_from(index) {
        Ok(at) => Some(at),
        Err(_) => len.checked_sub(1),
    }
}
