//! Property tests: whatever the labels and values, every export reads back as what was written
//! (RDF formats through oxigraph's own parsers, GraphML through an XML reader), so no label,
//! however odd, can break a file or get lost on the way to a notebook.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use proptest::prelude::*;
use std::collections::BTreeSet;
use vnkg::export::{export, ExportFormat};
use vnkg::rdf::KgStore;

/// Any text, with the characters that break naive writers over-represented.
fn nasty_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            any::<char>(),
            prop::sample::select(vec![
                '"', '\'', '<', '>', '&', '\\', '\n', '\r', '\t', '\u{0}', '\u{1}', '\u{7f}',
                '\u{85}', '\u{2028}', '{', '}', '@', '#', ':', 'é', 'ạ', '😀', ' ',
            ]),
        ],
        0..40,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn literal() -> impl Strategy<Value = Literal> {
    prop_oneof![
        nasty_text().prop_map(|s| Literal::new_language_tagged_literal_unchecked(s, "fr")),
        nasty_text().prop_map(Literal::new_simple_literal),
        any::<i64>().prop_map(Literal::from),
        (-1e300f64..1e300).prop_map(|x| Literal::new_typed_literal(
            format!("{x:e}"),
            oxigraph::model::vocab::xsd::DOUBLE
        )),
    ]
}

fn quads() -> impl Strategy<Value = Vec<Quad>> {
    prop::collection::vec((0..20usize, 0..4usize, literal(), 0..3usize), 1..30).prop_map(|v| {
        v.into_iter()
            .map(|(s, p, o, g)| {
                let s = NamedNode::new_unchecked(format!("https://w3id.org/vnkg/id/actor/a{s}"));
                let p = NamedNode::new_unchecked(
                    [
                        "http://www.w3.org/2004/02/skos/core#prefLabel",
                        "http://www.w3.org/2000/01/rdf-schema#label",
                        "https://w3id.org/vnkg/ontology#confidence",
                        "https://w3id.org/vnkg/ontology#text",
                    ][p],
                );
                let g = GraphName::NamedNode(NamedNode::new_unchecked(format!(
                    "https://w3id.org/vnkg/graph/article/g{g}"
                )));
                Quad::new(s, p, Term::Literal(o), g)
            })
            .collect()
    })
}

fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\r'))
        .collect()
}

fn triples_of(quads: &[Quad], xml: bool) -> BTreeSet<String> {
    quads
        .iter()
        .map(|q| {
            let o = match (&q.object, xml) {
                (Term::Literal(l), true) => {
                    let v = xml_safe(l.value());
                    match l.language() {
                        Some(lang) => Literal::new_language_tagged_literal_unchecked(v, lang),
                        None => Literal::new_typed_literal(v, l.datatype()),
                    }
                    .to_string()
                }
                (o, _) => o.to_string(),
            };
            format!("{} {} {o}", q.subject, q.predicate)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn rdf_exports_read_back_as_written(quads in quads()) {
        let store = KgStore::memory().unwrap();
        store.insert_quads(quads.iter().cloned()).unwrap();
        // what the store holds (it keeps numbers by value: "0e0"^^xsd:double reads as "0")
        let quads: Vec<Quad> = store.quads().collect::<Result<_, _>>().unwrap();
        for (name, fmt, parse_as) in [
            ("nq", ExportFormat::NQuads, RdfFormat::NQuads),
            ("trig", ExportFormat::TriG, RdfFormat::TriG),
            ("ttl", ExportFormat::Turtle, RdfFormat::Turtle),
            ("nt", ExportFormat::NTriples, RdfFormat::NTriples),
            ("rdfxml", ExportFormat::RdfXml, RdfFormat::RdfXml),
            ("jsonld", ExportFormat::JsonLd, RdfFormat::JsonLd { profile: oxigraph::io::JsonLdProfileSet::empty() }),
        ] {
            let mut buf = Vec::new();
            export(&store, fmt, &mut buf).unwrap();
            let back: Result<Vec<Quad>, _> =
                RdfParser::from_format(parse_as).for_slice(&buf).collect();
            let back = back.map_err(|e| TestCaseError::fail(format!("{name}: {e}\n{}", String::from_utf8_lossy(&buf))))?;
            let xml = name == "rdfxml";
            prop_assert_eq!(triples_of(&back, xml), triples_of(&quads, xml), "{}", name);
            if parse_as.supports_datasets() && name != "jsonld" {
                let want: BTreeSet<String> = quads.iter().map(|q| q.to_string()).collect();
                let got: BTreeSet<String> = back.iter().map(|q| q.to_string()).collect();
                prop_assert_eq!(got, want, "{} keeps the graphs", name);
            }
        }
    }

    #[test]
    fn graphml_labels_read_back_from_the_xml(labels in prop::collection::vec(nasty_text(), 3..12)) {
        let mut net = vnkg::analyze::projection::Network::random(labels.len(), labels.len() * 2, 7);
        for (n, l) in net.nodes.iter_mut().zip(&labels) {
            n.label = l.clone();
        }
        let mut buf = Vec::new();
        vnkg::export::graphml::write(&net, &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let mut reader = quick_xml::Reader::from_str(&text);
        let (mut in_label, mut got) = (false, Vec::new());
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(e)) if e.name().as_ref() == b"data" => {
                    in_label = e.attributes().flatten().any(|a| a.key.as_ref() == b"key" && a.value.as_ref() == b"d_label");
                    if in_label { got.push(String::new()); }
                }
                Ok(quick_xml::events::Event::Text(t)) if in_label => {
                    got.last_mut().unwrap().push_str(&t.decode().unwrap());
                }
                Ok(quick_xml::events::Event::GeneralRef(r)) if in_label => {
                    let name = r.decode().unwrap();
                    let c = match name.as_ref() {
                        "amp" => "&".to_string(), "lt" => "<".to_string(), "gt" => ">".to_string(),
                        "quot" => "\"".to_string(), "apos" => "'".to_string(),
                        other => {
                            let code = other.strip_prefix("#x").map(|h| u32::from_str_radix(h, 16).unwrap())
                                .or_else(|| other.strip_prefix('#').map(|d| d.parse().unwrap())).unwrap();
                            char::from_u32(code).unwrap().to_string()
                        }
                    };
                    got.last_mut().unwrap().push_str(&c);
                }
                Ok(quick_xml::events::Event::End(e)) if e.name().as_ref() == b"data" => in_label = false,
                Ok(quick_xml::events::Event::Eof) => break,
                Err(e) => return Err(TestCaseError::fail(format!("not XML: {e}\n{text}"))),
                _ => {}
            }
        }
        let want: Vec<String> = labels.iter().map(|l| xml_safe(l)).collect();
        // an XML parser normalises a bare CR to LF unless it was written as a reference
        let got: Vec<String> = got.iter().map(|l| l.replace("\r\n", "\n")).collect();
        let want: Vec<String> = want.iter().map(|l| l.replace("\r\n", "\n")).collect();
        prop_assert_eq!(got, want);
    }
}
