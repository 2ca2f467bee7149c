use crate::flags::{open_reader, ReportFormat};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// Check the graph against the SHACL shapes (ontology/shapes.ttl) with pySHACL; prints each
/// violation with its focus node. Exit 0 when the graph conforms, 2 when it does not.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  vnkg validate\n  VNKG_PYTHON=.venv/bin/python vnkg validate --format json"
)]
pub struct Args {
    /// Other shapes than the built-in ones.
    #[arg(long)]
    shapes: Option<PathBuf>,
    /// Python with pyshacl (default: VNKG_PYTHON, ~/.cache/vnkg/venv/bin/python, python3).
    #[arg(long)]
    python: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
}

pub fn run(store_path: &Path, a: Args) -> Result<i32> {
    let python = vnkg::validate::find_python(a.python);
    let store = open_reader(store_path)?;
    let report = vnkg::validate::validate(&store, &python, a.shapes.as_deref())?;
    if a.format == ReportFormat::Json {
        let rows: Vec<serde_json::Value> = report
            .results
            .iter()
            .map(|v| {
                serde_json::json!({"focus": v.focus, "path": v.path, "value": v.value,
                    "message": v.message, "shape": v.shape, "severity": v.severity})
            })
            .collect();
        let doc = serde_json::json!({"conforms": report.conforms, "violations": rows});
        println!("{}", serde_json::to_string_pretty(&doc)?);
        return Ok(if report.conforms { 0 } else { 2 });
    }
    let local = |s: &Option<String>| {
        s.as_deref()
            .map(|x| x.rsplit(['#', '/']).next().unwrap_or(x).to_string())
            .unwrap_or_default()
    };
    for v in &report.results {
        let path = v
            .path
            .as_ref()
            .map(|_| format!(" {}", local(&v.path)))
            .unwrap_or_default();
        let value = v
            .value
            .as_ref()
            .map(|x| format!(" (value: {x})"))
            .unwrap_or_default();
        println!(
            "{} {}{path}: {}{value}",
            local(&v.severity).to_lowercase(),
            v.focus.as_deref().unwrap_or("?"),
            v.message,
        );
    }
    let verdict = if report.conforms {
        "conforms"
    } else {
        "does not conform"
    };
    let shapes = a
        .shapes
        .as_deref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "ontology/shapes.ttl".into());
    println!(
        "{verdict}: {} violation(s) of the shapes in {shapes} (pySHACL {})",
        report.results.len(),
        report.version
    );
    Ok(if report.conforms { 0 } else { 2 })
}
