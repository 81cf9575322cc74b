//! Request headers a script sets by name (Http.SetRequestHeader, HttpRequest.AddHeader,
//! Rest.AddHeader): each name once, whatever its case, with the value set last.

use crate::error::Result;
use crate::header::check_field;

#[derive(Clone, Default, Debug, PartialEq, Eq)]
pub struct HeaderList {
    fields: Vec<(String, String)>,
}

impl HeaderList {
    /// Sets header `name` to `value`, replacing one of the same name (any case).
    pub fn set(&mut self, name: &str, value: &str) -> Result<()> {
        check_field(name, value)?;
        self.remove(name);
        self.fields.push((name.to_string(), value.to_string()));
        Ok(())
    }

    /// Removes header `name` (any case).
    pub fn remove(&mut self, name: &str) {
        self.fields.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    pub fn clear(&mut self) {
        self.fields.clear();
    }

    /// The value of header `name` (any case).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The headers, in the order they were first set.
    pub fn fields(&self) -> &[(String, String)] {
        &self.fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn a_name_is_set_once_whatever_its_case_and_checked() {
        let mut list = HeaderList::default();
        list.set("X-One", "1").unwrap();
        list.set("Accept", "a").unwrap();
        list.set("x-one", "2").unwrap();
        assert_eq!(list.fields(), [("Accept".into(), "a".into()), ("x-one".into(), "2".into())]);
        assert_eq!(list.get("X-ONE"), Some("2"));
        list.remove("ACCEPT");
        assert_eq!(list.get("accept"), None);
        assert_eq!(list.set("Bad Name", "v").unwrap_err().kind(), ErrorKind::InvalidArgument);
        assert_eq!(list.set("X", "a\r\nB: c").unwrap_err().kind(), ErrorKind::InvalidArgument);
        list.clear();
        assert!(list.fields().is_empty());
    }
}
