//! `JsonObject`: a JSON object addressed by Chilkat paths (`a.b[1].c`, see `path`), with
//! Chilkat 11's behaviour wherever a working script can depend on it: members keep their order
//! and duplicates (lookups take the first), numbers and escapes are emitted as they were
//! loaded or set, reads coerce leniently, `ObjectOf`/`ArrayOf`/`ObjectAt`/`ArrayAt`/
//! `AppendObject`/`FindRecord` return live views, and index arguments past the end append.
//!
//! Where Chilkat loses data the safer behaviour is kept (tests/chilkat_diff/differences.json
//! lists each difference): invalid JSON does not load, a failed update changes nothing,
//! integers outside 32 bits are errors instead of wrapping, and Emit always writes valid JSON.

use super::array::JsonArray;
use super::document::{Document, Kind, Member, NewValue, NodeId, Value};
use super::emit::Style;
use super::locate::{find, update};
use super::number;
use super::path::{self, shown, Ijk};
use super::read::{self, container, count};
use super::string::JsonString;
use super::view::View;
use crate::bail;
use crate::error::{Error, ErrorKind, Result};
use crate::private_file;
use std::io;
use std::path::Path;

pub struct JsonObject {
    view: View,
    /// `emit`/`write_file` output: one line if true (the default), else indented by two spaces.
    pub emit_compact: bool,
    /// Line breaks of indented output: CRLF if true (the default, even on Linux), else LF.
    pub emit_crlf: bool,
    /// The values substituted for `[i]`, `[j]` and `[k]` in paths.
    pub i: i32,
    pub j: i32,
    pub k: i32,
}

impl Default for JsonObject {
    fn default() -> Self {
        JsonObject::viewing(View::new(Kind::Object))
    }
}

impl JsonObject {
    pub(super) fn viewing(view: View) -> JsonObject {
        JsonObject {
            view,
            emit_compact: true,
            emit_crlf: true,
            i: 0,
            j: 0,
            k: 0,
        }
    }

    /// A new document read from `text`, which must be a JSON object.
    pub fn from_text(text: &str) -> Result<JsonObject> {
        Ok(JsonObject::viewing(View::from_text(text, Kind::Object)?))
    }

    fn ijk(&self) -> Ijk {
        [self.i, self.j, self.k]
    }

    fn style(&self) -> Style {
        Style {
            pretty: !self.emit_compact,
            crlf: self.emit_crlf,
        }
    }

    /// Replaces the content with the JSON object in `text`; on error the old content is kept.
    /// A view's parent sees the new content. A view whose object was removed from its document
    /// becomes a document of its own.
    pub fn load(&mut self, text: &str) -> Result<()> {
        if self.view.is_removed() {
            self.view = View::from_text(text, Kind::Object)?;
            return Ok(());
        }
        self.view.replace_with_text(text, Kind::Object)
    }

    /// `load` with the content of the file at `path` (UTF-8; a byte-order mark is skipped).
    pub fn load_file(&mut self, path: &str) -> Result<()> {
        let text = private_file::read_whole(Path::new(path))
            .and_then(|bytes| String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e)))
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read JSON file '{path}': {e}")))?;
        self.load(&text).map_err(|e| e.context(format!("cannot load JSON file '{path}'")))
    }

    /// Writes `emit()` to `path`, replacing the file.
    pub fn write_file(&self, path: &str) -> Result<()> {
        std::fs::write(path, self.emit()).map_err(|e| Error::new(ErrorKind::Io, format!("cannot write JSON file '{path}': {e}")))
    }

    /// The object as JSON text, as EmitCompact and EmitCrLf say. "" for a view whose object was
    /// removed from its document (as Chilkat, which also reports success then).
    pub fn emit(&self) -> String {
        self.view.emit(Kind::Object, self.style()).unwrap_or_default()
    }

    /// The number of members; 0 for a view whose object was removed.
    pub fn size(&self) -> usize {
        self.view.with(|doc, id| Ok(doc.object(id).map_or(0, Vec::len))).unwrap_or(0)
    }

    pub fn update_string(&self, path: &str, value: &str) -> Result<()> {
        self.update(path, NewValue::Scalar(Value::String(JsonString::escape(value))))
    }

    pub fn update_int(&self, path: &str, value: i32) -> Result<()> {
        self.update(path, NewValue::Scalar(Value::Number(value.to_string())))
    }

    pub fn update_bool(&self, path: &str, value: bool) -> Result<()> {
        self.update(path, NewValue::Scalar(Value::Bool(value)))
    }

    pub fn update_null(&self, path: &str) -> Result<()> {
        self.update(path, NewValue::Scalar(Value::Null))
    }

    /// Stores `numeric_text` as a number literal, exactly as written ("10.00" stays 10.00).
    /// Surrounding whitespace is dropped and a decimal comma accepted ("1,5"), as in Chilkat;
    /// text that is not a JSON number is an error (Chilkat would emit it as broken JSON).
    pub fn update_number(&self, path: &str, numeric_text: &str) -> Result<()> {
        let literal =
            number::literal_from(numeric_text, true).map_err(|e| e.context(format!("cannot update JSON path '{}'", shown(path))))?;
        self.update(path, NewValue::Scalar(Value::Number(literal)))
    }

    /// Puts an empty object at `path`, or keeps the object already there (with its content).
    pub fn update_new_object(&self, path: &str) -> Result<()> {
        self.update(path, NewValue::Empty(Kind::Object))
    }

    /// Puts an empty array at `path`, replacing an array or scalar there.
    pub fn update_new_array(&self, path: &str) -> Result<()> {
        self.update(path, NewValue::Empty(Kind::Array))
    }

    /// The one place Update* write.
    fn update(&self, path: &str, new: NewValue) -> Result<()> {
        let steps = path::parse(path, self.ijk())?;
        self.view
            .with(|doc, id| update(doc, id, &steps, new))
            .map_err(|e| e.context(format!("cannot update JSON path '{}'", shown(path))))
    }

    /// The value at `path` as text: strings decoded, numbers as written, true/false/null, an
    /// array as compact JSON. An object is an error (use `object_of`).
    pub fn string_of(&self, path: &str) -> Result<String> {
        self.read(path, |doc, value| read::text(doc, value, false))
    }

    /// The integer at `path`, read leniently from a number or a string ("3.7" is 3); 0 for a
    /// boolean, null or array. An object, or a value outside 32 bits, is an error.
    pub fn int_of(&self, path: &str) -> Result<i32> {
        self.read(path, |_, value| read::int(value, false))
    }

    /// True for `true` or a string saying "true" in any case; false for other values. An
    /// object is an error.
    pub fn bool_of(&self, path: &str) -> Result<bool> {
        self.read(path, |_, value| read::boolean(value, false))
    }

    pub fn is_null_of(&self, path: &str) -> Result<bool> {
        self.read(path, |_, value| Ok(*value == Value::Null))
    }

    /// The type code of the value at `path` (see `read::TYPE_*`).
    pub fn json_type_of(&self, path: &str) -> Result<i32> {
        self.read(path, |_, value| Ok(read::type_code(value)))
    }

    /// Ok(true) if `path` leads to a value (null included). As in Chilkat, a path that leads
    /// nowhere is a failed call (NotFound), not Ok(false).
    pub fn has_member(&self, path: &str) -> Result<bool> {
        self.read(path, |_, _| Ok(true))
    }

    /// The number of elements of the array at `path`; -1 if the value there is not an array.
    pub fn size_of_array(&self, path: &str) -> Result<i32> {
        self.read(path, |doc, value| {
            Ok(value
                .container()
                .and_then(|id| doc.array(id))
                .map_or(-1, |items| count(items.len())))
        })
    }

    /// A live view of the object at `path`.
    pub fn object_of(&self, path: &str) -> Result<JsonObject> {
        let id = self.read(path, |_, value| container(value, Kind::Object))?;
        Ok(JsonObject::viewing(self.view.at(id)))
    }

    /// A live view of the array at `path`; it emits as this object does.
    pub fn array_of(&self, path: &str) -> Result<JsonArray> {
        let id = self.read(path, |_, value| container(value, Kind::Array))?;
        Ok(self.array_view(id))
    }

    fn array_view(&self, id: NodeId) -> JsonArray {
        JsonArray::viewing(self.view.at(id), self.emit_compact, self.emit_crlf)
    }

    /// The one place the path reads look up a value.
    fn read<R>(&self, path: &str, convert: impl FnOnce(&Document, &Value) -> Result<R>) -> Result<R> {
        let steps = path::parse(path, self.ijk())?;
        self.view.with(|doc, id| match find(doc, id, &steps) {
            Some(value) => convert(doc, value).map_err(|e| e.context(format!("JSON path '{}'", shown(path)))),
            None => bail!(NotFound, "JSON path '{}' not found", shown(path)),
        })
    }

    /// The name of the member at `index` (0 is the first).
    pub fn name_at(&self, index: i32) -> Result<String> {
        self.member_at(index, |_, member| Ok(member.name.decoded().into_owned()))
    }

    /// The member at `index` as text, as `string_of` (an object too, as compact JSON).
    pub fn string_at(&self, index: i32) -> Result<String> {
        self.member_at(index, |doc, member| read::text(doc, &member.value, true))
    }

    pub fn int_at(&self, index: i32) -> Result<i32> {
        self.member_at(index, |_, member| read::int(&member.value, true))
    }

    pub fn bool_at(&self, index: i32) -> Result<bool> {
        self.member_at(index, |_, member| read::boolean(&member.value, true))
    }

    pub fn is_null_at(&self, index: i32) -> Result<bool> {
        self.member_at(index, |_, member| Ok(member.value == Value::Null))
    }

    pub fn type_at(&self, index: i32) -> Result<i32> {
        self.member_at(index, |_, member| Ok(read::type_code(&member.value)))
    }

    pub fn object_at(&self, index: i32) -> Result<JsonObject> {
        let id = self.member_at(index, |_, member| container(&member.value, Kind::Object))?;
        Ok(JsonObject::viewing(self.view.at(id)))
    }

    pub fn array_at(&self, index: i32) -> Result<JsonArray> {
        let id = self.member_at(index, |_, member| container(&member.value, Kind::Array))?;
        Ok(self.array_view(id))
    }

    fn member_at<R>(&self, index: i32, convert: impl FnOnce(&Document, &Member) -> Result<R>) -> Result<R> {
        self.view.with(|doc, id| {
            let members = doc.object(id).map_or(&[][..], Vec::as_slice);
            match usize::try_from(index).ok().and_then(|at| members.get(at)) {
                Some(member) => convert(doc, member),
                None => bail!(
                    NotFound,
                    "there is no member at index {index}: the object has {} member(s)",
                    members.len()
                ),
            }
        })
    }

    /// The index of the first member named `name`.
    pub fn index_of(&self, name: &str) -> Result<i32> {
        self.view.with(|doc, id| match first_named(doc, id, name) {
            Some(at) => Ok(count(at)),
            None => bail!(NotFound, "there is no member named '{}'", shown(name)),
        })
    }

    /// Removes the first member named `name` (a name, not a path); the others keep their order.
    pub fn delete(&self, name: &str) -> Result<()> {
        self.view.with(|doc, id| match first_named(doc, id, name) {
            Some(at) => {
                remove_member(doc, id, at);
                Ok(())
            }
            None => bail!(
                NotFound,
                "cannot delete member '{}': there is no member with that name",
                shown(name)
            ),
        })
    }

    /// Removes the member at `index`. An index out of range removes nothing and is not an
    /// error, as in Chilkat (so `DeleteAt(IndexOf(name))` deletes a member if it is there).
    pub fn delete_at(&self, index: i32) -> Result<()> {
        self.view.with(|doc, id| {
            let len = doc.object(id).map_or(0, Vec::len);
            if let Some(at) = usize::try_from(index).ok().filter(|&at| at < len) {
                remove_member(doc, id, at);
            }
            Ok(())
        })
    }

    /// Renames the first member named `old`.
    pub fn rename(&self, old: &str, new: &str) -> Result<()> {
        let index = self
            .index_of(old)
            .map_err(|e| e.context(format!("cannot rename member '{}'", shown(old))))?;
        self.rename_at(index, new)
    }

    pub fn rename_at(&self, index: i32, name: &str) -> Result<()> {
        self.view.with(|doc, id| {
            let members = doc.object_mut(id).map_or(&mut [][..], Vec::as_mut_slice);
            let len = members.len();
            match usize::try_from(index).ok().and_then(|at| members.get_mut(at)) {
                Some(member) => {
                    member.name = JsonString::escape(name);
                    Ok(())
                }
                None => bail!(
                    NotFound,
                    "cannot rename the member at index {index}: the object has {len} member(s)"
                ),
            }
        })
    }

    /// Removes every member.
    pub fn clear(&self) {
        // A removed view has nothing to clear.
        let _ = self.view.with(|doc, id| {
            doc.replace_content(id, Kind::Object.empty());
            Ok(())
        });
    }

    pub fn append_string(&self, name: &str, value: &str) -> Result<()> {
        self.add_string_at(-1, name, value)
    }

    pub fn append_int(&self, name: &str, value: i32) -> Result<()> {
        self.add_int_at(-1, name, value)
    }

    pub fn append_bool(&self, name: &str, value: bool) -> Result<()> {
        self.add_bool_at(-1, name, value)
    }

    /// Appends a member holding an empty object and returns a live view of it.
    pub fn append_object(&self, name: &str) -> Result<JsonObject> {
        let id = self.insert(-1, name, NewValue::Empty(Kind::Object))?;
        Ok(JsonObject::viewing(self.view.at(id)))
    }

    /// Appends a member holding an empty array and returns a live view of it.
    pub fn append_array(&self, name: &str) -> Result<JsonArray> {
        let id = self.insert(-1, name, NewValue::Empty(Kind::Array))?;
        Ok(self.array_view(id))
    }

    /// Inserts a member before position `index`; a negative index or one past the end appends.
    /// `name` is taken as it is (not a path), and may repeat an existing name.
    pub fn add_string_at(&self, index: i32, name: &str, value: &str) -> Result<()> {
        self.insert(index, name, NewValue::Scalar(Value::String(JsonString::escape(value))))
            .map(drop)
    }

    pub fn add_int_at(&self, index: i32, name: &str, value: i32) -> Result<()> {
        self.insert(index, name, NewValue::Scalar(Value::Number(value.to_string())))
            .map(drop)
    }

    pub fn add_bool_at(&self, index: i32, name: &str, value: bool) -> Result<()> {
        self.insert(index, name, NewValue::Scalar(Value::Bool(value))).map(drop)
    }

    pub fn add_null_at(&self, index: i32, name: &str) -> Result<()> {
        self.insert(index, name, NewValue::Scalar(Value::Null)).map(drop)
    }

    /// Like `update_number`, but as Chilkat's AddNumberAt, without reading a decimal comma.
    pub fn add_number_at(&self, index: i32, name: &str, numeric_text: &str) -> Result<()> {
        let literal = number::literal_from(numeric_text, false)?;
        self.insert(index, name, NewValue::Scalar(Value::Number(literal))).map(drop)
    }

    pub fn add_object_at(&self, index: i32, name: &str) -> Result<()> {
        self.insert(index, name, NewValue::Empty(Kind::Object)).map(drop)
    }

    pub fn add_array_at(&self, index: i32, name: &str) -> Result<()> {
        self.insert(index, name, NewValue::Empty(Kind::Array)).map(drop)
    }

    /// The one place members are inserted. Returns the id of the container it made (or of this
    /// object, for a scalar), for the methods that return a view of it.
    fn insert(&self, index: i32, name: &str, new: NewValue) -> Result<NodeId> {
        self.view.with(|doc, id| {
            let value = doc.make(id, new)?;
            let made = value.container().unwrap_or(id);
            if let Some(members) = doc.object_mut(id) {
                let at = usize::try_from(index)
                    .ok()
                    .filter(|&at| at < members.len())
                    .unwrap_or(members.len());
                members.insert(
                    at,
                    Member {
                        name: JsonString::escape(name),
                        value,
                    },
                );
            }
            Ok(made)
        })
    }

    /// A live view of the first object in the array at `array_path` whose value at `rel_path`
    /// matches `pattern` (`*` is a wildcard; see `read::wildcard_match`).
    pub fn find_record(&self, array_path: &str, rel_path: &str, pattern: &str, case_sensitive: bool) -> Result<JsonObject> {
        let id = self.find_record_id(array_path, rel_path, pattern, case_sensitive)?;
        Ok(JsonObject::viewing(self.view.at(id)))
    }

    /// The value at `ret_rel_path` (as `string_of`) of the record `find_record` finds.
    pub fn find_record_string(
        &self,
        array_path: &str,
        rel_path: &str,
        pattern: &str,
        case_sensitive: bool,
        ret_rel_path: &str,
    ) -> Result<String> {
        self.find_record(array_path, rel_path, pattern, case_sensitive)?
            .string_of(ret_rel_path)
    }

    fn find_record_id(&self, array_path: &str, rel_path: &str, pattern: &str, case_sensitive: bool) -> Result<NodeId> {
        let array_steps = path::parse(array_path, self.ijk())?;
        let rel_steps = path::parse(rel_path, self.ijk())?;
        self.view.with(|doc, id| {
            let Some(items) = find(doc, id, &array_steps)
                .and_then(Value::container)
                .and_then(|array| doc.array(array))
            else {
                bail!(NotFound, "there is no array at '{}'", shown(array_path));
            };
            let found = items.iter().filter_map(Value::container).find(|&record| {
                find(doc, record, &rel_steps)
                    .and_then(read::scalar_text)
                    .is_some_and(|text| read::wildcard_match(pattern, &text, case_sensitive))
            });
            match found {
                Some(record) => Ok(record),
                None => bail!(
                    NotFound,
                    "no record in '{}' has a value at '{}' matching the pattern",
                    shown(array_path),
                    shown(rel_path)
                ),
            }
        })
    }
}

fn first_named(doc: &Document, id: NodeId, name: &str) -> Option<usize> {
    doc.object(id)?.iter().position(|m| m.name.is(name))
}

fn remove_member(doc: &mut Document, id: NodeId, at: usize) {
    if let Some(members) = doc.object_mut(id) {
        let removed = members.remove(at);
        doc.release(removed.value);
    }
}
