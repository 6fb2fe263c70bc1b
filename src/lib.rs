//! qnav: a terminal reader for interviews.
//!
//! The terminal-free core — [`model`], [`decode`], [`load`], [`parse`] — turns
//! messy interview text into documents of question→answer pairs; [`export`]
//! writes them as JSON or Markdown; [`explain`] says why the parser read a
//! document as it did; [`citation`] and [`source`] say where each word
//! stands in the source; [`tui`] is the only module that talks to
//! the terminal.

pub mod cache;
pub mod citation;
pub mod config;
pub mod convert;
pub mod decode;
pub mod explain;
pub mod export;
pub mod listing;
pub mod load;
pub mod memory;
pub mod model;
pub mod parse;
pub mod search;
pub mod source;
pub mod state;
pub mod text;
pub mod tui;
