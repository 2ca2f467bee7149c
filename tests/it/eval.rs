//! Extraction quality does not regress: F1 on each gold set (tests/gold, tests/gold/batch-b)
//! may not drop more than 0.02 below the figures recorded in tests/eval_recorded.json.

use crate::common::*;

#[test]
fn f1_does_not_regress() {
    let ex = vnkg::extract::Extractor::builtin().unwrap();
    let recorded: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/eval_recorded.json")).unwrap(),
    )
    .unwrap();
    // the 13 development articles (5 built-in, 8 real) and the 32 real ones of batch b
    for (dir, figures) in recorded.as_object().unwrap() {
        let report = vnkg::eval::evaluate(&ex, &root().join(dir)).unwrap();
        assert_eq!(
            Some(report.articles as u64),
            figures["articles"].as_u64(),
            "gold files in {dir}"
        );
        let overall = |t| vnkg::eval::Report::overall(t).f1();
        let now = [
            ("mentions_exact_f1", overall(&report.mentions_exact)),
            ("mentions_overlap_f1", overall(&report.mentions_overlap)),
            ("entities_f1", overall(&report.entities)),
            ("relations_f1", overall(&report.relations)),
            ("pairs_f1", report.pairs.f1()),
        ];
        for (k, v) in now {
            let r = figures[k]
                .as_f64()
                .unwrap_or_else(|| panic!("{dir}: {k} not recorded"));
            eprintln!("{dir} {k}: {v:.3} (recorded {r:.3})");
            assert!(v >= r - 0.02, "{dir}: {k} dropped from {r:.3} to {v:.3}");
        }
    }
}

#[test]
fn eval_command_prints_table_and_json() {
    let dir = tempdir();
    let o = vnkg(
        &["eval", "--gold", "tests/gold"],
        &dir.path().join("unused"),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Entity mentions (exact span and class)") && out.contains("Relations"),
        "{out}"
    );
    let o = vnkg(
        &["eval", "--gold", "tests/gold", "--format", "json"],
        &dir.path().join("unused"),
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f1 = v["mentions_exact"]["ALL"]["f1"].as_f64().unwrap();
    assert!(f1 > 0.5 && f1 <= 1.0);
    assert!(v["misses"].is_array());
    let pairs = &v["pairs"];
    assert!(
        pairs["tp"].as_u64().unwrap() > 0 && pairs["f1"].as_f64().unwrap() <= 1.0,
        "{pairs}"
    );
    // a perfect "prediction" (the gold itself) scores 1.0 with the same matcher
    let o = vnkg(
        &[
            "eval",
            "--gold",
            "tests/gold",
            "--predictions",
            "tests/gold",
            "--format",
            "json",
        ],
        &dir.path().join("unused"),
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["coarse_exact"]["ALL"]["f1"].as_f64(), Some(1.0));
}

/// What a confidence says: facts at 0.8 or above are right at least 80% of the time, and the
/// report's default filter keeps partnership pairs right at least 80% of the time, on each gold
/// set.
#[test]
fn confidence_means_what_it_says() {
    let ex = vnkg::extract::Extractor::builtin().unwrap();
    let default = vnkg::export::report::DEFAULT_MIN_CONFIDENCE;
    for dir in ["tests/gold", "tests/gold/batch-b"] {
        let r = vnkg::eval::evaluate(&ex, &root().join(dir)).unwrap();
        for what in ["mentions", "relations"] {
            let p = r.precision_at_least(what, 0.8).unwrap();
            eprintln!("{dir} {what} at >= 0.8: P {p:.3}");
            assert!(p >= 0.8, "{dir}: {what} at confidence >= 0.8 right {p:.3}");
        }
        let p = r.precision_at_least("pairs", default).unwrap();
        eprintln!("{dir} pairs at >= {default}: P {p:.3}");
        assert!(
            p >= 0.8,
            "{dir}: pairs at the report's default {default} right {p:.3}"
        );
        // and the filter keeps some: the countries' partnerships at least
        assert!(r.reliability["pairs"]["0.90-1.00"].tp >= 5, "{dir}");
    }
}
