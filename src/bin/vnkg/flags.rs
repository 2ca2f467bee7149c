//! Flags several commands share (flattened into their `Args`), and how errors reach the user.

use anyhow::{bail, Result};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::path::{Path, PathBuf};
use vnkg::extract::{Extractor, Gazetteer};
use vnkg::rdf::KgStore;

/// The flags of every command that extracts: `build`, `ingest`, `extract`.
#[derive(clap::Args)]
pub struct Extraction {
    /// Keep only facts and mentions with at least this confidence (0..1).
    #[arg(long, default_value_t = 0.0)]
    pub min_confidence: f64,
    /// Largest article file accepted, in bytes.
    #[arg(long, default_value_t = vnkg::corpus::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Use the gazetteer Turtle files in this directory instead of the built-in ones.
    #[arg(long)]
    pub gazetteer: Option<PathBuf>,
    /// How much of each mention the store keeps: `compact`, one `vnkg:mentionedIn` triple per
    /// entity and sentence (offsets, surface form, rule and confidence stay in `vnkg extract`'s
    /// JSON Lines); `full`, also a `vnkg:MentionEvidence` node of nine triples per mention.
    /// Facts keep full provenance either way.
    #[arg(long, value_enum, default_value = "compact")]
    pub provenance: vnkg::rdf::Provenance,
}

impl Extraction {
    /// The extractor these flags ask for, after checking the confidence bound.
    pub fn extractor(&self) -> Result<Extractor> {
        if !(0.0..=1.0).contains(&self.min_confidence) {
            bail!(
                "--min-confidence must lie between 0 and 1, got {}",
                self.min_confidence
            );
        }
        extractor(self.gazetteer.as_deref())
    }
}

pub fn extractor(gazetteer: Option<&Path>) -> Result<Extractor> {
    Ok(match gazetteer {
        Some(d) => Extractor::new(Gazetteer::from_dir(d)?),
        None => Extractor::builtin()?,
    })
}

/// `table` or `json`: the formats of the commands that print a report.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
}

/// Read-only commands still work while `vnkg serve` (or a build) holds the store.
pub fn open_reader(path: &Path) -> Result<KgStore> {
    let (store, snapshot) = KgStore::open_for_reading(path)?;
    if snapshot {
        eprintln!(
            "note: {} is in use by another process; reading it read-only, as it is now",
            path.display()
        );
    }
    Ok(store)
}

/// A value outside a flag's list gets the one-line error every other bad input gets
/// ("error: unknown format 'docx' (expected ttl, nt or nq)", exit 1); anything else is clap's.
pub fn usage_error(e: clap::Error) -> ! {
    if e.kind() == ErrorKind::InvalidValue {
        if let (Some(ContextValue::String(arg)), Some(ContextValue::String(value))) = (
            e.get(ContextKind::InvalidArg),
            e.get(ContextKind::InvalidValue),
        ) {
            let name = arg.trim_start_matches('-');
            let name = name.split([' ', '=']).next().unwrap_or(name);
            let name = if name == "by" { "measure" } else { name };
            let expected = match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(v)) => english_list(v),
                _ => String::from("see --help"),
            };
            eprintln!("error: unknown {name} '{value}' (expected {expected})");
            std::process::exit(1);
        }
    }
    e.exit()
}

/// "a, b or c".
fn english_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A closed pipe (`vnkg export | head`) is the reader's choice, not an error.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes on one line, each cause once: the library's messages already name
/// their source, so printing the whole chain would repeat it.
pub fn one_message(e: &anyhow::Error) -> String {
    let mut msg = String::new();
    for cause in e.chain().map(ToString::to_string) {
        if !msg.contains(&cause) {
            if !msg.is_empty() {
                msg.push_str(": ");
            }
            msg.push_str(&cause);
        }
    }
    msg.replace('\n', "\n  ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(english_list(&v(&["table"])), "table");
        assert_eq!(english_list(&v(&["table", "json"])), "table or json");
        assert_eq!(english_list(&v(&["a", "b", "c"])), "a, b or c");
    }
}
