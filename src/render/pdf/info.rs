//! The document information dictionary and its dates. Takes the title and [`PdfOptions`];
//! writes /Title, /Producer, /Creator, /Trapped, /GTS_PDFXVersion and, only when the caller
//! gives a time, the creation and modification dates (which PDF/X requires: the pipeline
//! always gives one). The library reads no clock: the CLI passes
//! SOURCE_DATE_EPOCH, so that rebuilding an edition gives the same bytes.

use pdf_writer::types::TrappingStatus;
use pdf_writer::{Name, Pdf, Ref, Str, TextStr};

use super::PdfOptions;

/// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years a PDF date can spell.
const FIRST_SECOND: i64 = -62_167_219_200;
const LAST_SECOND: i64 = 253_402_300_799;

/// Writes the Info dictionary as object `id` and registers it in the trailer.
pub(super) fn write_info(pdf: &mut Pdf, id: Ref, title: &str, options: &PdfOptions) {
    let producer = concat!("paiban ", env!("CARGO_PKG_VERSION"));
    let mut info = pdf.document_info(id);
    info.title(TextStr(title))
        .producer(TextStr(producer))
        .creator(TextStr("paiban"))
        // Nobody traps newsprint pages in paiban; PDF/X requires the key to say so.
        .trapped(TrappingStatus::NotTrapped);
    // ISO 15930-4 §6.2.5 / 15930-7 §6.2.5: the PDF/X version the file claims to meet.
    info.pair(Name(b"GTS_PDFXVersion"), TextStr(options.print.standard.version_name()));
    if let Some(seconds) = options.creation_date {
        let date = pdf_date(seconds);
        // Written as a string rather than pdf_writer::Date, which spells UTC as `Z`; PDF/X
        // checkers expect the explicit offset form.
        info.pair(Name(b"CreationDate"), Str(date.as_bytes()));
        info.pair(Name(b"ModDate"), Str(date.as_bytes()));
    }
}

/// A PDF date string (PDF 1.4 §3.8.3) in UTC: `D:YYYYMMDDHHmmSS+00'00'`. Times outside years
/// 0–9999 are clamped to the nearest representable second.
pub(super) fn pdf_date(seconds: i64) -> String {
    let seconds = seconds.clamp(FIRST_SECOND, LAST_SECOND);
    let days = seconds.div_euclid(86_400);
    let in_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    let (hour, minute, second) = (in_day / 3600, in_day / 60 % 60, in_day % 60);
    format!("D:{year:04}{month:02}{day:02}{hour:02}{minute:02}{second:02}+00'00'")
}

/// The same time as an XMP date (ISO 8601): `YYYY-MM-DDThh:mm:ss+00:00`.
pub(super) fn xmp_date(seconds: i64) -> String {
    let pdf = pdf_date(seconds);
    let d = |r: std::ops::Range<usize>| &pdf[r];
    format!("{}-{}-{}T{}:{}:{}+00:00", d(2..6), d(6..8), d(8..10), d(10..12), d(12..14), d(14..16))
}

/// Year, month, day of the proleptic Gregorian calendar for a count of days since 1970-01-01
/// (Howard Hinnant's `civil_from_days`: 400-year eras, years starting in March).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_known_epochs() {
        assert_eq!(pdf_date(0), "D:19700101000000+00'00'");
        assert_eq!(pdf_date(1_767_225_600), "D:20260101000000+00'00'");
        // 2024-02-29 12:34:56, a leap day.
        assert_eq!(pdf_date(1_709_210_096), "D:20240229123456+00'00'");
        assert_eq!(pdf_date(-1), "D:19691231235959+00'00'");
        assert_eq!(xmp_date(1_709_210_096), "2024-02-29T12:34:56+00:00");
        assert_eq!(pdf_date(951_782_400), "D:20000229000000+00'00'");
    }

    #[test]
    fn out_of_range_times_clamp_instead_of_panicking() {
        assert_eq!(pdf_date(i64::MAX), "D:99991231235959+00'00'");
        assert_eq!(pdf_date(i64::MIN), "D:00000101000000+00'00'");
    }
}
