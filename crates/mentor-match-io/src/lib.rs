//! Stub: replaced by the real reader and writers.
#![warn(missing_docs)]
