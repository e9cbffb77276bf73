//! Print settings: the optional `[print]` table of edition.toml, with the command line's
//! overrides. Takes the table as written and returns [`PrintSettings`]: which PDF/X flavour to
//! write, the output intent (a registered condition, and the printer's ICC profile read from
//! its file), the total ink limit and whether to add printer's marks.
//!
//! Defaults follow what newspaper plants publish (see the team's print notes): PDF/X-1a:2003,
//! the WAN-IFRA newsprint condition IFRA26 (ISO 12647-3, registered at http://www.color.org),
//! 240% total area coverage, no marks (ads and pages are delivered without them).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Location};
use crate::units::Abs;

/// How far the sheet reaches past the bleed on every side when marks are printed: room for
/// crop marks (which start clear of the bleed), registration targets and the slug line.
pub const MARKS_ROOM: Abs = Abs::mm(12);

/// Where the slug line's baseline sits above the top edge of the bleed.
pub const SLUG_RAISE: Abs = Abs::mm(4);

/// The lowest and highest total ink limits accepted, in percent: below 100 solid black would
/// not print; above 400 is no limit at all.
const INK_LIMITS: std::ops::RangeInclusive<u16> = 100..=400;

/// The `[print]` table as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrintFile {
    /// `"x1a"` or `"x4"`.
    pub standard: Option<Spanned<String>>,
    /// The registered characterization the pages are made for.
    pub output_condition: Option<String>,
    /// The printer's output ICC profile, relative to the edition folder.
    pub icc_profile: Option<Spanned<String>>,
    /// Total area coverage in percent.
    pub ink_limit: Option<Spanned<u16>>,
    /// Crop and registration marks and a slug line outside the trim.
    pub marks: Option<bool>,
}

/// The PDF/X flavour of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PdfX {
    /// PDF/X-1a:2003 (ISO 15930-4) on PDF 1.4: CMYK and spot only, no transparency.
    #[default]
    X1a,
    /// PDF/X-4 (ISO 15930-7) on PDF 1.6, with XMP metadata and an embedded output profile.
    X4,
}

impl PdfX {
    /// Parses `x1a` or `x4` (case-insensitive, `pdf/x-` prefix allowed).
    pub fn parse(text: &str) -> Result<PdfX, String> {
        let lower = text.to_ascii_lowercase();
        match lower.trim_start_matches("pdf/").trim_start_matches("x-").trim_start_matches('x') {
            "1a" | "1a:2003" => Ok(PdfX::X1a),
            "4" => Ok(PdfX::X4),
            _ => Err(format!("unknown PDF/X standard `{text}`: write \"x1a\" or \"x4\"")),
        }
    }

    /// The value of /GTS_PDFXVersion.
    pub fn version_name(self) -> &'static str {
        match self {
            PdfX::X1a => "PDF/X-1a:2003",
            PdfX::X4 => "PDF/X-4",
        }
    }
}

/// The output condition and, when given, the printer's profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputIntent {
    /// /OutputConditionIdentifier: a name in the ICC registry, such as `IFRA26`.
    pub identifier: String,
    /// /RegistryName.
    pub registry: String,
    /// /Info: what the condition is, in words.
    pub info: String,
    /// The bytes of an output (`prtr`) CMYK ICC profile, embedded as /DestOutputProfile.
    pub profile: Option<Arc<Vec<u8>>>,
}

impl Default for OutputIntent {
    fn default() -> OutputIntent {
        OutputIntent {
            identifier: "IFRA26".into(),
            registry: "http://www.color.org".into(),
            info: "ISO 12647-3 coldset offset on standard newsprint (WAN-IFRA newspaper 26)".into(),
            profile: None,
        }
    }
}

/// Resolved print settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintSettings {
    pub standard: PdfX,
    pub intent: OutputIntent,
    /// Total area coverage in percent that nothing painted may exceed.
    pub ink_limit: u16,
    /// Crop marks, registration marks and a slug line outside the bleed.
    pub marks: bool,
}

impl Default for PrintSettings {
    fn default() -> PrintSettings {
        PrintSettings { standard: PdfX::X1a, intent: OutputIntent::default(), ink_limit: 240, marks: false }
    }
}

/// What the command line says over the edition's `[print]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrintOverrides {
    pub standard: Option<PdfX>,
    /// A profile file, as given on the command line (relative to the working folder).
    pub icc_profile: Option<PathBuf>,
    pub ink_limit: Option<u16>,
    pub marks: Option<bool>,
}

/// Resolves the `[print]` table of `file` (whose text is `source`) in edition folder `dir`.
pub fn resolve_print(
    dir: &Path,
    file: &Path,
    source: &str,
    table: Option<&PrintFile>,
    overrides: &PrintOverrides,
) -> Result<PrintSettings, Diagnostic> {
    let empty = PrintFile::default();
    let table = table.unwrap_or(&empty);
    let at = |offset: usize| Location::at_offset(file, source, offset);
    let mut settings = PrintSettings::default();
    if let Some(standard) = &table.standard {
        settings.standard =
            PdfX::parse(standard.get_ref()).map_err(|e| Diagnostic::error(at(standard.span().start), e))?;
    }
    if let Some(identifier) = &table.output_condition {
        settings.intent.identifier = identifier.clone();
        settings.intent.info = identifier.clone();
    }
    if let Some(limit) = &table.ink_limit {
        settings.ink_limit =
            check_ink_limit(*limit.get_ref()).map_err(|e| Diagnostic::error(at(limit.span().start), e))?;
    }
    settings.marks = table.marks.unwrap_or(false);
    if let Some(profile) = &table.icc_profile {
        let path = dir.join(profile.get_ref());
        settings.intent.profile =
            Some(read_profile(&path).map_err(|e| Diagnostic::error(at(profile.span().start), e))?);
    }
    apply_overrides(&mut settings, overrides).map_err(|e| Diagnostic::error(Location::file(file), e))?;
    if settings.standard == PdfX::X4 && settings.intent.profile.is_none() {
        return Err(Diagnostic::error(Location::file(file), "PDF/X-4 needs the printer's output ICC profile")
            .with_hint("give `icc_profile = \"…\"` under [print], or `--icc FILE`"));
    }
    Ok(settings)
}

fn apply_overrides(settings: &mut PrintSettings, overrides: &PrintOverrides) -> Result<(), String> {
    if let Some(standard) = overrides.standard {
        settings.standard = standard;
    }
    if let Some(limit) = overrides.ink_limit {
        settings.ink_limit = check_ink_limit(limit)?;
    }
    if let Some(marks) = overrides.marks {
        settings.marks = marks;
    }
    if let Some(path) = &overrides.icc_profile {
        settings.intent.profile = Some(read_profile(path)?);
    }
    Ok(())
}

fn check_ink_limit(limit: u16) -> Result<u16, String> {
    if INK_LIMITS.contains(&limit) {
        Ok(limit)
    } else {
        Err(format!(
            "ink limit {limit}% is out of range: give a total area coverage from {}% to {}% (newsprint: 240 or 220)",
            INK_LIMITS.start(),
            INK_LIMITS.end()
        ))
    }
}

/// Reads an ICC profile and checks it can be a PDF/X output intent: an ICC file (`acsp`) of
/// an output device (`prtr`) with CMYK data (ISO 15930: the profile of the printing condition).
pub fn read_profile(path: &Path) -> Result<Arc<Vec<u8>>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read ICC profile `{}`: {e}", path.display()))?;
    check_profile(&bytes).map_err(|e| format!("`{}` {e}", path.display()))?;
    Ok(Arc::new(bytes))
}

/// Whether `bytes` is an output CMYK ICC profile; the error completes "`file` …".
pub fn check_profile(bytes: &[u8]) -> Result<(), String> {
    let field = |at: usize| bytes.get(at..at + 4);
    if bytes.len() < 132 || field(36) != Some(b"acsp") {
        return Err("is not an ICC profile".into());
    }
    if field(12) != Some(b"prtr") {
        return Err("is not an output (printer) ICC profile".into());
    }
    if field(16) != Some(b"CMYK") {
        return Err("is not a CMYK ICC profile".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standards_parse_in_their_usual_spellings() {
        for text in ["x1a", "X-1a", "PDF/X-1a:2003", "1a"] {
            assert_eq!(PdfX::parse(text), Ok(PdfX::X1a), "{text}");
        }
        for text in ["x4", "PDF/X-4", "X-4"] {
            assert_eq!(PdfX::parse(text), Ok(PdfX::X4), "{text}");
        }
        assert!(PdfX::parse("x3").is_err());
    }

    #[test]
    fn profiles_must_be_cmyk_output_profiles() {
        let mut header = vec![0u8; 132];
        header[36..40].copy_from_slice(b"acsp");
        header[12..16].copy_from_slice(b"prtr");
        header[16..20].copy_from_slice(b"CMYK");
        assert!(check_profile(&header).is_ok());
        header[16..20].copy_from_slice(b"RGB ");
        assert!(check_profile(&header).unwrap_err().contains("CMYK"));
        assert!(check_profile(b"short").is_err());
    }

    #[test]
    fn x4_without_a_profile_is_an_error() {
        let overrides = PrintOverrides { standard: Some(PdfX::X4), ..PrintOverrides::default() };
        let error = resolve_print(Path::new("."), Path::new("edition.toml"), "", None, &overrides).unwrap_err();
        assert!(error.to_string().contains("ICC"), "{error}");
        let overrides = PrintOverrides { ink_limit: Some(50), ..PrintOverrides::default() };
        assert!(resolve_print(Path::new("."), Path::new("e.toml"), "", None, &overrides).is_err());
    }
}
