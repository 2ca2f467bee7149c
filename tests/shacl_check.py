#!/usr/bin/env python3
"""Validate a vnkg dump against ontology/shapes.ttl (SHACL), or prove the shapes can fail.

Usage:
  shacl_check.py DATA.nq                         validate the union of all graphs of DATA
  shacl_check.py --self-test DATA.nq             prove every shape can fail on DATA
  shacl_check.py --self-test --isolated DATA.nq  same, one validation per mutation (slow)

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
only if every mutation is ok.  A mutation whose material is missing from DATA fails
too ("FAIL NAME (...): skipped, no ... in the data"): that shape is then unproven.  Independent
mutations share a validation run (see "Self-test: mutations" below); --isolated gives
each its own copy and run (~45 runs of ~2.5 s on the built-in corpus).

Exit 3 if pyshacl (or rdflib) is not installed, 2 on usage or input errors.
Needs: pip install -r tests/requirements.txt (rdflib, pyshacl).
"""
import logging
import sys
import time
from collections import Counter
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
#
# A mutation reads the (conforming) data and returns an Edit -- triples to remove and to
# add -- plus what validation must then report: the focus node, a key naming the shape
# (a vnkgsh: shape or SPARQL constraint, "shape/component" for one constraint of a node
# shape, or "path:<path>" for an anonymous property shape) and the other (focus, key)
# results the edit may legitimately cause.  Any other result makes the mutation FAIL.
#
# Speed: one validation takes ~2.5 s, so edits that touch disjoint sets of nodes are
# applied together to one copy of the data and validated once, and each result is
# credited to the mutation that allows it.  A batch with a result no mutation allows, or
# a mutation whose expected result is missing, is re-checked mutation by mutation on its
# own copy, which then decides.  --isolated validates every mutation on its own copy.
# --------------------------------------------------------------------------------------
class Skip(Exception):
    pass


class Edit:
    """Triples to remove from / add to a copy of the base graph."""

    def __init__(self, base):
        self.base = base
        self.removed = set()
        self.added = set()

    def remove(self, s, p, o):
        for t in self.base.triples((s, p, o)):
            self.removed.add(t)
        return self

    def add(self, s, p, o):
        self.added.add((s, p, o))
        return self

    def set(self, s, p, value):
        """Replace every value of s p by `value`."""
        return self.remove(s, p, None).add(s, p, value)

    def rename(self, old, new):
        """Replace a node everywhere (subject and object positions)."""
        for s, p, o in list(self.base.triples((old, None, None))) + list(self.base.triples((None, None, old))):
            self.removed.add((s, p, o))
            self.added.add((new if s == old else s, p, new if o == old else o))
        return self

    def touched(self):
        """Resources whose triples change: the subjects and objects of the edited triples,
        except literals and vocabulary terms (classes, properties, status concepts), which
        no shape targets."""
        return {
            n
            for t in self.removed | self.added
            for n in (t[0], t[2])
            if not isinstance(n, Literal) and not str(n).startswith(VOCABULARIES)
        }

    def apply(self, g):
        for t in self.removed:
            g.remove(t)
        for t in self.added:
            g.add(t)


class Picker:
    """Deterministic choice of the material a mutation breaks (queries must ORDER BY).

    A mutation prefers a first-column node no earlier mutation has taken, and `skip`
    moves it to later candidates, so that the runner can look for an edit that is
    independent of the others and can share a validation run with them."""

    def __init__(self, base):
        self.base = base
        self.taken = set()
        self.skip = 0
        self.claims = []

    def rows(self, sparql):
        return list(self.base.query(SPARQL_PROLOGUE + sparql))

    def __call__(self, sparql, what):
        return self.first(self.rows(sparql), what)

    def first(self, rows, what):
        if not rows:
            raise Skip(f"no {what} in the data")
        fresh = [r for r in rows if r[0] not in self.taken] or rows
        row = fresh[self.skip % len(fresh)]
        self.claims.append(row[0])
        return row


# (name, what it breaks, function(base graph, picker) -> (edit, focus, key, also))
MUTATIONS = []


def mutation(name, doc):
    def register(f):
        MUTATIONS.append((name, doc, f))
        return f

    return register


PARTNERSHIP = "SELECT ?p WHERE { ?p a vnkg:Partnership } ORDER BY STR(?p)"

TWO_PARTY = """
    SELECT ?p ?x WHERE {
        ?p a vnkg:Partnership . ?x vnkg:partyTo ?p .
        { SELECT ?p WHERE { ?y vnkg:partyTo ?p } GROUP BY ?p HAVING (COUNT(?y) = 2) }
    } ORDER BY STR(?p) STR(?x)"""

PERSON = """
    SELECT ?x WHERE {
        ?x a vnkg:Person ; skos:prefLabel ?l ; rdfs:label ?l2 .
        FILTER NOT EXISTS { ?x a ?other FILTER (?other != vnkg:Person) }
    } ORDER BY MD5(STR(?x))"""

FACT_EVIDENCE = """
    SELECT ?ev ?s ?p ?o WHERE {
        ?ev vnkg:factSubject ?s ; vnkg:factPredicate ?p ; vnkg:factObject ?o .
        FILTER (?p IN (vnkg:locatedIn, vnkg:basedInCountry, vnkg:issuedBy, vnkg:implements))
    } ORDER BY MD5(STR(?ev))"""

MENTION = """
    SELECT ?ev ?a ?x ?s ?e ?f WHERE {
        ?ev a vnkg:MentionEvidence ; vnkg:inSentence/vnkg:inStory ?a ; vnkg:evidenceFor ?x ;
            vnkg:start ?s ; vnkg:end ?e ; vnkg:surfaceForm ?f .
        FILTER (STRLEN(?f) >= 3)
    } ORDER BY MD5(STR(?ev))"""

TITLED_ARTICLE = "SELECT ?a WHERE { ?a a vnkg:Article ; dcterms:title ?t } ORDER BY STR(?a)"

NOWHERE = URIRef(ID + "article/no-such-article")
VOCABULARIES = (str(VNKG), "http://www.w3.org/", "http://purl.org/", "https://schema.org/")


# ---- partnerships -------------------------------------------------------------------
@mutation("partnership-one-party", "remove one party of a two-party partnership")
def _(g, pick):
    p, x = pick(TWO_PARTY, "two-party partnership")
    return Edit(g).remove(x, VNKG.partyTo, p), p, "vnkgsh:PartnershipPartiesShape", []


@mutation("partnership-party-type", "make a sector a party of a partnership")
def _(g, pick):
    (p,) = pick(PARTNERSHIP, "partnership")
    (s,) = pick("SELECT ?s WHERE { ?s a vnkg:Sector } ORDER BY STR(?s)", "sector")
    return Edit(g).add(s, VNKG.partyTo, p), p, "vnkgsh:PartnershipPartyTypeShape", []


@mutation("partnership-status", "set a partnership's status outside the status scheme")
def _(g, pick):
    (p,) = pick(PARTNERSHIP, "partnership")
    return Edit(g).set(p, VNKG.status, VNKG.Cancelled), p, "vnkgsh:PartnershipStatusShape", []


@mutation("partnership-no-evidence", "delete every evidence node of a partnership")
def _(g, pick):
    (p,) = pick(PARTNERSHIP, "partnership")
    e = Edit(g)
    for ev in g.subjects(VNKG.evidenceFor, p):
        e.remove(ev, None, None)
    return e, p, "vnkgsh:PartnershipEvidenceShape", []


@mutation("partnership-not-from-story", "derive a partnership from an article instead of a story")
def _(g, pick):
    p, a = pick(
        """SELECT ?p ?a WHERE { ?p a vnkg:Partnership ; prov:wasDerivedFrom ?st . ?st dcterms:isPartOf ?a }
           ORDER BY STR(?p) STR(?a)""",
        "partnership with a story",
    )
    return Edit(g).set(p, PROV.wasDerivedFrom, a), p, "vnkgsh:PartnershipStoryShape", []


@mutation("partnership-no-label", "remove a partnership's French label")
def _(g, pick):
    (p,) = pick(PARTNERSHIP, "partnership")
    return Edit(g).remove(p, RDFS.label, None), p, "vnkgsh:PartnershipLabelShape", []


# ---- evidence -----------------------------------------------------------------------
def moved_outside_articles(g, ev):
    """Moves evidence `ev` to a made-up sentence of a made-up story no article carries."""
    sn = URIRef(ID + "sentence/nowhere-0")
    st = URIRef(ID + "story/nowhere")
    e = (Edit(g).set(ev, VNKG.inSentence, sn)
         .add(sn, VNKG.inStory, st)
         .add(sn, VNKG.text, Literal("Une phrase.")).add(sn, VNKG.start, Literal(0)).add(sn, VNKG.end, Literal(11))
         .add(st, RDF.type, VNKG.Story).add(st, VNKG.isTeaser, Literal(False)))
    return e, st


@mutation("mention-sentence-outside-articles", "move a mention's evidence (full provenance) to a sentence of a story that no article holds")
def _(g, pick):
    ev, _x = pick("SELECT ?ev ?x WHERE { ?ev a vnkg:MentionEvidence ; vnkg:evidenceFor ?x } ORDER BY STR(?ev)", "mention evidence")
    e, st = moved_outside_articles(g, ev)
    # the entity is not mentionedIn the made-up sentence, and its offsets are outside it
    return e, ev, "vnkgsh:EvidenceInArticleConstraint", [
        (st, "path:dcterms:isPartOf"), (ev, "vnkgsh:MentionListedConstraint"), (ev, "vnkgsh:MentionSpanConstraint")]


@mutation("evidence-sentence-outside-articles", "move a fact's evidence to a sentence of a story that no article holds")
def _(g, pick):
    ev = pick(FACT_EVIDENCE, "fact evidence")[0]
    e, st = moved_outside_articles(g, ev)
    return e, ev, "vnkgsh:EvidenceInArticleConstraint", [(st, "path:dcterms:isPartOf")]


@mutation("evidence-no-rule", "remove the rule name of an evidence node")
def _(g, pick):
    ev = pick(FACT_EVIDENCE, "fact evidence")[0]
    return Edit(g).remove(ev, VNKG.rule, None), ev, "vnkgsh:EvidenceRuleShape", []


@mutation("evidence-bad-rule", "give an evidence node a rule name with spaces")
def _(g, pick):
    ev = pick(MENTION, "mention evidence")[0]
    return Edit(g).set(ev, VNKG.rule, Literal("Gazetteer match")), ev, "vnkgsh:EvidenceRuleShape", []


@mutation("evidence-no-sentence", "remove the sentence of an evidence node")
def _(g, pick):
    ev = pick(FACT_EVIDENCE, "fact evidence")[0]
    return Edit(g).remove(ev, VNKG.inSentence, None), ev, "vnkgsh:EvidenceSentenceShape", []


@mutation("evidence-dangling", "point a mention evidence at an entity that does not exist")
def _(g, pick):
    rows = pick.rows(
        """SELECT ?ev ?a ?x WHERE { ?ev a vnkg:MentionEvidence ; vnkg:inSentence/vnkg:inStory ?a ; vnkg:evidenceFor ?x }
           ORDER BY MD5(STR(?ev))"""
    )
    twice = {k for k, n in Counter((a, x) for _ev, a, x in rows).items() if n > 1}
    ev = pick.first([(ev,) for ev, a, x in rows if (a, x) in twice], "entity mentioned twice in one story")[0]
    e = Edit(g).set(ev, VNKG.evidenceFor, URIRef(ID + "actor/no-such-entity"))
    # the article does not list the made-up entity either
    return e, ev, "vnkgsh:EvidenceForTypedShape", [(ev, "vnkgsh:MentionListedConstraint")]


@mutation("evidence-two-kinds", "type a mention evidence as relation evidence too")
def _(g, pick):
    ev = pick(MENTION, "mention evidence")[0]
    e = Edit(g).add(ev, RDF.type, VNKG.RelationEvidence)
    return e, ev, "vnkgsh:EvidenceKindsDisjointShape", [(ev, "vnkgsh:RelationEvidenceShape")]


@mutation("fact-not-asserted", "delete the triple a relation evidence reifies")
def _(g, pick):
    ev, s, p, o = pick(FACT_EVIDENCE, "fact evidence")
    others = [r[0] for r in pick.rows(
        f"SELECT ?ev WHERE {{ ?ev vnkg:factSubject {s.n3()} ; vnkg:factPredicate {p.n3()} ; "
        f"vnkg:factObject {o.n3()} }} ORDER BY STR(?ev)"
    )]
    # every evidence of that triple reports it
    return Edit(g).remove(s, p, o), ev, "vnkgsh:FactAssertedConstraint", [
        (x, "vnkgsh:FactAssertedConstraint") for x in others
    ]


@mutation("fact-wrong-subject", "make a fact's evidence support another entity than its subject")
def _(g, pick):
    ev, _s, _p, o = pick(FACT_EVIDENCE, "fact evidence")
    e = Edit(g).set(ev, VNKG.evidenceFor, o)
    return e, ev, "vnkgsh:RelationEvidenceShape/sh:OrConstraintComponent", []


@mutation("fact-bad-predicate", "give a reified fact a predicate outside the vnkg relations")
def _(g, pick):
    ev, s, _p, o = pick(FACT_EVIDENCE, "fact evidence")
    # the odd triple is asserted too, so only the sh:in constraint fails
    e = Edit(g).set(ev, VNKG.factPredicate, RDFS.seeAlso).add(s, RDFS.seeAlso, o)
    return e, ev, "path:vnkg:factPredicate", []


# ---- mentions, sentences, offsets, confidences --------------------------------------
@mutation("mention-wrong-surface", "change a mention's surface form (same length) so its offsets miss it")
def _(g, pick):
    ev, _a, _x, _s, _e, f = pick(MENTION, "mention evidence")
    wrong = str(f)[::-1] if str(f)[::-1] != str(f) else "#" * len(str(f))
    return Edit(g).set(ev, VNKG.surfaceForm, Literal(wrong)), ev, "vnkgsh:MentionSpanConstraint", []


@mutation("mention-not-listed", "drop an entity's vnkg:mentionedIn of a sentence its mention evidence is in")
def _(g, pick):
    ev, _a, x = pick(MENTION, "mention evidence")[:3]
    (sn,) = pick(f"SELECT ?s WHERE {{ {ev.n3()} vnkg:inSentence ?s }}", "its sentence")
    same = [r[0] for r in pick.rows(
        f"SELECT ?ev WHERE {{ ?ev vnkg:evidenceFor {x.n3()} ; vnkg:inSentence {sn.n3()} }} ORDER BY STR(?ev)"
    )]
    # an article that named the entity only there no longer has it backed either
    arts = [(r[0], "vnkgsh:ArticleMentionEvidenceConstraint") for r in pick.rows(
        f"SELECT ?a WHERE {{ ?a vnkg:mentions {x.n3()} }}"
    )]
    return Edit(g).remove(x, VNKG.mentionedIn, sn), ev, "vnkgsh:MentionListedConstraint", [
        (y, "vnkgsh:MentionListedConstraint") for y in same
    ] + arts


@mutation("article-unbacked-mention", "list an entity in an article's vnkg:mentions that no sentence of it names")
def _(g, pick):
    (a,) = pick("SELECT ?a WHERE { ?a a vnkg:Article } ORDER BY STR(?a)", "article")
    (x,) = pick(
        f"SELECT ?x WHERE {{ ?x a vnkg:Country FILTER NOT EXISTS {{ ?x vnkg:mentionedIn ?s . ?s vnkg:inStory/dcterms:isPartOf {a.n3()} }} }} ORDER BY STR(?x)",
        "country the article does not mention",
    )
    return Edit(g).add(a, VNKG.mentions, x), a, "vnkgsh:ArticleMentionEvidenceConstraint", []


@mutation("sentence-no-text", "remove a sentence's text")
def _(g, pick):
    (sn,) = pick("SELECT ?s WHERE { ?s vnkg:inStory ?st } ORDER BY MD5(STR(?s))", "sentence")
    return Edit(g).remove(sn, VNKG.text, None), sn, "path:vnkg:text", []


@mutation("sentence-length", "make a sentence's text longer than its offsets")
def _(g, pick):
    sn, t = pick("SELECT ?s ?t WHERE { ?s vnkg:inStory ?st ; vnkg:text ?t } ORDER BY MD5(STR(?s))", "sentence")
    e = Edit(g).set(sn, VNKG.text, Literal(str(t) + " (ajout)"))
    return e, sn, "vnkgsh:SentenceLengthConstraint", []


@mutation("offset-negative", "set a mention's start offset to -1")
def _(g, pick):
    ev = pick(MENTION, "mention evidence")[0]
    e = Edit(g).set(ev, VNKG.start, Literal(-1))
    return e, ev, "vnkgsh:StartOffsetShape", [(ev, "vnkgsh:MentionSpanConstraint")]


@mutation("offset-start-not-before-end", "set a mention's start equal to its end")
def _(g, pick):
    ev, _a, _x, _s, end, _f = pick(MENTION, "mention evidence")
    e = Edit(g).set(ev, VNKG.start, end)
    return e, ev, "vnkgsh:StartOffsetShape", [(ev, "vnkgsh:MentionSpanConstraint")]


@mutation("offset-not-integer", "type a sentence's end offset as a string")
def _(g, pick):
    sn, end = pick("SELECT ?s ?e WHERE { ?s vnkg:inStory ?st ; vnkg:end ?e } ORDER BY MD5(STR(?s))", "sentence")
    inside = [r[0] for r in pick.rows(f"SELECT ?ev WHERE {{ ?ev vnkg:inSentence {sn.n3()} }} ORDER BY STR(?ev)")]
    # a string end can no longer be compared with start, nor with the mentions' offsets
    also = [(sn, "vnkgsh:StartOffsetShape"), (sn, "vnkgsh:SentenceLengthConstraint")]
    also += [(ev, "vnkgsh:MentionSpanConstraint") for ev in inside]
    return Edit(g).set(sn, VNKG.end, Literal(str(end))), sn, "vnkgsh:EndOffsetShape", also


@mutation("confidence-above-one", "set an evidence confidence to 1.5")
def _(g, pick):
    ev = pick(FACT_EVIDENCE, "fact evidence")[0]
    return Edit(g).set(ev, VNKG.confidence, Literal(1.5)), ev, "vnkgsh:ConfidenceValueShape", []


@mutation("confidence-negative", "set a partnership confidence to -0.1")
def _(g, pick):
    (p,) = pick(PARTNERSHIP, "partnership")
    return Edit(g).set(p, VNKG.confidence, Literal(-0.1)), p, "vnkgsh:ConfidenceValueShape", []


@mutation("confidence-datatype", "type a confidence as a string")
def _(g, pick):
    ev = pick(MENTION, "mention evidence")[0]
    return Edit(g).set(ev, VNKG.confidence, Literal("0.9")), ev, "vnkgsh:ConfidenceValueShape", []


# ---- labels -------------------------------------------------------------------------
@mutation("label-no-french", "remove the French labels of an entity")
def _(g, pick):
    (x,) = pick(PERSON, "person")
    e = Edit(g)
    for p in (RDFS.label, SKOS.prefLabel):
        for o in g.objects(x, p):
            if isinstance(o, Literal) and (o.language or "").lower().startswith("fr"):
                e.remove(x, p, o)
    return e, x, "vnkgsh:FrenchLabelPresentShape", []


@mutation("label-two-preferred", "give an entity a second French skos:prefLabel")
def _(g, pick):
    (x,) = pick(PERSON, "person")
    e = Edit(g).add(x, SKOS.prefLabel, Literal("Autre nom", lang="fr"))
    return e, x, "vnkgsh:PrefLabelUniqueShape", []


@mutation("label-untrimmed", "give an entity an rdfs:label with a trailing space")
def _(g, pick):
    (x,) = pick(PERSON, "person")
    return Edit(g).add(x, RDFS.label, Literal("Nom ", lang="fr")), x, "vnkgsh:LabelFormShape", []


# ---- IRIs ---------------------------------------------------------------------------
@mutation("iri-space", "rename an entity to an IRI containing a space")
def _(g, pick):
    (x,) = pick(PERSON, "person")
    bad = URIRef(str(x) + " bis")
    return Edit(g).rename(x, bad), bad, "vnkgsh:IriShape", []


@mutation("iri-angle-bracket", "rename an entity to an IRI containing '<' and '\"'")
def _(g, pick):
    (x,) = pick(PERSON, "person")
    bad = URIRef(str(x) + '<"x">')
    return Edit(g).rename(x, bad), bad, "vnkgsh:IriShape", []


@mutation("iri-foreign", "rename an entity outside https://w3id.org/vnkg/id/")
def _(g, pick):
    (x,) = pick(PERSON, "person")
    bad = URIRef("http://example.org/" + str(x).rsplit("/", 1)[-1])
    return Edit(g).rename(x, bad), bad, "vnkgsh:IriShape", [(bad, "vnkgsh:ActorIriShape")]


@mutation("iri-blank-node", "replace an (unreferenced) country IRI by a blank node")
def _(g, pick):
    (c,) = pick(
        """SELECT ?c WHERE { ?c a vnkg:Country FILTER NOT EXISTS { ?x ?p ?c FILTER (?p != rdf:type) } }
           ORDER BY STR(?c)""",
        "unreferenced country",
    )
    b = BNode("blank_country")
    also = [(b, "vnkgsh:CountryIriShape"), (b, "vnkgsh:CountryIsoCodeConstraint")]
    return Edit(g).rename(c, b), b, "vnkgsh:IriShape", also


@mutation("iri-kind-mismatch", "type an actor IRI as a Centre as well")
def _(g, pick):
    (x,) = pick(PERSON, "person")
    return Edit(g).add(x, RDF.type, VNKG.Centre), x, "vnkgsh:InitiativeIriShape", []


# ---- articles and stories -----------------------------------------------------------
@mutation("article-no-hash", "remove an article's content hash")
def _(g, pick):
    (a,) = pick(TITLED_ARTICLE, "article")
    return Edit(g).remove(a, VNKG.contentHash, None), a, "path:vnkg:contentHash", []


@mutation("article-modified-datatype", "type an article's dcterms:modified as a plain string")
def _(g, pick):
    (a,) = pick(TITLED_ARTICLE, "article")
    e = Edit(g).set(a, DCT.modified, Literal(str(g.value(a, DCT.modified))))
    return e, a, "path:dcterms:modified", []


@mutation("article-title-no-lang", "drop the language tag of an article title")
def _(g, pick):
    (a,) = pick(TITLED_ARTICLE, "article")
    e = Edit(g).set(a, DCT.title, Literal(str(g.value(a, DCT.title))))
    return e, a, "path:dcterms:title", []


@mutation("story-orphan", "make a story part of an article that is not in the store")
def _(g, pick):
    (st,) = pick("SELECT ?st WHERE { ?st a vnkg:Story } ORDER BY MD5(STR(?st))", "story")
    inside = [r[0] for r in pick.rows(
        f"SELECT DISTINCT ?ev WHERE {{ ?ev vnkg:inSentence/vnkg:inStory {st.n3()} }} ORDER BY STR(?ev)"
    )]
    # its sentences' evidence is now in no article, and what the articles holding it named
    # only there is no longer backed by a sentence of theirs
    also = [(ev, "vnkgsh:EvidenceInArticleConstraint") for ev in inside]
    also += [(r[0], "vnkgsh:ArticleMentionEvidenceConstraint") for r in pick.rows(
        f"SELECT ?a WHERE {{ {st.n3()} dcterms:isPartOf ?a }} ORDER BY STR(?a)"
    )]
    return Edit(g).set(st, DCT.isPartOf, NOWHERE), st, "path:dcterms:isPartOf", also


# ---- countries, sectors, relations, analytics ---------------------------------------
@mutation("country-iso-mismatch", "give a country an ISO code that does not match its IRI")
def _(g, pick):
    (c,) = pick("SELECT ?c WHERE { ?c a vnkg:Country ; vnkg:isoCode ?i } ORDER BY STR(?c)", "country")
    return Edit(g).set(c, VNKG.isoCode, Literal("ZZ")), c, "vnkgsh:CountryIsoCodeConstraint", []


@mutation("sector-out-of-scheme", "take a sector out of the sector scheme")
def _(g, pick):
    (s,) = pick("SELECT ?s WHERE { ?s a vnkg:Sector } ORDER BY STR(?s)", "sector")
    return Edit(g).remove(s, SKOS.inScheme, None), s, "path:skos:inScheme", []


@mutation("relation-range", "make an entity focus on a country instead of a sector")
def _(g, pick):
    (x,) = pick(
        """SELECT DISTINCT ?x WHERE { ?x vnkg:focusesOn ?s FILTER NOT EXISTS { ?x a vnkg:Partnership } }
           ORDER BY STR(?x)""",
        "non-partnership with a sector",
    )
    (c,) = pick("SELECT ?c WHERE { ?c a vnkg:Country } ORDER BY STR(?c)", "country")
    return Edit(g).add(x, VNKG.focusesOn, c), x, "path:vnkg:focusesOn", []


@mutation("relation-asymmetric", "delete one direction of a vnkg:metWith")
def _(g, pick):
    a, b = pick(
        """SELECT ?a ?b WHERE {
               ?a vnkg:metWith ?b .
               FILTER NOT EXISTS { ?ev vnkg:factSubject ?a ; vnkg:factPredicate vnkg:metWith ; vnkg:factObject ?b }
           } ORDER BY STR(?a) STR(?b)""",
        "metWith not reified in this direction",
    )
    return Edit(g).remove(a, VNKG.metWith, b), a, "path:^vnkg:metWith", [(b, "path:^vnkg:metWith")]


@mutation("analytics-pagerank", "set a PageRank above 1")
def _(g, pick):
    (x,) = pick("SELECT ?x WHERE { ?x vnkg:pagerank ?v } ORDER BY STR(?x)", "pagerank")
    return Edit(g).set(x, VNKG.pagerank, Literal(1.5)), x, "path:vnkg:pagerank", []


@mutation("role-not-person", "give a role to a company")
def _(g, pick):
    (x,) = pick("SELECT ?x WHERE { ?x a vnkg:Company } ORDER BY STR(?x)", "company")
    e = Edit(g).add(x, VNKG.hasRole, Literal("directeur", lang="fr"))
    return e, x, "vnkgsh:RoleShape", []


# ---- further ranges, domains, IRI kinds and article/story/sentence fields ----------
@mutation("analytics-degree", "set a degree to -1")
def _(g, pick):
    (x,) = pick("SELECT ?x WHERE { ?x vnkg:degree ?v } ORDER BY MD5(STR(?x))", "degree")
    return Edit(g).set(x, VNKG.degree, Literal(-1)), x, "path:vnkg:degree", []


@mutation("based-in-country-range", "make an entity based in a sector")
def _(g, pick):
    (x,) = pick("SELECT ?x WHERE { ?x vnkg:basedInCountry ?c } ORDER BY MD5(STR(?x))", "basedInCountry")
    (s,) = pick("SELECT ?s WHERE { ?s a vnkg:Sector } ORDER BY STR(?s)", "sector")
    return Edit(g).add(x, VNKG.basedInCountry, s), x, "path:vnkg:basedInCountry", []


@mutation("located-in-range", "make an entity located in a sector")
def _(g, pick):
    (x,) = pick("SELECT ?x WHERE { ?x vnkg:locatedIn ?c } ORDER BY MD5(STR(?x))", "locatedIn")
    (s,) = pick("SELECT ?s WHERE { ?s a vnkg:Sector } ORDER BY STR(?s)", "sector")
    return Edit(g).add(x, VNKG.locatedIn, s), x, "path:vnkg:locatedIn", []


@mutation("implements-range", "make an entity implement a country")
def _(g, pick):
    (x,) = pick("SELECT ?x WHERE { ?x vnkg:implements ?c } ORDER BY MD5(STR(?x))", "implements")
    (c,) = pick("SELECT ?c WHERE { ?c a vnkg:Country } ORDER BY STR(?c)", "country")
    return Edit(g).add(x, VNKG.implements, c), x, "path:vnkg:implements", []


@mutation("issued-by-range", "make a policy issued by a sector")
def _(g, pick):
    (x,) = pick("SELECT ?x WHERE { ?x vnkg:issuedBy ?c } ORDER BY MD5(STR(?x))", "issuedBy")
    (s,) = pick("SELECT ?s WHERE { ?s a vnkg:Sector } ORDER BY STR(?s)", "sector")
    return Edit(g).add(x, VNKG.issuedBy, s), x, "path:vnkg:issuedBy", []


@mutation("member-of-domain", "make a company a member of an organization")
def _(g, pick):
    (x,) = pick("SELECT ?x WHERE { ?x a vnkg:Company } ORDER BY STR(?x)", "company")
    (o,) = pick("SELECT ?o WHERE { ?o a vnkg:ResearchOrganization } ORDER BY STR(?o)", "organization")
    e = Edit(g).add(x, VNKG.memberOf, o)
    return e, x, "vnkgsh:MemberOfShape/sh:ClassConstraintComponent", []


@mutation("participates-in-domain", "make a sector participate in an initiative")
def _(g, pick):
    (s,) = pick("SELECT ?s WHERE { ?s a vnkg:Sector } ORDER BY STR(?s)", "sector")
    (i,) = pick("SELECT ?i WHERE { ?i a vnkg:Centre } ORDER BY STR(?i)", "centre")
    e = Edit(g).add(s, VNKG.participatesIn, i)
    return e, s, "vnkgsh:ParticipatesInShape/sh:OrConstraintComponent", []


@mutation("party-to-range", "make a country party to an article")
def _(g, pick):
    (c,) = pick("SELECT ?c WHERE { ?c a vnkg:Country } ORDER BY STR(?c)", "country")
    (a,) = pick("SELECT ?a WHERE { ?a a vnkg:Article } ORDER BY STR(?a)", "article")
    return Edit(g).add(c, VNKG.partyTo, a), c, "path:vnkg:partyTo", []


@mutation("cooperates-with-type", "make an actor cooperate (both ways) with a sector")
def _(g, pick):
    (x,) = pick("SELECT DISTINCT ?x WHERE { ?x vnkg:cooperatesWith ?y } ORDER BY MD5(STR(?x))", "cooperation")
    (s,) = pick("SELECT ?s WHERE { ?s a vnkg:Sector } ORDER BY STR(?s)", "sector")
    e = Edit(g).add(x, VNKG.cooperatesWith, s).add(s, VNKG.cooperatesWith, x)
    return e, x, "path:vnkg:cooperatesWith", []


@mutation("policy-number-domain", "give a policy number to a company")
def _(g, pick):
    (x,) = pick("SELECT ?x WHERE { ?x a vnkg:Company } ORDER BY STR(?x)", "company")
    return Edit(g).add(x, VNKG.policyNumber, Literal("12/QD-TTg")), x, "vnkgsh:PolicyNumberShape", []


@mutation("actor-iri-kind", "type an initiative as a Company as well")
def _(g, pick):
    (x,) = pick("SELECT ?x WHERE { ?x a vnkg:Centre } ORDER BY STR(?x)", "centre")
    return Edit(g).add(x, RDF.type, VNKG.Company), x, "vnkgsh:ActorIriShape", []


@mutation("policy-iri-kind", "type a company as a Law as well")
def _(g, pick):
    (x,) = pick("SELECT ?x WHERE { ?x a vnkg:Company } ORDER BY STR(?x)", "company")
    return Edit(g).add(x, RDF.type, VNKG.Law), x, "vnkgsh:PolicyIriShape", []


@mutation("partnership-iri", "rename a partnership outside id/partnership/")
def _(g, pick):
    (p,) = pick(PARTNERSHIP, "partnership")
    bad = URIRef(str(p).replace("/partnership/", "/pship/"))
    return Edit(g).rename(p, bad), bad, "vnkgsh:PartnershipIriShape", []


@mutation("evidence-iri", "rename an evidence node outside id/evidence/")
def _(g, pick):
    ev = pick(MENTION, "mention evidence")[0]
    bad = URIRef(str(ev).replace("/evidence/", "/proof/"))
    return Edit(g).rename(ev, bad), bad, "vnkgsh:EvidenceIriShape", []


@mutation("evidence-two-targets", "make a partnership's evidence support a second partnership")
def _(g, pick):
    ev, p = pick(
        """SELECT ?ev ?p WHERE { ?ev vnkg:evidenceFor ?p0 . ?p0 a vnkg:Partnership . ?p a vnkg:Partnership
               FILTER (?p != ?p0) } ORDER BY MD5(STR(?ev)) STR(?p)""",
        "partnership evidence",
    )
    return Edit(g).add(ev, VNKG.evidenceFor, p), ev, "vnkgsh:EvidenceForShape", []


@mutation("partnership-no-confidence", "remove a partnership's confidence")
def _(g, pick):
    (p,) = pick(PARTNERSHIP, "partnership")
    return Edit(g).remove(p, VNKG.confidence, None), p, "vnkgsh:PartnershipConfidenceShape", []


@mutation("country-iso-format", "write a country's ISO code in lower case")
def _(g, pick):
    c, i = pick("SELECT ?c ?i WHERE { ?c a vnkg:Country ; vnkg:isoCode ?i } ORDER BY MD5(STR(?c))", "country")
    return Edit(g).set(c, VNKG.isoCode, Literal(str(i).lower())), c, "path:vnkg:isoCode", []


@mutation("article-not-news", "drop an article's schema:NewsArticle type")
def _(g, pick):
    (a,) = pick("SELECT ?a WHERE { ?a a vnkg:Article } ORDER BY MD5(STR(?a))", "article")
    e = Edit(g).remove(a, RDF.type, URIRef("https://schema.org/NewsArticle"))
    return e, a, "path:rdf:type", []


@mutation("sentence-no-story", "detach a sentence from its story")
def _(g, pick):
    # a sentence is known by its story (no rdf:type): the evidence pointing at it reports it
    (sn,) = pick("SELECT ?s WHERE { ?s vnkg:inStory ?st . ?ev vnkg:inSentence ?s } ORDER BY MD5(STR(?s))", "sentence with evidence")
    evs = [r[0] for r in pick.rows(f"SELECT ?ev WHERE {{ ?ev vnkg:inSentence {sn.n3()} }} ORDER BY STR(?ev)")]
    also = [(ev, "vnkgsh:EvidenceSentenceShape") for ev in evs[1:]] + [(sn, "path:vnkg:inStory")]
    return Edit(g).remove(sn, VNKG.inStory, None), evs[0], "vnkgsh:EvidenceSentenceShape", also


@mutation("story-teaser-datatype", "type a story's isTeaser as a string")
def _(g, pick):
    (st,) = pick("SELECT ?st WHERE { ?st a vnkg:Story } ORDER BY MD5(STR(?st))", "story")
    return Edit(g).set(st, VNKG.isTeaser, Literal("non")), st, "path:vnkg:isTeaser", []


@mutation("evidence-no-confidence", "remove an evidence node's confidence")
def _(g, pick):
    ev = pick(FACT_EVIDENCE, "fact evidence")[0]
    return Edit(g).remove(ev, VNKG.confidence, None), ev, "vnkgsh:EvidenceConfidenceShape", []


@mutation("evidence-empty-date", "give an evidence node an empty dateMentioned")
def _(g, pick):
    ev = pick(FACT_EVIDENCE, "fact evidence")[0]
    return Edit(g).add(ev, VNKG.dateMentioned, Literal("")), ev, "vnkgsh:EvidenceDateShape", []


@mutation("partnership-sector-range", "make a partnership focus on a country")
def _(g, pick):
    (p,) = pick(PARTNERSHIP, "partnership")
    (c,) = pick("SELECT ?c WHERE { ?c a vnkg:Country } ORDER BY STR(?c)", "country")
    # vnkgsh:FocusesOnShape checks the same triple
    return Edit(g).add(p, VNKG.focusesOn, c), p, "vnkgsh:PartnershipSectorShape", [(p, "path:vnkg:focusesOn")]


@mutation("partnership-initiative-range", "make a partnership concern a sector")
def _(g, pick):
    (p,) = pick(PARTNERSHIP, "partnership")
    (s,) = pick("SELECT ?s WHERE { ?s a vnkg:Sector } ORDER BY STR(?s)", "sector")
    return Edit(g).add(p, VNKG.concerns, s), p, "vnkgsh:PartnershipInitiativeShape", []


def _kind_iri_mutation(cls, sparql, wrong, key, also_keys=()):
    @mutation(f"{cls.lower()}-iri", f"rename a {cls} outside its id/ folder")
    def _(g, pick):
        (x,) = pick(sparql, cls)
        bad = URIRef(wrong(str(x)))
        return Edit(g).rename(x, bad), bad, key, [(bad, k) for k in also_keys]


_kind_iri_mutation(
    "Article", TITLED_ARTICLE, lambda i: i.replace("/article/", "/paper/"), "vnkgsh:ArticleIriShape"
)
_kind_iri_mutation(
    "Story", "SELECT ?x WHERE { ?x a vnkg:Story } ORDER BY MD5(STR(?x))",
    lambda i: i.replace("/story/", "/tale/"), "vnkgsh:StoryIriShape",
)
_kind_iri_mutation(
    "Sentence", "SELECT ?x WHERE { ?x vnkg:inStory ?st } ORDER BY MD5(STR(?x))",
    lambda i: i.replace("/sentence/", "/phrase/"), "vnkgsh:SentenceIriShape",
)
_kind_iri_mutation(
    "Sector", "SELECT ?x WHERE { ?x a vnkg:Sector } ORDER BY MD5(STR(?x))",
    lambda i: i.replace("/sector/", "/field/"), "vnkgsh:SectorIriShape",
)
_kind_iri_mutation(
    "Country", "SELECT ?x WHERE { ?x a vnkg:Country } ORDER BY MD5(STR(?x))",
    lambda i: i + "x", "vnkgsh:CountryIriShape", ["vnkgsh:CountryIsoCodeConstraint"],
)


# ---- running ------------------------------------------------------------------------
class Plan:
    def __init__(self, name, doc, edit, focus, key, also):
        self.name, self.doc, self.edit = name, doc, edit
        self.focus, self.key = focus, key
        self.allowed = [(focus, key)] + list(also)
        self.nodes = edit.touched() | {f for f, _k in self.allowed}

    def allows(self, r):
        return any(r.focus == f and k in r.keys for f, k in self.allowed)

    def verdict(self, results, strays):
        """None if ok, else the reason."""
        why = []
        if not any(r.focus == self.focus and self.key in r.keys for r in results):
            why.append(f"no {self.key} violation on {compact(self.focus)}")
        if strays:
            why.append(
                f"{len(strays)} unexpected: " + "; ".join(r.line().replace("\t", " | ") for r in strays[:3])
            )
        return " / ".join(why) or None


def copy_graph(g):
    c = Graph()
    for t in g:
        c.add(t)
    return c


def run_batch(data, shapes, plans):
    """Validate the plans' edits together; {plan name: reason or None}."""
    g = copy_graph(data)
    for p in plans:
        p.edit.apply(g)
    _conforms, results = validate(g, shapes)
    strays = [r for r in results if not any(p.allows(r) for p in plans)]
    return {p.name: p.verdict([r for r in results if p.allows(r)], strays) for p in plans}


def self_test(data, shapes, isolated=False):
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

    pick = Picker(data)
    verdicts = {}
    batches = []  # [(plans, nodes they touch)]
    for name, doc, make in MUTATIONS:
        chosen = None
        for attempt in range(1 if isolated else 4):
            pick.skip, pick.claims = attempt, []
            try:
                plan = Plan(name, doc, *make(data, pick))
            except Skip as e:
                verdicts[name] = f"skipped, {e}"
                break
            fits = None if isolated else next((b for b in batches if not (plan.nodes & b[1])), None)
            if chosen is None or fits is not None:
                chosen = (plan, fits, pick.claims)
            if fits is not None:
                break
        if chosen is None:
            continue
        plan, fits, claims = chosen
        pick.taken.update(claims)
        if fits is None:
            batches.append(([plan], set(plan.nodes)))
        else:
            fits[0].append(plan)
            fits[1].update(plan.nodes)

    runs = 0
    for members, _nodes in batches:
        out = run_batch(data, shapes, members)
        runs += 1
        if len(members) > 1 and any(v is not None for v in out.values()):
            # something did not add up: decide each mutation on its own copy
            for p in members:
                out.update(run_batch(data, shapes, [p]))
                runs += 1
        verdicts.update(out)

    failures = 0
    for name, doc, _make in MUTATIONS:
        v = verdicts[name]
        if v is None:
            print(f"ok {name}")
        else:
            failures += 1
            print(f"FAIL {name} ({doc}): {v}")
    print(
        f"mutations: {len(MUTATIONS)}, failed: {failures}, validation runs: {runs} "
        f"({time.time() - t0:.1f} s)"
    )
    return 0 if failures == 0 else 1


def main(argv):
    args = argv[1:]
    test = isolated = False
    while args and args[0] in ("--self-test", "--isolated"):
        test = test or args[0] == "--self-test"
        isolated = isolated or args[0] == "--isolated"
        args = args[1:]
    if len(args) != 1 or args[0].startswith("-") or (isolated and not test):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        data = load_union(args[0])
        shapes = load_shapes()
    except Exception as e:  # unreadable or unparsable input
        print(f"shacl_check: {e}", file=sys.stderr)
        return 2
    if test:
        return self_test(data, shapes, isolated)
    conforms, results = validate(data, shapes)
    for r in results:
        print(r.line())
    print(f"violations: {len(results)}")
    return 0 if conforms else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
