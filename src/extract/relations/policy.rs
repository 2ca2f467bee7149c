//! Policies: who issued or adopted them, and who carries them out.

use super::{between, dedup, re, Ctx, Memory, Sentence};
use crate::extract::rule::{Family, Rule};
use crate::extract::{Class, Mention, Predicate, TopClass};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

pub static POLICY_ISSUER: Rule = Rule {
    name: "policy-issuer",
    family: Family::Policy,
    cue: "a policy followed by « du / de la / par le » (and maybe a date) and a body",
    produces: "issuedBy",
    confidence: 0.8,
    fires_on: &["La Résolution n°12-NQ/TW du Bureau politique fixe les priorités."],
    not_on: &["La Résolution n°12-NQ/TW fixe les priorités pour la Commission de la recherche."],
};

pub static POLICY_ADOPTED_BY: Rule = Rule {
    name: "policy-adopted-by",
    family: Family::Policy,
    cue: "an organisation « a adopté / promulgué / publié / approuvé » a policy",
    produces: "issuedBy",
    confidence: 0.75,
    fires_on: &["L'Assemblée nationale a adopté la Loi sur les hautes technologies."],
    not_on: &["La Loi sur les hautes technologies a été commentée par les experts."],
};

pub static IMPLEMENTS_POLICY: Rule = Rule {
    name: "implements-policy",
    family: Family::Policy,
    cue: "« mise en œuvre / application / conformément à / dans l'esprit de » a policy: the bodies and initiatives of the sentence carry it out",
    produces: "implements",
    confidence: 0.43,
    fires_on: &["La ville de Da Nang met en œuvre la Résolution n°12-NQ/TW."],
    not_on: &["La ville de Da Nang a commenté la Résolution n°12-NQ/TW."],
};

pub static RULES: &[&Rule] = &[&POLICY_ISSUER, &POLICY_ADOPTED_BY, &IMPLEMENTS_POLICY];

static IMPLEMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(mise en (oeuvre|application)|mettre en (oeuvre|application)|met en (oeuvre|application)|mettent en oeuvre|appliqu\w*|application de|conformement|dans l'esprit de|en application|concretis\w*|realiser|deploie\w*|execution de)\b",
    )
});
static ISSUER_GAP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(du|de la|de l'|par le|par la|par l')?\s*(\d{1,2}(er)? \w+ \d{4}\s*)?(du|de la|de l'|par le|par la|par l')\s*$",
    )
});
static ADOPT: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(a|ont) (adopte|promulgue|publie|emis|edicte|approuve)\b"));

pub(super) fn read(s: &Sentence, cx: &mut Ctx, memory: &Memory) {
    let policies: Vec<&&Mention> = s.of_class(|c| c.top() == TopClass::Policy).collect();
    let issuers = issued(s, cx, &policies);
    implemented(s, cx, memory, &policies, &issuers);
}

/// Who issued each policy; returns them, since an issuer is not also an implementer.
fn issued(s: &Sentence, cx: &mut Ctx, policies: &[&&Mention]) -> BTreeSet<String> {
    let mut issuers: BTreeSet<String> = BTreeSet::new();
    for p in policies {
        if let Some(n) =
            s.ms.iter()
                .find(|n| n.span.start >= p.span.end && s.class_of(n).is_some_and(|c| c.is_actor()))
        {
            if ISSUER_GAP.is_match(&between(s.text, p.span.end, n.span.start)) {
                cx.rel(&p.iri, Predicate::IssuedBy, &n.iri, s.at, &POLICY_ISSUER);
                issuers.insert(n.iri.clone());
            }
        }
        if let Some(a) = ADOPT.find(s.f()) {
            let pos = s.offset(a.start());
            if p.span.start > pos {
                if let Some(o) =
                    s.ms.iter()
                        .rev()
                        .find(|m| m.span.end <= pos && s.class_of(m).is_some_and(|c| c.is_org()))
                {
                    cx.rel(
                        &p.iri,
                        Predicate::IssuedBy,
                        &o.iri,
                        s.at,
                        &POLICY_ADOPTED_BY,
                    );
                    issuers.insert(o.iri.clone());
                }
            }
        }
    }
    issuers
}

fn implemented(
    s: &Sentence,
    cx: &mut Ctx,
    memory: &Memory,
    policies: &[&&Mention],
    issuers: &BTreeSet<String>,
) {
    let f = s.f();
    if policies.is_empty() || !IMPLEMENT.is_match(f) {
        return;
    }
    let mut subjects: Vec<String> =
        s.ms.iter()
            .filter(|m| !m.attribute && !m.demonym && !issuers.contains(&m.iri))
            .filter(|m| {
                s.class_of(m).is_some_and(|c| {
                    matches!(
                        c,
                        Class::Locality
                            | Class::GovernmentBody
                            | Class::Organization
                            | Class::Network
                            | Class::ResearchOrganization
                            | Class::Company
                    ) || (c.top() == TopClass::Initiative && c != Class::Meeting)
                })
            })
            .map(|m| m.iri.clone())
            .collect();
    if subjects.is_empty() && (f.contains("la province") || f.contains("la ville")) {
        subjects.extend(memory.last_locality.clone());
    }
    for subj in dedup(subjects.into_iter()) {
        for p in policies {
            cx.rel(
                &subj,
                Predicate::Implements,
                &p.iri,
                s.at,
                &IMPLEMENTS_POLICY,
            );
        }
    }
}
