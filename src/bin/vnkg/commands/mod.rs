//! One module per command (a few related ones share a file): its `Args`, documented flag by
//! flag, and a `run` that calls the library and prints.

pub mod analyze;
pub mod build;
pub mod eval;
pub mod explain;
pub mod export;
pub mod extract;
pub mod gen_corpus;
pub mod ingest;
pub mod load;
pub mod network;
pub mod push;
pub mod query;
pub mod rank;
pub mod report;
pub mod rules;
pub mod serve;
pub mod validate;
