#!/usr/bin/env python3
"""Validate a vnkg dump against ontology/shapes.ttl (SHACL), or prove the shapes can fail.

Usage:
  shacl_check.py DATA.nq              validate the union of all graphs of DATA
  shacl_check.py --self-test DATA.nq  mutate copies of DATA, one constraint at a time

DATA may be N-Quads, TriG, N-Triples or Turtle (chosen by extension).  All named graphs
(articles, ontology, gazetteer, analytics) are merged into one graph before validation;
when the dump lacks the ontology graph, ontology/vnkg.ttl and ontology/sectors.ttl are
added so sh:class and sh:targetClass see the rdfs:subClassOf hierarchy.

Validate mode prints one line per violation, `focus-node<TAB>path<TAB>message`, then
`violations: N`; exit 0 if the data conforms, 1 otherwise.

Self-test mode first checks that DATA conforms, then, for each mutation, changes a copy
of the data so that exactly one constraint is broken, validates it and prints `ok NAME`
when the expected shape reports the expected focus node and nothing outside the
mutation's allowed results is reported, `FAIL NAME` (with the reason) otherwise; exit 0
only if every mutation is ok.  A mutation whose material is missing from DATA prints
`skip NAME` (and fails the run, since that shape is then unproven).

Exit 3 if pyshacl (or rdflib) is not installed, 2 on usage or input errors.
Needs: pip install -r tests/requirements.txt (rdflib, pyshacl).
"""
import logging
import sys
import time
from pathlib import Path

try:
    import rdflib
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.collection import Collection
    from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
    import pyshacl
except ImportError as e:  # pragma: no cover
    print(
        f"shacl_check: {e.name or e} is not installed; install it with\n"
        "  pip install -r tests/requirements.txt   (needs rdflib and pyshacl)",
        file=sys.stderr,
    )
    sys.exit(3)

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "ontology" / "shapes.ttl"
ONTOLOGY_FILES = [ROOT / "ontology" / "vnkg.ttl", ROOT / "ontology" / "sectors.ttl"]

SH = Namespace("http://www.w3.org/ns/shacl#")
VNKG = Namespace("https://w3id.org/vnkg/ontology#")
VSH = Namespace("https://w3id.org/vnkg/shapes#")
DCT = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ID = "https://w3id.org/vnkg/id/"
ONTOLOGY = URIRef("https://w3id.org/vnkg/ontology")

PREFIXES = [
    ("vnkgsh", str(VSH)),
    ("vnkg", str(VNKG)),
    ("rdf", str(RDF)),
    ("rdfs", str(RDFS)),
    ("skos", str(SKOS)),
    ("dcterms", str(DCT)),
    ("prov", str(PROV)),
    ("xsd", str(XSD)),
    ("schema", "https://schema.org/"),
    ("sh", str(SH)),
]
SPARQL_PROLOGUE = "".join(f"PREFIX {p}: <{n}>\n" for p, n in PREFIXES)

FORMATS = {".nq": "nquads", ".trig": "trig", ".nt": "nt", ".ttl": "turtle"}


# --------------------------------------------------------------------------------------
# Speed: pyshacl hands rdflib the same SPARQL text for every focus node, and rdflib
# re-parses it each time (~20 ms), which makes the SHACL-SPARQL constraints take ~25 s on
# the built-in corpus.  Caching the parsed+translated query (what rdflib's prepareQuery
# does) brings a full validation to ~2.5 s; the results are identical.
# --------------------------------------------------------------------------------------
def _cache_sparql_parsing():
    try:
        from rdflib.plugins.sparql import processor
    except ImportError:  # pragma: no cover
        return
    original = processor.SPARQLProcessor.query
    cache = {}

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            prepared = cache.get(key)
            if prepared is None:
                prepared = processor.translateQuery(processor.parseQuery(strOrQuery), base, initNs)
                cache[key] = prepared
            strOrQuery = prepared
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query


_cache_sparql_parsing()


# --------------------------------------------------------------------------------------
# Loading and validating
# --------------------------------------------------------------------------------------
def load_union(path):
    """All triples of every graph in `path`, as one rdflib Graph."""
    fmt = FORMATS.get(Path(path).suffix.lower()) or rdflib.util.guess_format(str(path))
    if fmt is None:
        raise ValueError(f"cannot tell the RDF format of {path}")
    union = Graph()
    if fmt in ("nquads", "trig"):
        ds = rdflib.Dataset()
        ds.parse(str(path), format=fmt)
        for s, p, o, _g in ds.quads((None, None, None, None)):
            union.add((s, p, o))
    else:
        union.parse(str(path), format=fmt)
    if (ONTOLOGY, RDF.type, OWL.Ontology) not in union:
        print("shacl_check: no ontology graph in the data; adding ontology/*.ttl", file=sys.stderr)
        for f in ONTOLOGY_FILES:
            union.parse(str(f), format="turtle")
    return union


def load_shapes():
    g = Graph()
    g.parse(str(SHAPES), format="turtle")
    return g


def compact(node):
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        s = str(node)
        for p, ns in PREFIXES:
            if s.startswith(ns) and s[len(ns):] and all(c not in s[len(ns):] for c in "/#"):
                return f"{p}:{s[len(ns):]}"
        return f"<{s}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    return node.n3()


def render_path(g, path):
    """A SHACL property path as SPARQL-like text (vnkg:start, ^vnkg:partyTo|vnkg:hasParty)."""
    if path is None:
        return "-"
    if isinstance(path, URIRef):
        return compact(path)
    inv = g.value(path, SH.inversePath)
    if inv is not None:
        return "^" + render_path(g, inv)
    alt = g.value(path, SH.alternativePath)
    if alt is not None:
        return "(" + "|".join(render_path(g, x) for x in Collection(g, alt)) + ")"
    for pred, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = g.value(path, pred)
        if inner is not None:
            return render_path(g, inner) + suffix
    if g.value(path, RDF.first) is not None:
        return "/".join(render_path(g, x) for x in Collection(g, path))
    return compact(path)


class Result:
    """One sh:ValidationResult, flattened."""

    def __init__(self, rg, r):
        self.focus = rg.value(r, SH.focusNode)
        path = rg.value(r, SH.resultPath)
        self.path = render_path(rg, path) if path is not None else "-"
        self.shape = rg.value(r, SH.sourceShape)
        self.constraint = rg.value(r, SH.sourceConstraint)
        self.component = rg.value(r, SH.sourceConstraintComponent)
        msgs = sorted(str(m) for m in rg.objects(r, SH.resultMessage))
        self.message = " ".join(" ".join(msgs).split()) or compact(self.component)
        # what a self-test expectation may name: a named shape, a named SPARQL
        # constraint, or "path:<path>" for an anonymous property shape
        self.keys = {compact(x) for x in (self.shape, self.constraint) if isinstance(x, URIRef)}
        if isinstance(self.shape, URIRef) and self.component is not None:
            self.keys.add(f"{compact(self.shape)}/{compact(self.component)}")
        if self.path != "-":
            self.keys.add("path:" + self.path)

    def line(self):
        focus = str(self.focus) if isinstance(self.focus, URIRef) else compact(self.focus)
        return f"{focus}\t{self.path}\t{self.message}"


def validate(data, shapes):
    conforms, rg, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        abort_on_first=False,
        allow_warnings=False,
    )
    results = [Result(rg, r) for r in rg.subjects(RDF.type, SH.ValidationResult)]
    results.sort(key=lambda r: (str(r.focus), r.path, r.message))
    return bool(conforms), results


# --------------------------------------------------------------------------------------
# Self-test: mutations
# --------------------------------------------------------------------------------------
class Skip(Exception):
    pass


def pick(g, sparql, what):
    """First row (deterministic: the query must ORDER BY) or Skip."""
    rows = list(g.query(SPARQL_PROLOGUE + sparql))
    if not rows:
        raise Skip(f"no {what} in the data")
    return rows[0]


def rename(g, old, new):
    """Replace a node everywhere (subject and object positions)."""
    for s, p, o in list(g.triples((old, None, None))):
        g.remove((s, p, o))
        g.add((new, p, o))
    for s, p, o in list(g.triples((None, None, old))):
        g.remove((s, p, o))
        g.add((s, p, new))


def set_value(g, s, p, value):
    g.remove((s, p, None))
    g.add((s, p, value))


# Each mutation: (name, what it breaks, function(graph) -> expectation).  The function
# mutates the graph in place (it is given a copy) and returns
#   (focus, key, also)  where key names the shape that must report `focus` and `also`
#   lists further (focus or None for any focus, key) results the mutation may cause.
MUTATIONS = []


def mutation(name, doc):
    def register(f):
        MUTATIONS.append((name, doc, f))
        return f

    return register


RULE_ENTITY = """
    SELECT ?x WHERE {
        ?x a vnkg:Person ; skos:prefLabel ?l ; rdfs:label ?l2 .
        FILTER NOT EXISTS { ?x a ?other FILTER (?other != vnkg:Person) }
    } ORDER BY STR(?x)"""

TWO_PARTY = """
    SELECT ?p ?x WHERE {
        ?p a vnkg:Partnership . ?x vnkg:partyTo ?p .
        { SELECT ?p WHERE { ?y vnkg:partyTo ?p } GROUP BY ?p HAVING (COUNT(?y) = 2) }
    } ORDER BY STR(?p) STR(?x)"""

FACT_EVIDENCE = """
    SELECT ?ev ?s ?p ?o WHERE {
        ?ev a vnkg:RelationEvidence ; vnkg:factSubject ?s ; vnkg:factPredicate ?p ; vnkg:factObject ?o .
        FILTER (?p IN (vnkg:locatedIn, vnkg:basedInCountry, vnkg:issuedBy, vnkg:implements))
    } ORDER BY STR(?ev)"""

MENTION = """
    SELECT ?ev ?a ?x ?s ?e ?f WHERE {
        ?ev a vnkg:MentionEvidence ; prov:wasDerivedFrom ?a ; vnkg:evidenceFor ?x ;
            vnkg:start ?s ; vnkg:end ?e ; vnkg:surfaceForm ?f .
        FILTER (STRLEN(?f) >= 3)
    } ORDER BY STR(?ev)"""


# ---- partnerships -------------------------------------------------------------------
@mutation("partnership-one-party", "remove one party of a two-party partnership")
def _(g):
    p, x = pick(g, TWO_PARTY, "two-party partnership")
    g.remove((x, VNKG.partyTo, p))
    return p, "vnkgsh:PartnershipPartiesShape", []


@mutation("partnership-party-type", "make a sector a party of a partnership")
def _(g):
    (p,) = pick(g, "SELECT ?p WHERE { ?p a vnkg:Partnership } ORDER BY STR(?p)", "partnership")
    (s,) = pick(g, "SELECT ?s WHERE { ?s a vnkg:Sector } ORDER BY STR(?s)", "sector")
    g.add((s, VNKG.partyTo, p))
    return p, "vnkgsh:PartnershipPartyTypeShape", []


@mutation("partnership-status", "set a partnership's status outside the status scheme")
def _(g):
    (p,) = pick(g, "SELECT ?p WHERE { ?p a vnkg:Partnership } ORDER BY STR(?p)", "partnership")
    set_value(g, p, VNKG.status, VNKG.Cancelled)
    return p, "vnkgsh:PartnershipStatusShape", []


@mutation("partnership-no-evidence", "delete every evidence node of a partnership")
def _(g):
    (p,) = pick(g, "SELECT ?p WHERE { ?p a vnkg:Partnership } ORDER BY STR(?p)", "partnership")
    for ev in list(g.subjects(VNKG.evidenceFor, p)):
        g.remove((ev, None, None))
    return p, "vnkgsh:PartnershipEvidenceShape", []


@mutation("partnership-not-from-story", "derive a partnership from an article instead of a story")
def _(g):
    p, a = pick(
        g,
        """SELECT ?p ?a WHERE { ?p a vnkg:Partnership ; prov:wasDerivedFrom ?st . ?st dcterms:isPartOf ?a }
           ORDER BY STR(?p) STR(?a)""",
        "partnership with a story",
    )
    set_value(g, p, PROV.wasDerivedFrom, a)
    return p, "vnkgsh:PartnershipStoryShape", []


@mutation("partnership-no-label", "remove a partnership's French label")
def _(g):
    (p,) = pick(g, "SELECT ?p WHERE { ?p a vnkg:Partnership } ORDER BY STR(?p)", "partnership")
    g.remove((p, RDFS.label, None))
    return p, "vnkgsh:PartnershipLabelShape", []


# ---- evidence -----------------------------------------------------------------------
@mutation("evidence-missing-article", "point a fact's evidence at an article that is not in the store")
def _(g):
    ev = pick(g, FACT_EVIDENCE, "fact evidence")[0]
    set_value(g, ev, PROV.wasDerivedFrom, URIRef(ID + "article/no-such-article"))
    return ev, "vnkgsh:EvidenceArticleShape", [(ev, "vnkgsh:EvidenceSameArticleConstraint")]


@mutation("evidence-other-article", "point a fact's evidence at another article than its sentence's")
def _(g):
    ev, a = pick(
        g,
        """SELECT ?ev ?a WHERE {
               ?ev a vnkg:RelationEvidence ; vnkg:factSubject ?s ; vnkg:inSentence/vnkg:inStory ?st .
               ?a a vnkg:Article . FILTER NOT EXISTS { ?st dcterms:isPartOf ?a }
           } ORDER BY STR(?ev) STR(?a)""",
        "fact evidence and a second article",
    )
    set_value(g, ev, PROV.wasDerivedFrom, a)
    return ev, "vnkgsh:EvidenceSameArticleConstraint", []


@mutation("evidence-no-rule", "remove the rule name of an evidence node")
def _(g):
    ev = pick(g, FACT_EVIDENCE, "fact evidence")[0]
    g.remove((ev, VNKG.rule, None))
    return ev, "vnkgsh:EvidenceRuleShape", []


@mutation("evidence-no-sentence", "remove the sentence of an evidence node")
def _(g):
    ev = pick(g, FACT_EVIDENCE, "fact evidence")[0]
    g.remove((ev, VNKG.inSentence, None))
    return ev, "vnkgsh:EvidenceSentenceShape", []


@mutation("evidence-dangling", "point a mention evidence at an entity that does not exist")
def _(g):
    ev, a, x = pick(
        g,
        """SELECT ?ev ?a ?x WHERE {
               ?ev a vnkg:MentionEvidence ; prov:wasDerivedFrom ?a ; vnkg:evidenceFor ?x .
               ?ev2 a vnkg:MentionEvidence ; prov:wasDerivedFrom ?a ; vnkg:evidenceFor ?x .
               FILTER (?ev != ?ev2)
           } ORDER BY STR(?ev)""",
        "entity mentioned twice in one article",
    )[:3]
    set_value(g, ev, VNKG.evidenceFor, URIRef(ID + "actor/no-such-entity"))
    # the article does not list the made-up entity either
    return ev, "vnkgsh:EvidenceForTypedShape", [(ev, "vnkgsh:MentionListedConstraint")]


@mutation("evidence-two-kinds", "type a mention evidence as relation evidence too")
def _(g):
    ev = pick(g, MENTION, "mention evidence")[0]
    g.add((ev, RDF.type, VNKG.RelationEvidence))
    return ev, "vnkgsh:MentionEvidenceShape/sh:NotConstraintComponent", [(ev, "vnkgsh:RelationEvidenceShape")]


@mutation("fact-not-asserted", "delete the triple a relation evidence reifies")
def _(g):
    ev, s, p, o = pick(g, FACT_EVIDENCE, "fact evidence")
    g.remove((s, p, o))
    # every evidence of that triple reports it
    return ev, "vnkgsh:FactAssertedConstraint", [(None, "vnkgsh:FactAssertedConstraint")]


@mutation("fact-wrong-subject", "make a fact's evidence support another entity than its subject")
def _(g):
    ev, s, _p, o = pick(g, FACT_EVIDENCE, "fact evidence")
    set_value(g, ev, VNKG.evidenceFor, o)
    return ev, "vnkgsh:RelationEvidenceShape/sh:OrConstraintComponent", []


@mutation("fact-bad-predicate", "give a reified fact a predicate outside the vnkg relations")
def _(g):
    ev, s, p, o = pick(g, FACT_EVIDENCE, "fact evidence")
    set_value(g, ev, VNKG.factPredicate, RDFS.seeAlso)
    g.add((s, RDFS.seeAlso, o))  # asserted, so only the sh:in constraint fails
    return ev, "path:vnkg:factPredicate", []


# ---- mentions, sentences, offsets, confidences --------------------------------------
@mutation("mention-wrong-surface", "change a mention's surface form (same length) so the offsets no longer point at it")
def _(g):
    ev, _a, _x, _s, _e, f = pick(g, MENTION, "mention evidence")
    wrong = str(f)[::-1] if str(f)[::-1] != str(f) else "#" * len(str(f))
    set_value(g, ev, VNKG.surfaceForm, Literal(wrong))
    return ev, "vnkgsh:MentionSpanConstraint", []


@mutation("mention-not-listed", "drop an entity from its article's vnkg:mentions")
def _(g):
    ev, a, x = pick(g, MENTION, "mention evidence")[:3]
    g.remove((a, VNKG.mentions, x))
    return ev, "vnkgsh:MentionListedConstraint", [(None, "vnkgsh:MentionListedConstraint")]


@mutation("article-unbacked-mention", "list an entity in an article's vnkg:mentions without any mention evidence")
def _(g):
    a, x = pick(
        g,
        """SELECT ?a ?x WHERE { ?a a vnkg:Article . ?x a vnkg:Country FILTER NOT EXISTS { ?a vnkg:mentions ?x } }
           ORDER BY STR(?a) STR(?x)""",
        "article and unmentioned country",
    )
    g.add((a, VNKG.mentions, x))
    return a, "vnkgsh:ArticleMentionEvidenceConstraint", []


@mutation("sentence-no-text", "remove a sentence's text")
def _(g):
    (sn,) = pick(g, "SELECT ?s WHERE { ?s a vnkg:Sentence } ORDER BY STR(?s)", "sentence")
    g.remove((sn, VNKG.text, None))
    return sn, "path:vnkg:text", []


@mutation("sentence-length", "make a sentence's text longer than its offsets")
def _(g):
    sn, t = pick(g, "SELECT ?s ?t WHERE { ?s a vnkg:Sentence ; vnkg:text ?t } ORDER BY STR(?s)", "sentence")
    set_value(g, sn, VNKG.text, Literal(str(t) + " (ajout)"))
    return sn, "vnkgsh:SentenceLengthConstraint", []


@mutation("offset-negative", "set a mention's start offset to -1")
def _(g):
    ev = pick(g, MENTION, "mention evidence")[0]
    set_value(g, ev, VNKG.start, Literal(-1))
    return ev, "vnkgsh:StartOffsetShape", [(ev, "vnkgsh:MentionSpanConstraint")]


@mutation("offset-start-not-before-end", "set a mention's start equal to its end")
def _(g):
    ev, _a, _x, _s, e, _f = pick(g, MENTION, "mention evidence")
    set_value(g, ev, VNKG.start, e)
    return ev, "vnkgsh:StartOffsetShape", [(ev, "vnkgsh:MentionSpanConstraint")]


@mutation("offset-not-integer", "type a sentence's end offset as a string")
def _(g):
    sn, e = pick(g, "SELECT ?s ?e WHERE { ?s a vnkg:Sentence ; vnkg:end ?e } ORDER BY STR(?s)", "sentence")
    set_value(g, sn, VNKG.end, Literal(str(e)))
    # a string end also stops comparing with start (lessThan) and breaks the length check
    return sn, "vnkgsh:EndOffsetShape", [
        (sn, "vnkgsh:StartOffsetShape"),
        (sn, "vnkgsh:SentenceLengthConstraint"),
        (None, "vnkgsh:MentionSpanConstraint"),
    ]


@mutation("confidence-above-one", "set an evidence confidence to 1.5")
def _(g):
    ev = pick(g, FACT_EVIDENCE, "fact evidence")[0]
    set_value(g, ev, VNKG.confidence, Literal(1.5))
    return ev, "vnkgsh:ConfidenceValueShape", []


@mutation("confidence-negative", "set a partnership confidence to -0.1")
def _(g):
    (p,) = pick(g, "SELECT ?p WHERE { ?p a vnkg:Partnership } ORDER BY STR(?p)", "partnership")
    set_value(g, p, VNKG.confidence, Literal(-0.1))
    return p, "vnkgsh:ConfidenceValueShape", []


@mutation("confidence-datatype", "type a confidence as a string")
def _(g):
    ev = pick(g, MENTION, "mention evidence")[0]
    set_value(g, ev, VNKG.confidence, Literal("0.9"))
    return ev, "vnkgsh:ConfidenceValueShape", []


# ---- labels -------------------------------------------------------------------------
@mutation("label-no-french", "remove the French labels of an entity")
def _(g):
    (x,) = pick(g, RULE_ENTITY, "person")
    for p in (RDFS.label, SKOS.prefLabel):
        for o in list(g.objects(x, p)):
            if isinstance(o, Literal) and (o.language or "").lower().startswith("fr"):
                g.remove((x, p, o))
    return x, "vnkgsh:FrenchLabelPresentShape", []


@mutation("label-two-preferred", "give an entity a second French skos:prefLabel")
def _(g):
    (x,) = pick(g, RULE_ENTITY, "person")
    g.add((x, SKOS.prefLabel, Literal("Autre nom", lang="fr")))
    return x, "vnkgsh:PrefLabelUniqueShape", []


@mutation("label-untrimmed", "give an entity an rdfs:label with a trailing space")
def _(g):
    (x,) = pick(g, RULE_ENTITY, "person")
    g.add((x, RDFS.label, Literal("Nom ", lang="fr")))
    return x, "vnkgsh:LabelFormShape", []


# ---- IRIs ---------------------------------------------------------------------------
def _rename_entity(g, suffix):
    (x,) = pick(g, RULE_ENTITY, "person")
    bad = URIRef(str(x) + suffix)
    rename(g, x, bad)
    return bad


@mutation("iri-space", "rename an entity to an IRI containing a space")
def _(g):
    return _rename_entity(g, " bis"), "vnkgsh:IriShape", []


@mutation("iri-angle-bracket", "rename an entity to an IRI containing '<' and '\"'")
def _(g):
    return _rename_entity(g, '<"x">'), "vnkgsh:IriShape", []


@mutation("iri-foreign", "rename an entity outside https://w3id.org/vnkg/id/")
def _(g):
    (x,) = pick(g, RULE_ENTITY, "person")
    bad = URIRef("http://example.org/" + str(x).rsplit("/", 1)[-1])
    rename(g, x, bad)
    return bad, "vnkgsh:IriShape", [(bad, "vnkgsh:ActorIriShape")]


@mutation("iri-blank-node", "replace an (unmentioned) country IRI by a blank node")
def _(g):
    (c,) = pick(
        g,
        """SELECT ?c WHERE { ?c a vnkg:Country FILTER NOT EXISTS { ?x ?p ?c FILTER (?p != rdf:type) } }
           ORDER BY STR(?c)""",
        "unreferenced country",
    )
    b = BNode("blank_country")
    rename(g, c, b)
    return b, "vnkgsh:IriShape", [(b, "vnkgsh:CountryShape"), (b, "vnkgsh:CountryIriConstraint")]


@mutation("iri-kind-mismatch", "type an actor IRI as a Centre as well")
def _(g):
    (x,) = pick(g, RULE_ENTITY, "person")
    g.add((x, RDF.type, VNKG.Centre))
    return x, "vnkgsh:InitiativeIriShape", []


# ---- articles and stories -----------------------------------------------------------
def _article(g):
    return pick(g, "SELECT ?a WHERE { ?a a vnkg:Article ; dcterms:title ?t } ORDER BY STR(?a)", "article")[0]


@mutation("article-no-hash", "remove an article's content hash")
def _(g):
    a = _article(g)
    g.remove((a, VNKG.contentHash, None))
    return a, "path:vnkg:contentHash", []


@mutation("article-modified-datatype", "type an article's dcterms:modified as a plain string")
def _(g):
    a = _article(g)
    m = g.value(a, DCT.modified)
    set_value(g, a, DCT.modified, Literal(str(m)))
    return a, "path:dcterms:modified", []


@mutation("article-title-no-lang", "drop the language tag of an article title")
def _(g):
    a = _article(g)
    t = g.value(a, DCT.title)
    set_value(g, a, DCT.title, Literal(str(t)))
    return a, "path:dcterms:title", []


@mutation("story-orphan", "make a story part of an article that is not in the store")
def _(g):
    (st,) = pick(
        g,
        """SELECT ?st WHERE { ?st a vnkg:Story FILTER NOT EXISTS { ?sn vnkg:inStory ?st } } ORDER BY STR(?st)""",
        "story without sentences",
    )
    set_value(g, st, DCT.isPartOf, URIRef(ID + "article/no-such-article"))
    return st, "path:dcterms:isPartOf", []


# ---- countries, sectors, relations, analytics ---------------------------------------
@mutation("country-iso-mismatch", "give a country an ISO code that does not match its IRI")
def _(g):
    (c,) = pick(g, "SELECT ?c WHERE { ?c a vnkg:Country ; vnkg:isoCode ?i } ORDER BY STR(?c)", "country")
    set_value(g, c, VNKG.isoCode, Literal("ZZ"))
    return c, "vnkgsh:CountryIriConstraint", []


@mutation("sector-out-of-scheme", "take a sector out of the sector scheme")
def _(g):
    (s,) = pick(g, "SELECT ?s WHERE { ?s a vnkg:Sector } ORDER BY STR(?s)", "sector")
    g.remove((s, SKOS.inScheme, None))
    return s, "path:skos:inScheme", []


@mutation("relation-range", "make an actor focus on a country instead of a sector")
def _(g):
    x, c = pick(
        g,
        """SELECT ?x ?c WHERE {
               ?x vnkg:focusesOn ?s . ?c a vnkg:Country FILTER NOT EXISTS { ?x a vnkg:Partnership }
           } ORDER BY STR(?x) STR(?c)""",
        "non-partnership with a sector",
    )
    g.add((x, VNKG.focusesOn, c))
    return x, "path:vnkg:focusesOn", []


@mutation("relation-asymmetric", "delete the reverse direction of a vnkg:metWith")
def _(g):
    a, b = pick(
        g,
        """SELECT ?a ?b WHERE {
               ?a vnkg:metWith ?b .
               FILTER NOT EXISTS { ?ev vnkg:factSubject ?a ; vnkg:factPredicate vnkg:metWith ; vnkg:factObject ?b }
           } ORDER BY STR(?a) STR(?b)""",
        "metWith not reified in this direction",
    )
    g.remove((a, VNKG.metWith, b))
    return a, "path:^vnkg:metWith", [(b, "path:^vnkg:metWith")]


@mutation("analytics-pagerank", "set a PageRank above 1")
def _(g):
    (x,) = pick(g, "SELECT ?x WHERE { ?x vnkg:pagerank ?v } ORDER BY STR(?x)", "pagerank")
    set_value(g, x, VNKG.pagerank, Literal(1.5))
    return x, "path:vnkg:pagerank", []


@mutation("role-not-person", "give a role to an organization")
def _(g):
    (x,) = pick(g, "SELECT ?x WHERE { ?x a vnkg:Company } ORDER BY STR(?x)", "company")
    g.add((x, VNKG.hasRole, Literal("directeur", lang="fr")))
    return x, "vnkgsh:RoleShape", []


def copy_graph(g):
    c = Graph()
    for t in g:
        c.add(t)
    return c


def self_test(data, shapes):
    # the IRI mutations are deliberately invalid; rdflib would warn about each one
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    t0 = time.time()
    conforms, results = validate(data, shapes)
    if not conforms:
        for r in results:
            print(r.line())
        print(f"FAIL baseline: the unmutated data has {len(results)} violations; fix them first")
        return 1
    print(f"baseline conforms ({time.time() - t0:.1f} s)")
    failures = 0
    for name, doc, mutate in MUTATIONS:
        g = copy_graph(data)
        try:
            focus, key, also = mutate(g)
        except Skip as e:
            print(f"skip {name}: {e}")
            failures += 1
            continue
        _conforms, results = validate(g, shapes)
        hit = any(r.focus == focus and key in r.keys for r in results)
        allowed = [(focus, key)] + list(also)
        stray = [
            r
            for r in results
            if not any((f is None or r.focus == f) and k in r.keys for f, k in allowed)
        ]
        if hit and not stray:
            print(f"ok {name}")
            continue
        failures += 1
        why = []
        if not hit:
            why.append(f"no {key} violation on {compact(focus)}")
        if stray:
            why.append(f"{len(stray)} unexpected: " + "; ".join(r.line().replace("\t", " | ") for r in stray[:3]))
        print(f"FAIL {name} ({doc}): " + " / ".join(why))
    print(f"mutations: {len(MUTATIONS)}, failed: {failures} ({time.time() - t0:.1f} s)")
    return 0 if failures == 0 else 1


def main(argv):
    args = argv[1:]
    test = False
    if args and args[0] == "--self-test":
        test, args = True, args[1:]
    if len(args) != 1 or args[0].startswith("-"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        data = load_union(args[0])
        shapes = load_shapes()
    except Exception as e:  # unreadable or unparsable input
        print(f"shacl_check: {e}", file=sys.stderr)
        return 2
    if test:
        return self_test(data, shapes)
    conforms, results = validate(data, shapes)
    for r in results:
        print(r.line())
    print(f"violations: {len(results)}")
    return 0 if conforms else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
