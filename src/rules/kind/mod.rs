//! The engines behind data rules: one file per kind of pack entry.

pub mod existence;
pub mod required;
pub mod substitution;
