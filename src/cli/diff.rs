//! `paiban diff A B`: compares two renders — two edition folders, two dump folders or two PNG
//! folders — prints which pages and boxes changed and how, writes a diff image per changed page
//! where there are pixels to compare, and exits 1 when anything changed (0 when nothing did,
//! 2 when an input cannot be read).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use image::GrayImage;

use paiban::diff::{Change, PixelDiff, compare_pages, compare_pixels, highlight};
use paiban::model::LoadOptions;
use paiban::pipeline::typeset_dir;
use paiban::render::dump::{PageDump, dump_page, page_file_name, parse_dump};
use paiban::render::png::{PngOptions, rasterize, to_gray};

use super::output::write_atomically;
use super::progress::Progress;
use super::{default_fonts_dir, exit};

#[derive(Args)]
pub struct DiffArgs {
    /// The first render: an edition folder, a folder of dumps (page-01.txt …) or of proofs (page-01.png …).
    a: PathBuf,
    /// The second render, of the same kind or an edition against dumps.
    b: PathBuf,
    /// Where to write a diff image per changed page (page-01.png …).
    #[arg(short, long, value_name = "DIR", default_value = "paiban-diff")]
    output: PathBuf,
    /// Gray levels (0–255) two pixels may differ by and still count as equal.
    #[arg(long, default_value_t = 32)]
    tolerance: u8,
    /// Differing pixels a page may have and still count as unchanged.
    #[arg(long, default_value_t = 0, value_name = "N")]
    max_pixels: u64,
    /// Resolution at which edition folders are rasterized for the pixel comparison.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(10..=600))]
    dpi: u32,
    /// Folder of the bundled fonts [default: the fonts/ folder of the paiban sources].
    #[arg(long, value_name = "DIR")]
    fonts: Option<PathBuf>,
}

/// What one side offers to compare, by page number.
#[derive(Default)]
struct Render {
    dumps: Option<BTreeMap<u32, PageDump>>,
    images: Option<BTreeMap<u32, GrayImage>>,
}

pub fn diff(args: &DiffArgs) -> ExitCode {
    let (a, b) = match (load(&args.a, args), load(&args.b, args)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(exit::BAD_INPUT);
        }
    };
    let structural = a.dumps.as_ref().zip(b.dumps.as_ref());
    let visual = a.images.as_ref().zip(b.images.as_ref());
    if structural.is_none() && visual.is_none() {
        eprintln!(
            "error: nothing to compare: `{}` and `{}` are renders of different kinds",
            args.a.display(),
            args.b.display()
        );
        return ExitCode::from(exit::BAD_INPUT);
    }
    let pages: BTreeSet<u32> = [&a, &b]
        .iter()
        .flat_map(|r| r.dumps.iter().flat_map(|d| d.keys()).chain(r.images.iter().flat_map(|i| i.keys())))
        .copied()
        .collect();
    let mut changed = Vec::new();
    for &page in &pages {
        let changes = structural.map(|(x, y)| compare_pages(x.get(&page), y.get(&page))).unwrap_or_default();
        let pixels = visual.and_then(|(x, y)| compare_page_pixels(x.get(&page), y.get(&page), args.tolerance));
        let pixels_changed = pixels.as_ref().is_some_and(|(d, _)| d.differing > args.max_pixels);
        if changes.is_empty() && !pixels_changed {
            println!("page {page}: unchanged");
            continue;
        }
        changed.push(page);
        report(page, &changes, pixels.as_ref().map(|(d, _)| d).filter(|_| pixels_changed));
        if let Some((_, image)) = pixels.filter(|_| pixels_changed) {
            write_diff_image(&args.output, page, &image);
        }
    }
    let list: Vec<String> = changed.iter().map(u32::to_string).collect();
    match changed.len() {
        0 => println!("no changes in {} pages", pages.len()),
        n => println!("{n} of {} pages changed: {}", pages.len(), list.join(", ")),
    }
    if changed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn report(page: u32, changes: &[Change], pixels: Option<&PixelDiff>) {
    println!("page {page}: changed");
    for change in changes {
        println!("  {change}");
    }
    if let Some(d) = pixels {
        let [x0, y0, x1, y1] = d.bounds.unwrap_or_default();
        let ppm = d.differing_ppm();
        println!(
            "  pixels: {} differ ({}.{:02}%) within x {x0}–{x1}, y {y0}–{y1}",
            d.differing,
            ppm / 10_000,
            ppm % 10_000 / 100
        );
    }
}

/// The pixel diff and diff image of a page both sides have (a missing side is blank paper of
/// the other's size).
fn compare_page_pixels(
    a: Option<&GrayImage>,
    b: Option<&GrayImage>,
    tolerance: u8,
) -> Option<(PixelDiff, image::RgbImage)> {
    let blank = |other: &GrayImage| GrayImage::from_pixel(other.width(), other.height(), image::Luma([255]));
    let (a, b) = match (a, b) {
        (Some(a), Some(b)) => (a.clone(), b.clone()),
        (Some(a), None) => (a.clone(), blank(a)),
        (None, Some(b)) => (blank(b), b.clone()),
        (None, None) => return None,
    };
    Some((compare_pixels(&a, &b, tolerance), highlight(&a, &b, tolerance)))
}

fn write_diff_image(dir: &Path, page: u32, image: &image::RgbImage) {
    let path = dir.join(page_file_name(page, "png"));
    let mut bytes = std::io::Cursor::new(Vec::new());
    let written = std::fs::create_dir_all(dir)
        .map_err(|e| e.to_string())
        .and_then(|()| image.write_to(&mut bytes, image::ImageFormat::Png).map_err(|e| e.to_string()))
        .and_then(|()| write_atomically(&path, bytes.get_ref()).map_err(|e| e.to_string()));
    match written {
        Ok(()) => println!("  diff image: {}", path.display()),
        Err(e) => eprintln!("warning: cannot write the diff image `{}`: {e}", path.display()),
    }
}

/// Reads one side: an edition is typeset (dumps) and rasterized (images); a folder of dumps or
/// proofs is read as it is.
fn load(path: &Path, args: &DiffArgs) -> Result<Render, String> {
    if path.join("edition.toml").is_file() {
        return load_edition(path, args);
    }
    let dumps = page_files(path, "txt")?;
    let images = page_files(path, "png")?;
    if dumps.is_empty() && images.is_empty() {
        return Err(format!("`{}` is neither an edition folder nor a folder of page dumps or proofs", path.display()));
    }
    let read =
        |file: &PathBuf| std::fs::read_to_string(file).map_err(|e| format!("cannot read `{}`: {e}", file.display()));
    let parse = |(n, f): (u32, PathBuf)| {
        read(&f).and_then(|t| parse_dump(&t).map_err(|e| format!("`{}`, {e}", f.display()))).map(|d| (n, d))
    };
    let open = |(n, f): (u32, PathBuf)| {
        image::open(&f).map(|i| (n, i.to_luma8())).map_err(|e| format!("cannot read `{}`: {e}", f.display()))
    };
    Ok(Render {
        dumps: (!dumps.is_empty()).then(|| dumps.into_iter().map(parse).collect()).transpose()?,
        images: (!images.is_empty()).then(|| images.into_iter().map(open).collect()).transpose()?,
    })
}

fn load_edition(path: &Path, args: &DiffArgs) -> Result<Render, String> {
    let options =
        LoadOptions { fonts_dir: args.fonts.clone().unwrap_or_else(default_fonts_dir), ..LoadOptions::default() };
    let (book, typeset, _) = typeset_dir(path, &options, None).map_err(|e| e.to_string())?;
    let pages = &typeset.document.pages;
    let dumps = pages.iter().map(|p| (p.number, dump_page(p, &book))).collect();
    let png = PngOptions { dpi: args.dpi, ..PngOptions::default() };
    let progress = Progress::new(pages.len(), &format!("rasterizing {}", path.display()));
    let mut images = BTreeMap::new();
    for page in pages {
        images.insert(page.number, to_gray(&rasterize(page, &book, &png)?));
        progress.step();
    }
    progress.finish();
    Ok(Render { dumps: Some(dumps), images: Some(images) })
}

/// The `page-NN.EXT` files of a folder, by page number.
fn page_files(dir: &Path, extension: &str) -> Result<BTreeMap<u32, PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    let suffix = format!(".{extension}");
    Ok(entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let number = name.strip_prefix("page-")?.strip_suffix(&suffix)?.parse().ok()?;
            Some((number, entry.path()))
        })
        .collect())
}
