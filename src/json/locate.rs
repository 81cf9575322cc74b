//! Walking a parsed path from a container: finding the value there, and updating it the way
//! Chilkat's `Update*` methods do.
//!
//! An update creates whatever is missing along the path (an object for a member name, an array
//! for an index) and appends at a missing member or past the end of an array, so
//! `UpdateString("a.b[1].c", v)` on an empty object gives `{"a":{"b":[{"c":v}]}}`. What it
//! finds there decides the rest, as in Chilkat: a scalar or an array is replaced; an object is
//! never replaced (the update fails, except `UpdateNewObject`, which keeps the object and its
//! content); a path through a value of the wrong kind (`"s.x"` where `s` is a string) fails.
//! Unlike Chilkat, a failed update changes nothing: everything that can fail is checked before
//! anything is created.

use super::document::{Container, Document, Kind, Member, NewValue, NodeId, Value, MAX_DEPTH};
use super::path::{Index, Step};
use super::read::kind_name;
use super::string::JsonString;
use crate::bail;
use crate::error::Result;

/// The value at `steps` below container `start`, if there is one.
pub(super) fn find<'d>(doc: &'d Document, start: NodeId, steps: &[Step]) -> Option<&'d Value> {
    let mut container = start;
    let mut found = None;
    for step in steps {
        if let Some(value) = found {
            container = Value::container(value)?;
        }
        found = Some(match (step, position(doc, container, step)?) {
            (Step::Member(_), Some(at)) => &doc.object(container)?[at].value,
            (Step::Index(_), Some(at)) => &doc.array(container)?[at],
            (_, None) => return None,
        });
    }
    found
}

/// Sets the value at `steps` below container `start` to `new`.
pub(super) fn update(doc: &mut Document, start: NodeId, steps: &[Step], new: NewValue) -> Result<()> {
    // The deepest container the update can make: one per step but the last, plus `new`.
    let deepest = doc.depth(start) as usize + steps.len() - 1 + usize::from(matches!(new, NewValue::Empty(_)));
    if deepest > MAX_DEPTH as usize {
        bail!(Json, "the document would be nested more than {MAX_DEPTH} levels deep");
    }
    let mut container = start;
    for (depth, step) in steps.iter().enumerate() {
        let Some(at) = position(doc, container, step) else {
            bail!(
                Json,
                "'{}' is not an {}",
                describe(&steps[..depth]),
                if matches!(step, Step::Member(_)) { "object" } else { "array" }
            );
        };
        let Some(next) = steps.get(depth + 1) else {
            return assign(doc, container, step, at, new);
        };
        let wanted = if matches!(next, Step::Member(_)) {
            Kind::Object
        } else {
            Kind::Array
        };
        let existing = at.and_then(|at| slot(doc, container, step, at)).map(|value| match (value, wanted) {
            (Value::Object(id), Kind::Object) | (Value::Array(id), Kind::Array) => Ok(*id),
            (other, _) => Err(kind_name(other)),
        });
        container = match existing {
            Some(Ok(id)) => id,
            Some(Err(found)) => {
                let wanted = if wanted == Kind::Object { "an object" } else { "an array" };
                bail!(Json, "'{}' is {found}, not {wanted}", describe(&steps[..=depth]));
            }
            None => {
                let id = doc.add_child(container, wanted)?;
                link(doc, container, step, wanted.value(id));
                id
            }
        };
    }
    Ok(())
}

/// Stores `new` at `step` of `container`: appended if `at` is None, else over the value there.
fn assign(doc: &mut Document, container: NodeId, step: &Step, at: Option<usize>, new: NewValue) -> Result<()> {
    let Some(at) = at else {
        let value = doc.make(container, new)?;
        link(doc, container, step, value);
        return Ok(());
    };
    if let Some(Value::Object(_)) = slot(doc, container, step, at) {
        if new == NewValue::Empty(Kind::Object) {
            return Ok(());
        }
        bail!(
            Json,
            "the value there is an object, which an update does not replace (delete it first)"
        );
    }
    let value = doc.make(container, new)?;
    let old = match (step, doc.get_mut(container)) {
        (Step::Member(_), Some(Container::Object(members))) => std::mem::replace(&mut members[at].value, value),
        (Step::Index(_), Some(Container::Array(items))) => std::mem::replace(&mut items[at], value),
        _ => return Ok(()),
    };
    doc.release(old);
    Ok(())
}

/// Where `step` points in `container`: Some(Some(position)) of an existing value, Some(None)
/// when the value is missing (an update appends it), None when the container is of the wrong
/// kind for the step (or was removed).
fn position(doc: &Document, container: NodeId, step: &Step) -> Option<Option<usize>> {
    match step {
        Step::Member(name) => Some(doc.object(container)?.iter().position(|m| m.name.is(name))),
        Step::Index(index) => {
            let len = doc.array(container)?.len();
            Some(match index {
                Index::At(at) if *at < len => Some(*at),
                _ => None,
            })
        }
    }
}

fn slot<'d>(doc: &'d Document, container: NodeId, step: &Step, at: usize) -> Option<&'d Value> {
    match step {
        Step::Member(_) => doc.object(container).map(|members| &members[at].value),
        Step::Index(_) => doc.array(container).map(|items| &items[at]),
    }
}

/// Appends `value` to `container` as `step` names it.
fn link(doc: &mut Document, container: NodeId, step: &Step, value: Value) {
    match step {
        Step::Member(name) => {
            if let Some(members) = doc.object_mut(container) {
                members.push(Member {
                    name: JsonString::escape(name),
                    value,
                });
            }
        }
        Step::Index(_) => {
            if let Some(items) = doc.array_mut(container) {
                items.push(value);
            }
        }
    }
}

/// The path text of `steps`, for error messages (clipped).
fn describe(steps: &[Step]) -> String {
    super::path::shown(&path_text(steps))
}

fn path_text(steps: &[Step]) -> String {
    let mut text = String::new();
    for step in steps {
        match step {
            Step::Member(name) if text.is_empty() => text.push_str(name),
            Step::Member(name) => {
                text.push('.');
                text.push_str(name);
            }
            Step::Index(Index::At(at)) => text.push_str(&format!("[{at}]")),
            Step::Index(Index::End) => text.push_str("[end]"),
        }
    }
    text
}
