//! `path`, `neighbors` and `communities`: walking the entity network.

use crate::flags::open_reader;
use anyhow::{bail, Result};
use std::path::Path;
use vnkg::analyze::paths::{ego_network, k_shortest_paths, link_between};
use vnkg::analyze::{Analysis, AnalysisGraph, ProjectOptions};
use vnkg::explain::resolve;

/// Shortest path(s) between two entities, each hop with its relation and evidence.
#[derive(clap::Args)]
#[command(after_help = "Example:\n  vnkg path Qualcomm 'Résolution 57' --k 3")]
pub struct PathArgs {
    from: String,
    to: String,
    /// How many loop-free paths, shortest first.
    #[arg(long, default_value_t = 1)]
    k: usize,
}

/// Entities within N hops of an entity (its ego network).
#[derive(clap::Args)]
#[command(after_help = "Example:\n  vnkg neighbors 'Hô Chi Minh-Ville' --depth 2")]
pub struct NeighborsArgs {
    entity: String,
    #[arg(long, default_value_t = 1)]
    depth: usize,
}

/// Communities of entities that work together (Louvain), with modularity.
#[derive(clap::Args)]
pub struct CommunitiesArgs {
    /// Members listed per community.
    #[arg(long, default_value_t = 12)]
    top: usize,
}

fn analysis(store_path: &Path) -> Result<(vnkg::rdf::KgStore, Analysis)> {
    let store = open_reader(store_path)?;
    let a = vnkg::analyze::analyze(&store, &ProjectOptions::default())?;
    Ok((store, a))
}

pub fn path(store_path: &Path, a: PathArgs) -> Result<i32> {
    let (store, an) = analysis(store_path)?;
    let (fa, ta) = (resolve(&store, &a.from)?, resolve(&store, &a.to)?);
    let (Some(s), Some(t)) = (an.graph.find(&fa.iri), an.graph.find(&ta.iri)) else {
        bail!(
            "{} or {} takes part in no relation, so no path can reach it",
            fa.label,
            ta.label
        );
    };
    let paths = k_shortest_paths(&an.graph, s, t, a.k.max(1));
    if paths.is_empty() {
        println!("no path between {} and {}", fa.label, ta.label);
        return Ok(1);
    }
    for (n, p) in paths.iter().enumerate() {
        print_path(&an.graph, n + 1, p);
    }
    Ok(0)
}

pub fn neighbors(store_path: &Path, a: NeighborsArgs) -> Result<i32> {
    let (store, an) = analysis(store_path)?;
    let f = resolve(&store, &a.entity)?;
    let Some(c) = an.graph.find(&f.iri) else {
        bail!("{} takes part in no relation", f.label)
    };
    let ego = ego_network(&an.graph, c, a.depth);
    println!(
        "{} ({}) — {} entities within {} hop(s)",
        f.label,
        f.class,
        ego.len() - 1,
        a.depth
    );
    for (i, d) in ego.iter().skip(1) {
        let n = &an.graph.nodes[*i];
        let via = if *d == 1 {
            link_between(&an.graph, c, *i)
                .map(|l| relations_of(&an.graph, l))
                .unwrap_or_default()
        } else {
            String::new()
        };
        println!("  {d}  {:<50} {:<22} {via}", n.label, n.class);
    }
    Ok(0)
}

pub fn communities(store_path: &Path, a: CommunitiesArgs) -> Result<i32> {
    let (_, an) = analysis(store_path)?;
    let count = an.communities.iter().max().map(|m| m + 1).unwrap_or(0);
    println!(
        "{count} communities, modularity {:.3} (Louvain, weighted, undirected)",
        an.modularity
    );
    let groups = vnkg::analyze::communities::ranked_groups(&an.communities, &an.scores.pagerank);
    for (k, g) in groups.iter().enumerate() {
        let names: Vec<&str> = g
            .iter()
            .take(a.top)
            .map(|&i| an.graph.nodes[i].label.as_str())
            .collect();
        println!(
            "\n#{} ({} members): {}{}",
            k + 1,
            g.len(),
            names.join(", "),
            if g.len() > a.top { ", …" } else { "" }
        );
    }
    Ok(0)
}

fn relations_of(g: &AnalysisGraph, l: &vnkg::analyze::graph::Link) -> String {
    let mut rels: Vec<&str> = l
        .facts
        .iter()
        .map(|&f| g.facts[f].relation.as_str())
        .collect();
    rels.sort();
    rels.dedup();
    rels.join(", ")
}

fn print_path(g: &AnalysisGraph, n: usize, p: &[usize]) {
    let names: Vec<&str> = p.iter().map(|&i| g.nodes[i].label.as_str()).collect();
    println!(
        "{n}. {} ({} hop{})",
        names.join(" — "),
        p.len() - 1,
        if p.len() == 2 { "" } else { "s" }
    );
    for w in p.windows(2) {
        let Some(l) = link_between(g, w[0], w[1]) else {
            continue;
        };
        println!(
            "   {} — {} : {}",
            g.nodes[w[0]].label,
            g.nodes[w[1]].label,
            relations_of(g, l)
        );
        if let Some(ev) = l
            .facts
            .iter()
            .map(|&f| &g.facts[f].evidence)
            .find(|e| !e.is_empty())
        {
            println!("      « {ev} »");
        }
    }
}
