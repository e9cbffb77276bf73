//! Page boxes: every page needs a TrimBox or ArtBox, within its BleedBox, within its MediaBox
//! (ISO 15930-4 §6.1.7). Boxes are inherited from the page tree; a missing BleedBox is the
//! CropBox, and a missing CropBox the MediaBox (PDF 1.4 §10.10.1).

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{Findings, Rule, entry, number};

/// How far one box may stick out of another before it counts (rounding in other writers).
const TOLERANCE_PT: f64 = 0.01;

pub(super) fn check(doc: &Document, found: &mut Findings) {
    for (number, id) in doc.get_pages() {
        let fail = |found: &mut Findings, message: String| found.fail(Rule::PageBoxes, Some(number), Some(id), message);
        let Some(media) = page_box(doc, id, b"MediaBox") else {
            fail(found, "the page has no MediaBox".into());
            continue;
        };
        let crop = page_box(doc, id, b"CropBox").unwrap_or(media);
        let bleed = page_box(doc, id, b"BleedBox").unwrap_or(crop);
        let Some((name, trim)) = page_box(doc, id, b"TrimBox")
            .map(|b| ("TrimBox", b))
            .or_else(|| page_box(doc, id, b"ArtBox").map(|b| ("ArtBox", b)))
        else {
            fail(found, "the page has neither TrimBox nor ArtBox".into());
            continue;
        };
        if !within(trim, bleed) {
            fail(found, format!("the {name} {} is not within the BleedBox {}", show(trim), show(bleed)));
        }
        if !within(bleed, media) {
            fail(found, format!("the BleedBox {} is not within the MediaBox {}", show(bleed), show(media)));
        }
    }
}

/// A page's box, looked up through the page tree as page attributes are inherited. Normalized
/// to [llx lly urx ury].
fn page_box(doc: &Document, page: ObjectId, key: &[u8]) -> Option<[f64; 4]> {
    let mut dict: &Dictionary = doc.get_dictionary(page).ok()?;
    for _ in 0..64 {
        if let Some(Object::Array(values)) = entry(doc, dict, key) {
            let v: Vec<f64> = values.iter().map(|o| number(super::resolve(doc, o))).collect::<Option<_>>()?;
            let [a, b, c, d] = v.as_slice() else { return None };
            return Some([a.min(*c), b.min(*d), a.max(*c), b.max(*d)]);
        }
        // Only the MediaBox and CropBox are inheritable.
        if key != b"MediaBox" && key != b"CropBox" {
            return None;
        }
        dict = entry(doc, dict, b"Parent")?.as_dict().ok()?;
    }
    None
}

fn within(inner: [f64; 4], outer: [f64; 4]) -> bool {
    inner[0] >= outer[0] - TOLERANCE_PT
        && inner[1] >= outer[1] - TOLERANCE_PT
        && inner[2] <= outer[2] + TOLERANCE_PT
        && inner[3] <= outer[3] + TOLERANCE_PT
}

fn show(b: [f64; 4]) -> String {
    format!("[{:.2} {:.2} {:.2} {:.2}]", b[0], b[1], b[2], b[3])
}
