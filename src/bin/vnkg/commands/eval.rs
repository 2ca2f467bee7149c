use crate::flags::ReportFormat;
use anyhow::Result;
use std::path::PathBuf;

/// Score the extractor against gold annotations: precision, recall and F1 for mentions,
/// entities and relations, with misses and false positives.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  vnkg eval --gold tests/gold\n  vnkg eval --gold tests/gold --format json > eval.json"
)]
pub struct Args {
    #[arg(long, default_value = "tests/gold")]
    gold: PathBuf,
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
    /// List every miss and false positive.
    #[arg(long)]
    list: bool,
    /// Score another tool's predictions (JSON per gold file) instead of vnkg's, with the
    /// same matcher at the PER/ORG/LOC level (see benches/spacy_baseline.py).
    #[arg(long)]
    predictions: Option<PathBuf>,
    #[arg(long)]
    gazetteer: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<i32> {
    let report = match &a.predictions {
        Some(p) => vnkg::eval::evaluate_predictions(&a.gold, p)?,
        None => {
            let ex = crate::flags::extractor(a.gazetteer.as_deref())?;
            vnkg::eval::evaluate(&ex, &a.gold)?
        }
    };
    match a.format {
        ReportFormat::Table => print!("{}", vnkg::eval::render(&report, a.list)),
        ReportFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&vnkg::eval::to_json(&report))?
        ),
    }
    Ok(0)
}
