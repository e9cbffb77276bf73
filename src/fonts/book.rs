//! Loading font files and asking them about characters.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use ttf_parser::PlatformId;

use super::file::FontFile;
use super::roles::{BUNDLED_FACES, Role, RoleFaces};

/// Index of a font in its [`FontBook`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FontId(pub u16);

/// The outline format, which decides how the PDF embeds the font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outlines {
    /// PostScript outlines in a `CFF ` table.
    Cff,
    /// Quadratic outlines in a `glyf` table.
    TrueType,
}

/// Vertical metrics in font units, for the PDF font descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontMetrics {
    pub units_per_em: u16,
    pub ascender: i16,
    pub descender: i16,
    pub cap_height: i16,
    /// Glyph bounding box of the whole font: x_min, y_min, x_max, y_max.
    pub bbox: [i16; 4],
    pub italic_angle: i16,
}

/// One loaded face.
#[derive(Debug, Clone)]
pub struct Font {
    /// The key the publication uses for the face ("song", "hei", …).
    pub key: String,
    /// The face's PostScript name, from its name table.
    pub postscript_name: String,
    pub path: PathBuf,
    /// The file the face was loaded from: its layout tables now, its outlines when wanted.
    pub file: FontFile,
    /// Face index inside a collection (.ttc), else 0.
    pub index: u32,
    pub metrics: FontMetrics,
    pub outlines: Outlines,
    /// One bit per Unicode scalar value that the cmap maps to a glyph.
    coverage: Vec<u64>,
}

impl Font {
    /// Reads and checks one face: its tables, but not its outlines until a subset or a proof
    /// wants them. The error is a sentence naming the file.
    pub fn load(key: &str, path: &Path, index: u32) -> Result<Font, String> {
        let (file, outlines) = FontFile::open(path, index)?;
        let (layout, layout_index) = file.layout();
        let face = ttf_parser::Face::parse(layout, layout_index)
            .map_err(|e| format!("`{}` is not a usable font: {e}", path.display()))?;
        let outlines = outlines.ok_or_else(|| format!("`{}` has neither CFF nor TrueType outlines", path.display()))?;
        let metrics = read_metrics(&face);
        let postscript_name = postscript_name(&face).unwrap_or_else(|| key.to_string());
        let coverage = read_coverage(&face);
        Ok(Font {
            key: key.to_string(),
            postscript_name,
            path: path.to_path_buf(),
            file,
            index,
            metrics,
            outlines,
            coverage,
        })
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        let cp = c as usize;
        self.coverage.get(cp / 64).is_some_and(|word| word & (1 << (cp % 64)) != 0)
    }

    /// A parsed view of the tables shaping reads (all but the outlines, for most faces), for
    /// readers of its cmap and metrics.
    pub fn face(&self) -> ttf_parser::Face<'_> {
        let (layout, index) = self.file.layout();
        ttf_parser::Face::parse(layout, index).expect("checked when loaded")
    }

    /// A parsed view of the whole face, outlines included; the first call reads the file. The
    /// error is a sentence naming the file.
    pub fn outline_face(&self) -> Result<ttf_parser::Face<'_>, String> {
        ttf_parser::Face::parse(self.file.whole()?, self.index)
            .map_err(|e| format!("`{}` is not a usable font: {e}", self.path.display()))
    }
}

fn read_metrics(face: &ttf_parser::Face) -> FontMetrics {
    let bbox = face.global_bounding_box();
    FontMetrics {
        units_per_em: face.units_per_em(),
        ascender: face.typographic_ascender().unwrap_or(face.ascender()),
        descender: face.typographic_descender().unwrap_or(face.descender()),
        cap_height: face.capital_height().unwrap_or(face.ascender()),
        bbox: [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max],
        italic_angle: face.italic_angle() as i16,
    }
}

fn postscript_name(face: &ttf_parser::Face) -> Option<String> {
    face.names()
        .into_iter()
        .filter(|name| name.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|name| name.to_string())
}

/// The cmap subtables shaping maps characters with, in rustybuzz's (HarfBuzz's) order of
/// preference, as (platform, encoding): it takes the first the face has and no other.
const SHAPING_SUBTABLES: [(PlatformId, u16); 10] = [
    (PlatformId::Windows, 0),
    (PlatformId::Windows, 10),
    (PlatformId::Unicode, 6),
    (PlatformId::Unicode, 4),
    (PlatformId::Windows, 1),
    (PlatformId::Unicode, 3),
    (PlatformId::Unicode, 2),
    (PlatformId::Unicode, 1),
    (PlatformId::Unicode, 0),
    (PlatformId::Macintosh, 0),
];

/// The characters the face has a glyph for, as shaping will look them up: from the one
/// subtable it uses. (Another subtable of the face may map more; a character counted from
/// there would pass as covered and be set as `.notdef`, unreported.)
fn read_coverage(face: &ttf_parser::Face) -> Vec<u64> {
    let Some(cmap) = face.tables().cmap else { return Vec::new() };
    let subtable = SHAPING_SUBTABLES.iter().find_map(|&(platform, encoding)| {
        cmap.subtables.into_iter().find(|s| s.platform_id == platform && s.encoding_id == encoding)
    });
    let Some(subtable) = subtable else { return Vec::new() };
    // A Macintosh subtable is keyed by Mac Roman codes, which shaping converts to above ASCII.
    let highest = if subtable.platform_id == PlatformId::Macintosh { 0x7f } else { u32::from(char::MAX) };
    let mut bits = vec![0u64; (char::MAX as usize + 1).div_ceil(64)];
    subtable.codepoints(|cp| {
        if cp <= highest && subtable.glyph_index(cp).is_some_and(|g| g.0 != 0) {
            bits[cp as usize / 64] |= 1 << (cp % 64);
        }
    });
    let used = bits.iter().rposition(|&w| w != 0).map_or(0, |i| i + 1);
    bits.truncate(used);
    bits
}

/// The bundled faces in `dir` that load, in parallel; one that does not is left out (the
/// edition may not use it, and [`Font::load`] reports it when it does).
pub fn load_bundled_faces(dir: &Path) -> Vec<Font> {
    BUNDLED_FACES.par_iter().filter_map(|(key, file)| Font::load(key, &dir.join(file), 0).ok()).collect()
}

/// Every face the edition uses, and which faces set each role.
#[derive(Debug, Clone)]
pub struct FontBook {
    fonts: Vec<Font>,
    roles: RoleFaces,
}

impl FontBook {
    /// A book of loaded faces; `roles` names faces by key, each of which must be among `fonts`.
    pub fn new(fonts: Vec<Font>, roles: RoleFaces) -> Result<FontBook, String> {
        for (role, keys) in roles.iter() {
            for key in keys {
                if !fonts.iter().any(|f| &f.key == key) {
                    return Err(format!("role `{}` names face `{key}`, which is not loaded", role.name()));
                }
            }
        }
        Ok(FontBook { fonts, roles })
    }

    pub fn font(&self, id: FontId) -> &Font {
        &self.fonts[usize::from(id.0)]
    }

    pub fn fonts(&self) -> impl Iterator<Item = (FontId, &Font)> {
        self.fonts.iter().enumerate().map(|(i, f)| (FontId(i as u16), f))
    }

    fn id_of(&self, key: &str) -> FontId {
        let index = self.fonts.iter().position(|f| f.key == key).expect("checked in new");
        FontId(index as u16)
    }

    /// The role's fallback chain, first choice first, then every other face of the book as a
    /// last resort, so that a character any loaded face has is never missed.
    pub fn chain(&self, role: Role) -> Vec<FontId> {
        let mut chain: Vec<FontId> = self.roles.faces(role).iter().map(|k| self.id_of(k)).collect();
        for (id, _) in self.fonts() {
            if !chain.contains(&id) {
                chain.push(id);
            }
        }
        chain
    }

    /// The first face of `role`'s chain that has `c`, if any has.
    pub fn face_for(&self, role: Role, c: char) -> Option<FontId> {
        self.chain(role).into_iter().find(|&id| self.font(id).has_char(c))
    }
}
