//! Printing a [`Report`]: a table for people (one line per rule that passed, one per failure)
//! and JSON for machines. The JSON is written by hand (no serde_json in the tree) and its keys
//! are stable: `file`, `standard`, `ink_limit`, `pages`, `passed`, `rules` (name, summary,
//! status, failures with page, object and message).

use std::fmt::Write;

use super::{Finding, Report, Rule, Status};

/// The report as a table; `file` names the checked file in the heading.
pub fn table(report: &Report, file: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{file}: {} pages checked as {} (ink limit {}%)",
        report.pages,
        report.standard.version_name(),
        report.ink_limit
    );
    for finding in &report.findings {
        let status = match finding.status {
            Status::Pass => "pass",
            Status::Fail => "FAIL",
        };
        let mut at = String::new();
        if let Some(page) = finding.page {
            let _ = write!(at, " page {page}");
        }
        if let Some((number, generation)) = finding.object {
            let _ = write!(at, " obj {number} {generation}");
        }
        let detail = if finding.message.is_empty() { finding.rule.summary() } else { &finding.message };
        let _ = writeln!(out, "{status}  {:<16}{at}  {detail}", finding.rule.name());
    }
    let failures = report.failures().count();
    let _ = if failures == 0 {
        writeln!(out, "all {} rules pass", Rule::ALL.len())
    } else {
        let rules: std::collections::BTreeSet<Rule> = report.failures().map(|f| f.rule).collect();
        writeln!(out, "{failures} failure(s) in {} rule(s)", rules.len())
    };
    out
}

/// The report as one JSON object.
pub fn json(report: &Report, file: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "{{\"file\":{},\"standard\":{},\"ink_limit\":{},\"pages\":{},\"passed\":{},\"rules\":[",
        string(file),
        string(report.standard.version_name()),
        report.ink_limit,
        report.pages,
        report.passed()
    );
    for (i, rule) in Rule::ALL.into_iter().enumerate() {
        let findings: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == rule).collect();
        let failures: Vec<&&Finding> = findings.iter().filter(|f| f.status == Status::Fail).collect();
        let note = findings.iter().find(|f| f.status == Status::Pass).map_or("", |f| f.message.as_str());
        let status = if failures.is_empty() { "pass" } else { "fail" };
        let _ = write!(
            out,
            "{}{{\"rule\":{},\"summary\":{},\"status\":\"{status}\",\"note\":{},\"failures\":[",
            if i > 0 { "," } else { "" },
            string(rule.name()),
            string(rule.summary()),
            string(note)
        );
        for (j, failure) in failures.iter().enumerate() {
            let page = failure.page.map_or("null".to_string(), |p| p.to_string());
            let object = failure.object.map_or("null".to_string(), |(n, g)| format!("[{n},{g}]"));
            let _ = write!(
                out,
                "{}{{\"page\":{page},\"object\":{object},\"message\":{}}}",
                if j > 0 { "," } else { "" },
                string(&failure.message)
            );
        }
        out.push_str("]}");
    }
    out.push_str("]}\n");
    out
}

/// A JSON string literal.
fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
