//! Extraction rules as values. Every mention and fact names the rule that produced it; the
//! rule's value says what it reads, what it produces, how sure it is, and gives sentences it
//! must fire on and sentences it must not (a test runs them all: `tests/it/rules.rs`).
//!
//! The productions themselves are code in each family's file (`relations/partnership.rs`,
//! `names/person.rs`, ...), which refers to its rules by these values, so a name and its confidence
//! are written once. Adding a rule is adding a value to its family's `RULES` list, with
//! examples, and calling it from the family's code.

use std::fmt;

/// The families rules come in, one file each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    /// Entity names: gazetteer hits and the name rules, by class.
    Names,
    /// Who cooperates with whom, and in what.
    Partnership,
    /// Who met whom.
    Meeting,
    /// People's titles, employers and nationalities.
    Roles,
    /// Where organisations and initiatives are.
    Location,
    /// Who issued a policy and who carries it out.
    Policy,
    /// What an actor or initiative works on.
    Focus,
    /// What a country or place says about an organisation: based in, named after.
    Attributes,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::Names => "names",
            Family::Partnership => "partnership",
            Family::Meeting => "meeting",
            Family::Roles => "roles",
            Family::Location => "location",
            Family::Policy => "policy",
            Family::Focus => "focus",
            Family::Attributes => "attributes",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One rule.
#[derive(Debug)]
pub struct Rule {
    /// The name provenance records carry (`vnkg:rule`, the JSON Lines' `rule`).
    pub name: &'static str,
    pub family: Family,
    /// What sets it off, in words; the patterns are beside the code.
    pub cue: &'static str,
    /// What it writes: a class of mention, a predicate, a partnership.
    pub produces: &'static str,
    /// The confidence its facts get (some rules scale it, as their doc says).
    pub confidence: f64,
    /// Sentences it must fire on (invented, never from the gold).
    pub fires_on: &'static [&'static str],
    /// Sentences that look alike and on which it must not fire.
    pub not_on: &'static [&'static str],
}

/// Every rule, family by family.
pub fn all() -> Vec<&'static Rule> {
    let mut v: Vec<&'static Rule> = Vec::new();
    v.extend(super::names::RULES);
    v.extend(super::relations::RULES.iter().flat_map(|f| f.iter()));
    v
}

/// The rule called `name`.
pub fn find(name: &str) -> Option<&'static Rule> {
    all().into_iter().find(|r| r.name == name)
}
