use crate::flags::open_reader;
use anyhow::Result;
use std::path::Path;
use vnkg::analyze::centrality::{ranking, Measure};
use vnkg::analyze::{Analysis, ProjectOptions};

/// Rank entities by a centrality measure.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  vnkg rank --by pagerank --class Country --top 10\n  vnkg rank --by betweenness --relation cooperatesWith"
)]
pub struct Args {
    #[arg(long, value_enum, ignore_case = true, default_value = "pagerank")]
    by: Measure,
    /// Keep only these classes in the output (Actor, Country, Initiative, Policy, Sector, or a subclass such as Company).
    #[arg(long)]
    class: Vec<String>,
    /// Analyse only these relations (cooperatesWith, metWith, implements, ...).
    #[arg(long)]
    relation: Vec<String>,
    /// Treat relations as directed (subject → object).
    #[arg(long)]
    directed: bool,
    #[arg(long, default_value_t = 10)]
    top: usize,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

pub fn run(store_path: &Path, a: Args) -> Result<i32> {
    let store = open_reader(store_path)?;
    let opts = ProjectOptions {
        classes: vec![],
        relations: a.relation,
        directed: a.directed,
    };
    let an = vnkg::analyze::analyze(&store, &opts)?;
    let scores = an.scores.get(a.by);
    let keep = |n: &vnkg::analyze::projection::Node| {
        a.class.is_empty()
            || a.class
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&n.top) || c.eq_ignore_ascii_case(&n.class))
    };
    let order: Vec<usize> = ranking(&an.graph, scores)
        .into_iter()
        .filter(|&i| keep(&an.graph.nodes[i]))
        .take(a.top)
        .collect();
    print(&an, &order, scores, a.by, a.format)?;
    Ok(0)
}

fn print(a: &Analysis, order: &[usize], scores: &[f64], m: Measure, format: Format) -> Result<()> {
    match format {
        Format::Table => {
            let mut t = comfy_table::Table::new();
            t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
            t.set_header(vec!["#", "entity", "class", m.name(), "community"]);
            for (r, &i) in order.iter().enumerate() {
                let n = &a.graph.nodes[i];
                t.add_row(vec![
                    (r + 1).to_string(),
                    n.label.clone(),
                    n.class.clone(),
                    format!("{:.6}", scores[i]),
                    a.communities[i].to_string(),
                ]);
            }
            println!("{t}");
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            w.write_record(["rank", "iri", "label", "class", m.name(), "community"])?;
            for (r, &i) in order.iter().enumerate() {
                let n = &a.graph.nodes[i];
                w.write_record([
                    (r + 1).to_string(),
                    n.iri.clone(),
                    n.label.clone(),
                    n.class.clone(),
                    scores[i].to_string(),
                    a.communities[i].to_string(),
                ])?;
            }
            w.flush()?;
        }
        Format::Json => {
            let rows: Vec<serde_json::Value> = order
                .iter()
                .map(|&i| {
                    let n = &a.graph.nodes[i];
                    serde_json::json!({"iri": n.iri, "label": n.label, "class": n.class,
                        "score": scores[i], "community": a.communities[i]})
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&rows)?);
        }
    }
    Ok(())
}
