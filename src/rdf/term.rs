//! The ontology's classes and properties, and the outside terms vnkg writes, as constants: a
//! misspelt term is a compile error, and `tests` checks these against `ontology/vnkg.ttl` both
//! ways (every term declared there has its constant, and nothing else does).

use oxigraph::model::NamedNodeRef;

macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        $(pub const $name: NamedNodeRef<'static> =
            NamedNodeRef::new_unchecked(concat!($ns, $local));)*
        /// Every term of this module, for the test against the ontology.
        #[cfg(test)]
        pub const ALL: &[NamedNodeRef<'static>] = &[$($name),*];
    };
}

/// `vnkg:` classes.
pub mod class {
    use super::*;
    terms! { "https://w3id.org/vnkg/ontology#";
        ACTOR = "Actor",
        AGREEMENT = "Agreement",
        ARTICLE = "Article",
        CENTRE = "Centre",
        COMPANY = "Company",
        COUNTRY = "Country",
        DECISION = "Decision",
        EVIDENCE = "Evidence",
        FUND = "Fund",
        GOVERNMENT_BODY = "GovernmentBody",
        INITIATIVE = "Initiative",
        LAW = "Law",
        LOCALITY = "Locality",
        MEETING = "Meeting",
        MENTION_EVIDENCE = "MentionEvidence",
        NETWORK = "Network",
        ORGANIZATION = "Organization",
        PARTNERSHIP = "Partnership",
        PARTNERSHIP_STATUS = "PartnershipStatus",
        PERSON = "Person",
        PLATFORM = "Platform",
        POLICY = "Policy",
        PROGRAMME = "Programme",
        RELATION_EVIDENCE = "RelationEvidence",
        RESEARCH_ORGANIZATION = "ResearchOrganization",
        RESOLUTION = "Resolution",
        SECTOR = "Sector",
        SENTENCE = "Sentence",
        STORY = "Story",
    }
}

/// `vnkg:` properties.
pub mod prop {
    use super::*;
    terms! { "https://w3id.org/vnkg/ontology#";
        ACRONYM = "acronym",
        ACTOR_COUNT = "actorCount",
        ACTOR_LIST = "actorList",
        AGENCY = "agency",
        ARTICLE_COUNT = "articleCount",
        MODEL_VERSION = "modelVersion",
        BASED_IN_COUNTRY = "basedInCountry",
        BETWEENNESS = "betweenness",
        CLOSENESS = "closeness",
        COMBINING_FORM = "combiningForm",
        COMMUNITY = "community",
        CONCERNS = "concerns",
        CONFIDENCE = "confidence",
        CONTENT_HASH = "contentHash",
        COOPERATES_WITH = "cooperatesWith",
        DATE_MENTIONED = "dateMentioned",
        DATELINE = "dateline",
        DEGREE = "degree",
        DEMONYM = "demonym",
        DISPLAY_LABEL = "displayLabel",
        EIGENVECTOR = "eigenvector",
        END = "end",
        ENTITY_COUNT = "entityCount",
        EVIDENCE_FOR = "evidenceFor",
        EXTRACTOR_VERSION = "extractorVersion",
        FACT_OBJECT = "factObject",
        FACT_PREDICATE = "factPredicate",
        FACT_SUBJECT = "factSubject",
        FOCUSES_ON = "focusesOn",
        HAS_PARTY = "hasParty",
        HAS_ROLE = "hasRole",
        IMPLEMENTS = "implements",
        IN_SENTENCE = "inSentence",
        IN_STORY = "inStory",
        IS_TEASER = "isTeaser",
        ISO_CODE = "isoCode",
        ISSUED_BY = "issuedBy",
        LOCATED_IN = "locatedIn",
        MEMBER_OF = "memberOf",
        MENTION_COUNT = "mentionCount",
        MENTION_RANK = "mentionRank",
        MENTIONS = "mentions",
        MENTIONED_IN = "mentionedIn",
        MET_WITH = "metWith",
        PAGERANK = "pagerank",
        PARTICIPATES_IN = "participatesIn",
        PARTNER_LIST = "partnerList",
        PARTNERSHIP_STORIES = "partnershipStories",
        PARTY_TO = "partyTo",
        POLICY_NUMBER = "policyNumber",
        RULE = "rule",
        SECTOR_LIST = "sectorList",
        SECTOR_STORIES = "sectorStories",
        SOURCE_FILE = "sourceFile",
        START = "start",
        STATUS = "status",
        STORY_COUNT = "storyCount",
        SUPPORT_COUNT = "supportCount",
        SURFACE_FORM = "surfaceForm",
        TEXT = "text",
        TOP_CLASS = "topClass",
        WEIGHTED_DEGREE = "weightedDegree",
    }
}

/// `skos:` terms vnkg writes.
pub mod skos {
    use super::*;
    terms! { "http://www.w3.org/2004/02/skos/core#";
        PREF_LABEL = "prefLabel",
        ALT_LABEL = "altLabel",
    }
}

/// `dct:` terms vnkg writes.
pub mod dct {
    use super::*;
    terms! { "http://purl.org/dc/terms/";
        DATE = "date",
        IS_PART_OF = "isPartOf",
        LANGUAGE = "language",
        MODIFIED = "modified",
        SOURCE = "source",
        TITLE = "title",
    }
}

/// `prov:` terms vnkg writes.
pub mod prov {
    use super::*;
    terms! { "http://www.w3.org/ns/prov#";
        WAS_DERIVED_FROM = "wasDerivedFrom",
    }
}

/// `schema:` terms vnkg writes.
pub mod schema {
    use super::*;
    terms! { "https://schema.org/";
        NEWS_ARTICLE = "NewsArticle",
    }
}

#[cfg(test)]
mod tests {
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::vocab::rdf;
    use std::collections::BTreeSet;

    #[test]
    fn the_constants_are_the_ontology_s_terms() {
        let ttl = include_str!("../../ontology/vnkg.ttl");
        let vnkg = "https://w3id.org/vnkg/ontology#";
        let mut declared = BTreeSet::new();
        for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()) {
            let t = t.expect("ontology/vnkg.ttl parses");
            let (
                oxigraph::model::NamedOrBlankNode::NamedNode(s),
                oxigraph::model::Term::NamedNode(o),
            ) = (&t.subject, &t.object)
            else {
                continue;
            };
            let kind = o.as_str();
            if t.predicate == rdf::TYPE
                && s.as_str().starts_with(vnkg)
                && (kind.ends_with("#Class") || kind.ends_with("Property"))
            {
                declared.insert(s.as_str().to_string());
            }
        }
        let constants: BTreeSet<String> = super::class::ALL
            .iter()
            .chain(super::prop::ALL)
            .map(|t| t.as_str().to_string())
            .collect();
        let missing: Vec<_> = declared.difference(&constants).collect();
        let undeclared: Vec<_> = constants.difference(&declared).collect();
        assert!(missing.is_empty(), "declared, no constant: {missing:?}");
        assert!(
            undeclared.is_empty(),
            "constant, not declared: {undeclared:?}"
        );
    }
}
