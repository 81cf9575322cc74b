//! A view: one container of a shared document. Every `JsonObject` and `JsonArray` is one; the
//! views that `ObjectOf`, `ArrayAt`, ... return share their parent's document, so a change made
//! through any of them is seen through all, as in Chilkat. The document lives as long as any
//! view of it (disposing the parent leaves its children usable), and a view whose container
//! was removed from the document finds nothing.

use super::document::{Document, Kind, NodeId, Value};
use super::emit::{emit, Style};
use super::parse::parse;
use super::read::kind_name;
use crate::bail;
use crate::error::{Error, ErrorKind, Result};
use crate::sync::lock;
use std::sync::{Arc, Mutex};

#[derive(Clone)]
pub(super) struct View {
    doc: Arc<Mutex<Document>>,
    id: NodeId,
}

impl View {
    /// A view of a new document holding an empty object or array.
    pub fn new(kind: Kind) -> View {
        let (doc, id) = Document::with_root(kind);
        View::of(doc, id)
    }

    /// A view of container `id` of a document no other view shares yet.
    pub fn of(doc: Document, id: NodeId) -> View {
        View {
            doc: Arc::new(Mutex::new(doc)),
            id,
        }
    }

    /// A view of a new document read from `text`, which must hold a `kind`.
    pub fn from_text(text: &str, kind: Kind) -> Result<View> {
        let mut doc = Document::default();
        let root = parse(&mut doc, text, 1)?;
        let id = expect(&mut doc, root, kind)?;
        Ok(View::of(doc, id))
    }

    /// Replaces the content of this view's container with the `kind` in `text`, in place, so
    /// the views above it see the new content. On error nothing changes.
    pub fn replace_with_text(&self, text: &str, kind: Kind) -> Result<()> {
        self.with(|doc, id| {
            let root = parse(doc, text, doc.depth(id))?;
            let parsed = expect(doc, root, kind)?;
            if let Some(content) = doc.take(parsed) {
                doc.replace_content(id, content);
            }
            Ok(())
        })
    }

    /// The container, a `kind`, as JSON text.
    pub fn emit(&self, kind: Kind, style: Style) -> Result<String> {
        self.with(|doc, id| Ok(emit(doc, &kind.value(id), style)))
    }

    /// A view of another container of the same document.
    pub fn at(&self, id: NodeId) -> View {
        View {
            doc: Arc::clone(&self.doc),
            id,
        }
    }

    /// Runs `f` with the document locked and this view's container, which must still be in it.
    pub fn with<R>(&self, f: impl FnOnce(&mut Document, NodeId) -> Result<R>) -> Result<R> {
        let mut doc = lock(&self.doc);
        if doc.get(self.id).is_none() {
            return Err(removed());
        }
        f(&mut doc, self.id)
    }

    /// True once this view's container was removed from its document (deleted or replaced, or
    /// the document was cleared or reloaded above it).
    pub fn is_removed(&self) -> bool {
        lock(&self.doc).get(self.id).is_none()
    }
}

/// The container `root` holds, which must be a `kind`; anything else is released.
fn expect(doc: &mut Document, root: Value, kind: Kind) -> Result<NodeId> {
    match (root, kind) {
        (Value::Object(id), Kind::Object) | (Value::Array(id), Kind::Array) => Ok(id),
        (other, _) => {
            let found = kind_name(&other);
            doc.release(other);
            let wanted = if kind == Kind::Object {
                "an object {...}"
            } else {
                "an array [...]"
            };
            bail!(Json, "the JSON text is {found}, but {wanted} was expected");
        }
    }
}

fn removed() -> Error {
    Error::new(
        ErrorKind::InvalidState,
        "this object or array is no longer in its JSON document: the member or element it came \
         from was deleted or replaced, or the document was cleared or loaded again",
    )
}
