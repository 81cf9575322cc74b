//! The tree behind `JsonObject` and `JsonArray`. Chilkat's `ObjectOf`, `ArrayOf`, `ObjectAt` and
//! `ArrayAt` return live views: changing the child changes the parent. So a document keeps its
//! containers (objects and arrays) in an arena, and a view is the document plus the id of one
//! container. Removing a value frees the containers under it; an id carries the generation of
//! its slot, so a view whose container was removed finds nothing instead of whatever reused
//! the slot. Nothing in the tree is a pointer, and every walk over it is a loop, so no document
//! can make a caller overflow its stack.

use super::string::JsonString;
use crate::bail;
use crate::error::Result;

/// The deepest nesting a document may have (the root container is at depth 1). Real API
/// documents are rarely deeper than 20; the limit bounds what a hostile text or a runaway loop
/// of `AppendObject` can build.
pub(super) const MAX_DEPTH: u32 = 1000;

/// One container of a document: an index into the arena and the generation of the slot when
/// the container was put there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NodeId {
    index: u32,
    generation: u32,
}

/// A JSON value. Scalars are kept as their JSON text (numbers as written, strings escaped);
/// containers live in the arena.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    String(JsonString),
    Number(String),
    Bool(bool),
    Null,
    Object(NodeId),
    Array(NodeId),
}

/// An object member. Names may repeat (as in the text loaded); lookups take the first.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Member {
    pub name: JsonString,
    pub value: Value,
}

#[derive(Debug, PartialEq)]
pub(super) enum Container {
    Object(Vec<Member>),
    Array(Vec<Value>),
}

/// Which container to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Object,
    Array,
}

impl Kind {
    pub fn empty(self) -> Container {
        match self {
            Kind::Object => Container::Object(Vec::new()),
            Kind::Array => Container::Array(Vec::new()),
        }
    }

    pub fn value(self, id: NodeId) -> Value {
        match self {
            Kind::Object => Value::Object(id),
            Kind::Array => Value::Array(id),
        }
    }
}

/// What an update or insertion stores: a scalar, or a new empty object or array.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum NewValue {
    Scalar(Value),
    Empty(Kind),
}

impl Value {
    /// The container this value holds, if it is an object or an array.
    pub fn container(&self) -> Option<NodeId> {
        match self {
            Value::Object(id) | Value::Array(id) => Some(*id),
            _ => None,
        }
    }
}

struct Slot {
    generation: u32,
    depth: u32,
    container: Option<Container>,
}

#[derive(Default)]
pub(super) struct Document {
    slots: Vec<Slot>,
    /// Slots whose container was freed, to be reused.
    free: Vec<u32>,
}

impl Document {
    /// A new document holding an empty `root` (at depth 1), and the root's id.
    pub fn with_root(root: Kind) -> (Document, NodeId) {
        let mut doc = Document::default();
        let id = doc.add_root(root, 1);
        (doc, id)
    }

    /// Adds an empty container as a child of `parent` (one level deeper) and returns its id.
    /// The caller links it into `parent`.
    pub fn add_child(&mut self, parent: NodeId, kind: Kind) -> Result<NodeId> {
        let depth = self.depth(parent) + 1;
        if depth > MAX_DEPTH {
            bail!(Json, "the document would be nested more than {MAX_DEPTH} levels deep");
        }
        Ok(self.add_root(kind, depth))
    }

    /// Adds an empty container that nothing holds yet, at `depth`.
    pub fn add_root(&mut self, kind: Kind, depth: u32) -> NodeId {
        let container = Some(kind.empty());
        if let Some(index) = self.free.pop() {
            let slot = &mut self.slots[index as usize];
            slot.depth = depth;
            slot.container = container;
            return NodeId {
                index,
                generation: slot.generation,
            };
        }
        self.slots.push(Slot {
            generation: 0,
            depth,
            container,
        });
        NodeId {
            index: (self.slots.len() - 1) as u32,
            generation: 0,
        }
    }

    fn slot(&self, id: NodeId) -> Option<&Slot> {
        self.slots
            .get(id.index as usize)
            .filter(|s| s.generation == id.generation && s.container.is_some())
    }

    pub fn get(&self, id: NodeId) -> Option<&Container> {
        self.slot(id)?.container.as_ref()
    }

    pub fn get_mut(&mut self, id: NodeId) -> Option<&mut Container> {
        let slot = self.slots.get_mut(id.index as usize)?;
        if slot.generation != id.generation {
            return None;
        }
        slot.container.as_mut()
    }

    pub fn object(&self, id: NodeId) -> Option<&Vec<Member>> {
        match self.get(id)? {
            Container::Object(members) => Some(members),
            Container::Array(_) => None,
        }
    }

    pub fn object_mut(&mut self, id: NodeId) -> Option<&mut Vec<Member>> {
        match self.get_mut(id)? {
            Container::Object(members) => Some(members),
            Container::Array(_) => None,
        }
    }

    pub fn array(&self, id: NodeId) -> Option<&Vec<Value>> {
        match self.get(id)? {
            Container::Array(items) => Some(items),
            Container::Object(_) => None,
        }
    }

    pub fn array_mut(&mut self, id: NodeId) -> Option<&mut Vec<Value>> {
        match self.get_mut(id)? {
            Container::Array(items) => Some(items),
            Container::Object(_) => None,
        }
    }

    /// The value `new` stands for, made as a child of container `parent`.
    pub fn make(&mut self, parent: NodeId, new: NewValue) -> Result<Value> {
        match new {
            NewValue::Scalar(value) => Ok(value),
            NewValue::Empty(kind) => Ok(kind.value(self.add_child(parent, kind)?)),
        }
    }

    /// The depth of a live container; 0 for one that was removed.
    pub fn depth(&self, id: NodeId) -> u32 {
        self.slot(id).map_or(0, |s| s.depth)
    }

    /// Frees the containers `value` holds, all the way down. Called for every value taken out
    /// of the tree, so that views into it see that it is gone.
    pub fn release(&mut self, value: Value) {
        let mut pending: Vec<NodeId> = value.container().into_iter().collect();
        while let Some(id) = pending.pop() {
            let Some(container) = self.take(id) else { continue };
            match container {
                Container::Object(members) => pending.extend(members.iter().filter_map(|m| m.value.container())),
                Container::Array(items) => pending.extend(items.iter().filter_map(Value::container)),
            }
        }
    }

    /// Takes the content out of container `id` and frees its slot, keeping the containers the
    /// content holds (the caller moves them elsewhere).
    pub fn take(&mut self, id: NodeId) -> Option<Container> {
        let slot = self.slots.get_mut(id.index as usize).filter(|s| s.generation == id.generation)?;
        let content = slot.container.take()?;
        // A slot whose generation cannot grow any more is retired, so no id is ever reused.
        if let Some(next) = slot.generation.checked_add(1) {
            slot.generation = next;
            self.free.push(id.index);
        }
        Some(content)
    }

    /// Replaces the content of container `id` with `content` (of the same kind), freeing what
    /// it held before.
    pub fn replace_content(&mut self, id: NodeId, content: Container) {
        let Some(old) = self.get_mut(id).map(|c| std::mem::replace(c, content)) else {
            return;
        };
        match old {
            Container::Object(members) => members.into_iter().for_each(|m| self.release(m.value)),
            Container::Array(items) => items.into_iter().for_each(|v| self.release(v)),
        }
    }

    /// The number of live containers (for tests of what is freed).
    #[cfg(test)]
    pub fn live_containers(&self) -> usize {
        self.slots.iter().filter(|s| s.container.is_some()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn child(doc: &mut Document, parent: NodeId, kind: Kind) -> NodeId {
        let id = doc.add_child(parent, kind).unwrap();
        match doc.get_mut(parent).unwrap() {
            Container::Array(items) => items.push(kind.value(id)),
            Container::Object(members) => members.push(Member {
                name: JsonString::escape("m"),
                value: kind.value(id),
            }),
        }
        id
    }

    #[test]
    fn release_frees_a_subtree_and_its_ids_go_stale() {
        let (mut doc, root) = Document::with_root(Kind::Object);
        let a = child(&mut doc, root, Kind::Array);
        let b = child(&mut doc, a, Kind::Object);
        let c = child(&mut doc, b, Kind::Array);
        assert_eq!((doc.depth(root), doc.depth(a), doc.depth(c)), (1, 2, 4));
        assert_eq!(doc.live_containers(), 4);

        let Some(Container::Object(members)) = doc.get_mut(root) else {
            panic!()
        };
        let removed = members.pop().unwrap().value;
        doc.release(removed);
        assert_eq!(doc.live_containers(), 1);
        for stale in [a, b, c] {
            assert!(doc.get(stale).is_none());
            assert_eq!(doc.depth(stale), 0);
        }

        // The freed slots are reused, but not by the old ids.
        let d = child(&mut doc, root, Kind::Array);
        assert!(doc.get(d).is_some());
        assert!(doc.get(a).is_none() && doc.get(b).is_none() && doc.get(c).is_none());
    }

    #[test]
    fn nesting_is_limited() {
        let (mut doc, mut id) = Document::with_root(Kind::Array);
        for _ in 1..MAX_DEPTH {
            id = child(&mut doc, id, Kind::Array);
        }
        assert_eq!(doc.depth(id), MAX_DEPTH);
        let message = doc.add_child(id, Kind::Object).unwrap_err().to_string();
        assert_eq!(message, "the document would be nested more than 1000 levels deep");
    }

    #[test]
    fn releasing_a_deep_tree_does_not_recurse() {
        let (mut doc, root) = Document::with_root(Kind::Array);
        let mut id = root;
        for _ in 1..MAX_DEPTH {
            id = child(&mut doc, id, Kind::Array);
        }
        doc.replace_content(root, Container::Array(Vec::new()));
        assert_eq!(doc.live_containers(), 1);
    }
}
