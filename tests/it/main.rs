//! The integration tests, in one binary so that RocksDB is linked once (each `tests/*.rs` file
//! used to be a binary of its own). Each module is one area; `common` holds the shared helpers.
mod analytics;
mod bad_input;
mod cli;
mod common;
mod corpus_content;
mod eval;
mod exports;
mod gen_corpus;
mod notebook;
mod protocol;
mod push;
mod queries;
mod readability;
mod relation_rules;
mod reliability;
mod report;
mod roundtrip;
mod rules;
mod setup;
mod stories;
mod stream;
mod unseen;
mod validate;
mod views;
mod virtuoso;
mod web;
