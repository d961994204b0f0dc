use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::comparison_key;

/// Maps attribute values to dense `u32` ids, comparing them by
/// [`crate::comparison_key`]: case, surrounding whitespace and the length
/// of inner whitespace runs do not matter.
///
/// The first spelling seen for a value is kept as its display name. Ids are
/// assigned in first-seen order, so callers who need ids independent of row
/// order intern values in a canonical order (the matcher interns in
/// participant-id order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interner {
    names: Vec<String>,
    #[serde(skip)]
    ids: HashMap<String, u32>,
}

impl Interner {
    /// Creates an empty interner.
    pub fn new() -> Self {
        Interner::default()
    }

    /// Returns the id of `value`, assigning the next free id if it is new.
    ///
    /// ```
    /// use mentor_match_model::Interner;
    /// let mut organisations = Interner::new();
    /// let joy = organisations.intern("Department of Joy");
    /// assert_eq!(organisations.intern(" department of JOY"), joy);
    /// assert_eq!(organisations.intern("Department\u{a0}of  Joy"), joy);
    /// assert_ne!(organisations.intern("Department of Love"), joy);
    /// assert_eq!(organisations.name(joy), Some("Department of Joy"));
    /// ```
    pub fn intern(&mut self, value: &str) -> u32 {
        let key = comparison_key(value);
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = u32::try_from(self.names.len()).expect("more than u32::MAX distinct values");
        self.names.push(value.trim().to_owned());
        self.ids.insert(key, id);
        id
    }

    /// Returns the id of `value` without assigning one.
    pub fn get(&self, value: &str) -> Option<u32> {
        self.ids.get(&comparison_key(value)).copied()
    }

    /// Returns the display name of an id.
    pub fn name(&self, id: u32) -> Option<&str> {
        self.names.get(id as usize).map(String::as_str)
    }

    /// Returns the number of distinct values.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Returns `true` when no value has been interned.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}
