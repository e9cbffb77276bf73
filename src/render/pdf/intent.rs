//! What makes the file PDF/X rather than just PDF: the output intent in the catalog (ISO 15930-4
//! §6.2.2, -7 §6.2.3), the embedded output profile, and for PDF/X-4 the XMP metadata packet that
//! repeats the Info dictionary (ISO 15930-7 §6.7.2). Takes the [`PrintSettings`]; writes objects.
//!
//! The XMP is written by hand as a fixed template, so that the same input gives the same bytes.

use miniz_oxide::deflate::compress_to_vec_zlib;
use pdf_writer::types::OutputIntentSubtype;
use pdf_writer::writers::Catalog;
use pdf_writer::{Chunk, Filter, Ref, TextStr};

use super::FLATE_LEVEL;
use crate::model::{PdfX, PrintSettings};

/// Adds the one /GTS_PDFX output intent to the catalog.
pub(super) fn write_output_intent(catalog: &mut Catalog, print: &PrintSettings, profile: Option<Ref>) {
    let intent = &print.intent;
    let mut intents = catalog.output_intents();
    let mut entry = intents.push();
    entry
        .subtype(OutputIntentSubtype::PDFX)
        .output_condition_identifier(TextStr(&intent.identifier))
        .output_condition(TextStr(&intent.info))
        .registry_name(TextStr(&intent.registry))
        .info(TextStr(&intent.info));
    if let Some(profile) = profile {
        entry.dest_output_profile(profile);
    }
}

/// Writes the output profile as an ICCBased stream with four components (CMYK).
pub(super) fn write_profile(chunk: &mut Chunk, id: Ref, profile: &[u8]) {
    let compressed = compress_to_vec_zlib(profile, FLATE_LEVEL);
    chunk.icc_profile(id, &compressed).n(4).filter(Filter::FlateDecode);
}

/// What the XMP packet says.
pub(super) struct Xmp<'a> {
    pub title: &'a str,
    pub standard: PdfX,
    /// Creation and modification time, as `YYYY-MM-DDThh:mm:ss+00:00`.
    pub date: Option<String>,
    /// A hex digest of the document's objects: the xmpMM:DocumentID.
    pub document_id: String,
}

/// Writes the XMP packet as an uncompressed /Metadata stream (so that tools that do not
/// decode streams can read it, as ISO 16684-1 recommends).
pub(super) fn write_metadata(chunk: &mut Chunk, id: Ref, xmp: &Xmp) {
    let packet = xmp_packet(xmp);
    chunk.metadata(id, packet.as_bytes());
}

fn xmp_packet(xmp: &Xmp) -> String {
    let producer = concat!("paiban ", env!("CARGO_PKG_VERSION"));
    let dates = xmp
        .date
        .as_ref()
        .map(|d| {
            format!(
                "   <xmp:CreateDate>{d}</xmp:CreateDate>\n   <xmp:ModifyDate>{d}</xmp:ModifyDate>\n   \
                 <xmp:MetadataDate>{d}</xmp:MetadataDate>\n"
            )
        })
        .unwrap_or_default();
    let id = &xmp.document_id;
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\"\n\
         \x20   xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n\
         \x20   xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n\
         \x20   xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n\
         \x20   xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n\
         \x20   xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n\
         \x20  <dc:format>application/pdf</dc:format>\n\
         \x20  <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
         {dates}\
         \x20  <xmp:CreatorTool>paiban</xmp:CreatorTool>\n\
         \x20  <pdf:Producer>{producer}</pdf:Producer>\n\
         \x20  <pdf:Trapped>False</pdf:Trapped>\n\
         \x20  <pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>\n\
         \x20  <xmpMM:DocumentID>uuid:{id}</xmpMM:DocumentID>\n\
         \x20  <xmpMM:InstanceID>uuid:{id}</xmpMM:InstanceID>\n\
         \x20  <xmpMM:VersionID>1</xmpMM:VersionID>\n\
         \x20  <xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n\
         </rdf:Description>\n\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"r\"?>",
        title = xml_escape(xmp.title),
        version = xmp.standard.version_name(),
    )
}

/// A 16-byte digest as a UUID string (8-4-4-4-12 hex digits).
pub(super) fn uuid(bytes: [u8; 16]) -> String {
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packet_carries_what_pdf_x_4_asks_and_escapes_the_title() {
        let xmp = Xmp {
            title: "日报 <A&B>",
            standard: PdfX::X4,
            date: Some("2026-04-24T00:00:00+00:00".into()),
            document_id: uuid([0xab; 16]),
        };
        let packet = xmp_packet(&xmp);
        for needle in [
            "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>",
            "<xmp:CreateDate>2026-04-24T00:00:00+00:00</xmp:CreateDate>",
            "日报 &lt;A&amp;B&gt;",
            "uuid:abababab-abab-abab-abab-abababababab",
            "<pdf:Trapped>False</pdf:Trapped>",
        ] {
            assert!(packet.contains(needle), "{needle} missing from\n{packet}");
        }
    }
}
