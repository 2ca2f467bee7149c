//! GraphML with typed keys (numbers as numbers), written with quick-xml so every label is
//! escaped; networkx's `read_graphml` and Gephi load it as is.

use crate::analyze::projection::Network;
use crate::{Error, Result};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::io::Write;

const KEYS: &[(&str, &str, &str, &str)] = &[
    ("d_label", "node", "label", "string"),
    ("d_class", "node", "class", "string"),
    ("d_top", "node", "top_class", "string"),
    ("d_iri", "node", "iri", "string"),
    ("d_country", "node", "country", "string"),
    ("d_stories", "node", "stories", "int"),
    ("d_degree", "node", "degree", "int"),
    ("d_weightedDegree", "node", "weighted_degree", "double"),
    ("d_pagerank", "node", "pagerank", "double"),
    ("d_betweenness", "node", "betweenness", "double"),
    ("d_closeness", "node", "closeness", "double"),
    ("d_eigenvector", "node", "eigenvector", "double"),
    ("d_community", "node", "community", "int"),
    ("e_relation", "edge", "relation", "string"),
    ("e_weight", "edge", "weight", "double"),
    ("e_evidence", "edge", "evidence", "string"),
];

/// GraphML ids are XML NMTOKENs (no '/'): "actor:ho-chi-minh-ville" for an entity IRI.
pub fn node_id(iri: &str) -> String {
    let local = iri.strip_prefix(crate::extract::ID).unwrap_or(iri);
    local
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':') {
                c
            } else {
                ':'
            }
        })
        .collect()
}

use super::xml_safe;

pub fn write(net: &Network, w: &mut dyn Write) -> Result<()> {
    let err = Error::Write;
    let mut x = Writer::new_with_indent(w, b' ', 2);
    x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(err)?;
    let mut root = BytesStart::new("graphml");
    root.push_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"));
    root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
    root.push_attribute(("xsi:schemaLocation", "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.1/graphml.xsd"));
    x.write_event(Event::Start(root)).map_err(err)?;
    for (id, dom, name, ty) in KEYS {
        let mut k = BytesStart::new("key");
        k.push_attribute(("id", *id));
        k.push_attribute(("for", *dom));
        k.push_attribute(("attr.name", *name));
        k.push_attribute(("attr.type", *ty));
        x.write_event(Event::Empty(k)).map_err(err)?;
    }
    let mut g = BytesStart::new("graph");
    g.push_attribute(("id", "vnkg"));
    g.push_attribute(("edgedefault", "directed"));
    x.write_event(Event::Start(g)).map_err(err)?;
    let data = |x: &mut Writer<&mut dyn Write>, key: &str, v: &str| -> std::io::Result<()> {
        let mut d = BytesStart::new("data");
        d.push_attribute(("key", key));
        x.write_event(Event::Start(d))?;
        x.write_event(Event::Text(BytesText::new(&xml_safe(v))))?;
        x.write_event(Event::End(BytesEnd::new("data")))?;
        Ok(())
    };
    for n in &net.nodes {
        let mut e = BytesStart::new("node");
        let id = node_id(&n.iri);
        e.push_attribute(("id", id.as_str()));
        x.write_event(Event::Start(e)).map_err(err)?;
        data(&mut x, "d_label", &n.label).map_err(err)?;
        data(&mut x, "d_class", &n.class).map_err(err)?;
        data(&mut x, "d_top", &n.top).map_err(err)?;
        data(&mut x, "d_iri", &n.iri).map_err(err)?;
        data(&mut x, "d_country", &n.country).map_err(err)?;
        data(&mut x, "d_stories", &n.stories.to_string()).map_err(err)?;
        // analytics, when `vnkg build`/`vnkg analyze` computed them
        for (k, v) in &n.scores {
            let key = format!("d_{k}");
            if KEYS.iter().any(|(id, ..)| *id == key) {
                let text = if matches!(k.as_str(), "degree" | "community") {
                    format!("{}", *v as i64)
                } else {
                    format!("{v}")
                };
                data(&mut x, &key, &text).map_err(err)?;
            }
        }
        x.write_event(Event::End(BytesEnd::new("node")))
            .map_err(err)?;
    }
    for (i, ed) in net.edges.iter().enumerate() {
        let mut e = BytesStart::new("edge");
        let id = format!("e{i}");
        let (s, t) = (node_id(&ed.source), node_id(&ed.target));
        e.push_attribute(("id", id.as_str()));
        e.push_attribute(("source", s.as_str()));
        e.push_attribute(("target", t.as_str()));
        x.write_event(Event::Start(e)).map_err(err)?;
        data(&mut x, "e_relation", &ed.relation).map_err(err)?;
        data(&mut x, "e_weight", &format!("{:.1}", ed.weight as f64)).map_err(err)?;
        data(&mut x, "e_evidence", &ed.evidence).map_err(err)?;
        x.write_event(Event::End(BytesEnd::new("edge")))
            .map_err(err)?;
    }
    x.write_event(Event::End(BytesEnd::new("graph")))
        .map_err(err)?;
    x.write_event(Event::End(BytesEnd::new("graphml")))
        .map_err(err)?;
    x.into_inner().write_all(b"\n").map_err(err)?;
    Ok(())
}
