use anyhow::{bail, Result};
use vnkg::extract::rule::{self, Rule};

/// List the extraction rules: the name every provenance record carries, its family, its
/// confidence and an example sentence; `vnkg rules NAME` shows one rule in full.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  vnkg rules\n  vnkg rules partnership-sentence\n  vnkg rules --family meeting --format json"
)]
pub struct Args {
    /// One rule, shown in full (cue, what it produces, every example).
    name: Option<String>,
    /// Only this family (names, partnership, meeting, roles, location, policy, focus, attributes).
    #[arg(long)]
    family: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    format: crate::flags::ReportFormat,
}

pub fn run(a: Args) -> Result<i32> {
    let mut rules: Vec<&'static Rule> = rule::all();
    if let Some(name) = &a.name {
        rules.retain(|r| r.name == name);
        if rules.is_empty() {
            bail!("unknown rule '{name}' (`vnkg rules` lists them)");
        }
    }
    if let Some(f) = &a.family {
        rules.retain(|r| r.family.name() == f);
        if rules.is_empty() {
            bail!("unknown family '{f}' (names, partnership, meeting, roles, location, policy, focus or attributes)");
        }
    }
    if a.format == crate::flags::ReportFormat::Json {
        let rows: Vec<serde_json::Value> = rules
            .iter()
            .map(|r| {
                serde_json::json!({"name": r.name, "family": r.family.name(), "confidence": r.confidence,
                    "cue": r.cue, "produces": r.produces, "fires_on": r.fires_on, "not_on": r.not_on})
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(0);
    }
    if a.name.is_some() {
        for r in rules {
            println!(
                "{} ({} rule, confidence {})",
                r.name, r.family, r.confidence
            );
            println!("  cue:      {}", r.cue);
            println!("  produces: {}", r.produces);
            for e in r.fires_on {
                println!("  fires on: {e}");
            }
            for e in r.not_on {
                println!("  not on:   {e}");
            }
        }
        return Ok(0);
    }
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_header(vec!["rule", "family", "confidence", "example"]);
    for r in &rules {
        t.add_row(vec![
            r.name.to_string(),
            r.family.to_string(),
            format!("{:.2}", r.confidence),
            r.fires_on
                .first()
                .copied()
                .unwrap_or("(none in the output today: see `vnkg rules NAME`)")
                .to_string(),
        ]);
    }
    println!("{t}");
    println!("{} rules; `vnkg rules NAME` shows one in full", rules.len());
    Ok(0)
}
