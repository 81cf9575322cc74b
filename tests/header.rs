//! The committed include/dpop.h must be exactly what cbindgen generates from src/ffi now, and it
//! must state every function's contract.

const HEADER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/include/dpop.h");

#[test]
fn committed_header_is_fresh() {
    let fresh = std::fs::read_to_string(concat!(env!("OUT_DIR"), "/dpop.h")).expect("build.rs wrote the header");
    if std::env::var_os("DPOP_BLESS").is_some() {
        std::fs::write(HEADER, &fresh).expect("write include/dpop.h");
    }
    let committed = std::fs::read_to_string(HEADER).unwrap_or_default();
    assert!(
        committed == fresh,
        "include/dpop.h is stale: run `DPOP_BLESS=1 cargo test --test header` and commit it"
    );
}

/// One exported function: its doc comment and its prototype, as cbindgen writes them.
struct Declaration {
    doc: String,
    prototype: String,
}

impl Declaration {
    fn name(&self) -> &str {
        let before_paren = &self.prototype[..self.prototype.find('(').unwrap_or(0)];
        before_paren.rsplit([' ', '*']).next().unwrap_or_default()
    }

    /// The text of the doc comment's section `label` ("Returns:" ...), up to the next section.
    fn section(&self, label: &str) -> Option<String> {
        let start = self.doc.find(label)? + label.len();
        let rest = &self.doc[start..];
        let end = ["Returns:", "Fails:", "Blocks:"]
            .iter()
            .filter_map(|next| rest.find(next))
            .min()
            .unwrap_or(rest.len());
        Some(rest[..end].split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Every function prototype with the doc comment right above it.
fn declarations(header: &str) -> Vec<Declaration> {
    let mut declarations = Vec::new();
    let mut doc = String::new();
    let mut prototype = String::new();
    for line in header.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("/**") {
            doc.clear();
        } else if let Some(text) = trimmed
            .strip_prefix("* ")
            .or(trimmed.strip_prefix('*'))
            .filter(|_| prototype.is_empty())
        {
            if text != "/" {
                doc.push_str(text);
                doc.push('\n');
            }
        } else if !prototype.is_empty() || (trimmed.contains('(') && !trimmed.starts_with('#')) {
            prototype.push_str(trimmed);
            prototype.push(' ');
            if trimmed.ends_with(';') {
                declarations.push(Declaration {
                    doc: std::mem::take(&mut doc),
                    prototype: std::mem::take(&mut prototype),
                });
            }
        }
    }
    declarations
}

/// The error code names the header defines.
fn error_codes(header: &str) -> Vec<&str> {
    header
        .lines()
        .filter_map(|line| line.strip_prefix("#define "))
        .filter_map(|rest| rest.split_whitespace().next())
        .filter(|name| name.starts_with("DPOP_ERR_") || *name == "DPOP_OK")
        .collect()
}

#[test]
fn every_function_states_its_contract() {
    let header = std::fs::read_to_string(HEADER).expect("include/dpop.h");
    let codes = error_codes(&header);
    assert!(codes.contains(&"DPOP_OK") && codes.contains(&"DPOP_ERR_INTERNAL"), "{codes:?}");
    let declarations = declarations(&header);
    assert!(declarations.len() > 50, "found only {} prototypes", declarations.len());
    let mut problems = Vec::new();
    for d in &declarations {
        let name = d.name();
        let (Some(returns), Some(fails), Some(blocks)) = (d.section("Returns:"), d.section("Fails:"), d.section("Blocks:")) else {
            problems.push(format!("{name}: needs Returns:, Fails: and Blocks: sections"));
            continue;
        };
        if d.prototype.starts_with("const char *") && !returns.contains("[S]") && !returns.contains("static") {
            problems.push(format!("{name}: returns a string but does not say its lifetime ([S])"));
        }
        let named_codes: Vec<&str> = fails
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|word| word.starts_with("DPOP_"))
            .collect();
        if let Some(unknown) = named_codes.iter().find(|code| !codes.contains(code)) {
            problems.push(format!("{name}: Fails: names {unknown}, which the header does not define"));
        }
        let says_something =
            !named_codes.is_empty() || fails.starts_with("never") || fails.starts_with("only [H]") || fails.contains("[R]");
        if !says_something {
            problems.push(format!(
                "{name}: Fails: names no DPOP_ERR_* code, [R], \"only [H]\" or \"never\": {fails}"
            ));
        }
        let network = blocks.contains("[N]");
        if !(network || blocks.starts_with("no")) {
            problems.push(format!("{name}: Blocks: must say \"no...\" or refer to [N]: {blocks}"));
        }
        if name.starts_with("Ck")
            && name.contains('_')
            && !name.ends_with("_Create")
            && !d.prototype.contains("(void)")
            && !d.prototype.contains("HCk")
        {
            problems.push(format!("{name}: a method without a handle parameter"));
        }
    }
    assert!(problems.is_empty(), "contracts missing in include/dpop.h:\n{}", problems.join("\n"));
}

#[test]
fn the_header_defines_only_the_library_s_own_macros() {
    let header = std::fs::read_to_string(HEADER).expect("include/dpop.h");
    for line in header.lines().filter(|l| l.starts_with("#define ")) {
        let name = line.split_whitespace().nth(1).unwrap_or_default();
        assert!(name.starts_with("DPOP_"), "unexpected macro in the header: {line}");
    }
}

#[test]
fn the_contract_check_catches_a_missing_section() {
    let header = "/**\n * Does a thing.\n *\n * Returns: 1 [E].\n * Blocks: no.\n */\nint CkX_Do(HCkX handle);\n";
    let found = declarations(header);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name(), "CkX_Do");
    assert!(found[0].section("Fails:").is_none());
    assert_eq!(found[0].section("Returns:").as_deref(), Some("1 [E]."));
}
