//! Reading an edition folder into an [`Edition`]: parse, validate, resolve. The first problem
//! found is returned as a diagnostic naming the file and line; nothing is half-loaded.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use toml::Spanned;

use crate::diag::{Diagnostic, Location, did_you_mean};
use crate::fonts::{BUNDLED_FACES, Role, RoleFaces};
use crate::image::{Raster, read_raster};
use crate::units::Abs;

use super::article::{BodyBlock, FrontMatter, parse_body, split_front_matter};
use super::cleaning::{clean_front_matter, report_cleanings};
use super::date::Date;
use super::edition::{BoxFill, EditionFile};
use super::furniture::{Furniture, Masthead, Slot, page_furniture, slug_line};
use super::geometry::{PageGeometry, resolve};
use super::jump::JumpStyle;
use super::length::Length;
use super::print::{PrintOverrides, resolve_print};
use super::story::{Block, BlockKind, Part, Photo, StandIn, Story, StyledText};
use super::template::{BoxKind, Template};
use super::{Edition, EditionPage, TextSources};

/// Where to find what the edition folder does not hold.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The folder with the bundled fonts.
    pub fonts_dir: PathBuf,
    /// The command line's say over the edition's `[print]` table.
    pub print: PrintOverrides,
}

type Loaded<T> = Result<T, Diagnostic>;

/// Loads the edition in `dir` (its `edition.toml`, articles, templates and photos).
pub fn load_edition(dir: &Path, options: &LoadOptions) -> Loaded<Edition> {
    let file = dir.join("edition.toml");
    let source = read_text(&file, None)?;
    let spec: EditionFile = parse_toml(&file, &source, 0..source.len())?;
    let at = |span: Range<usize>| Location::at_span(&file, &source, span);
    let date = Date::parse(spec.date.get_ref()).map_err(|e| Diagnostic::error(at(spec.date.span()), e))?;
    let layouts_dir = dir.join(&spec.layouts);
    let mut templates = TemplateCache::new(layouts_dir);
    let articles = article_names(dir);
    let mut pages = Vec::new();
    let mut placements: BTreeMap<String, Vec<Placement>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    // (stand-in article, story it stands in for, part index, its name's bytes in edition.toml)
    let mut stand_ins: Vec<(String, String, usize, Range<usize>)> = Vec::new();
    for (page_index, page) in spec.pages.iter().enumerate() {
        let geometry = templates.get(page.template.get_ref(), || at(page.template.span()))?;
        let mut flags = Vec::new();
        let mut used: Vec<usize> = Vec::new();
        for fill in &page.boxes {
            let box_index = check_fill(&geometry, fill, &used, page.template.get_ref(), || at(fill.name.span()))?;
            used.push(box_index);
            let kind = geometry.boxes[box_index].kind;
            match (kind, &fill.article, &fill.text) {
                (BoxKind::Flag, _, Some(text)) => {
                    let size = geometry.boxes[box_index].sizes[&Role::Flag];
                    flags.push(Furniture {
                        slot: Slot::Flag(box_index),
                        text: StyledText::plain(text.get_ref().clone(), Role::Flag, size),
                    });
                }
                (BoxKind::Story, _, None) if fill.article.is_some() || !fill.articles.is_empty() => {
                    // One article, or a stack of briefs set one under another.
                    let stack: Vec<&Spanned<String>> = fill.article.iter().chain(&fill.articles).collect();
                    for (k, slug_at) in stack.iter().enumerate() {
                        let slug = slug_at.get_ref().clone();
                        let continues = placements.contains_key(&slug);
                        if !continues {
                            order.push(slug.clone());
                        }
                        if continues && stack.len() > 1 {
                            return Err(Diagnostic::error(
                                at(slug_at.span()),
                                format!("`{slug}` is placed earlier: a stack of briefs holds stories that start there"),
                            ));
                        }
                        if let Some(then) = &fill.then {
                            if !continues {
                                return Err(Diagnostic::error(
                                    at(then.span()),
                                    format!(
                                        "`then` names a stand-in for a continuation, but box `{}` starts `{slug}`",
                                        fill.name.get_ref()
                                    ),
                                ));
                            }
                            stand_ins.push((
                                then.get_ref().clone(),
                                slug.clone(),
                                placements[&slug].len(),
                                then.span(),
                            ));
                        }
                        let below = (k > 0).then(|| stack[k - 1].get_ref().clone());
                        placements.entry(slug).or_default().push(Placement {
                            page: page_index,
                            box_index,
                            span: slug_at.span(),
                            below,
                        });
                    }
                }
                (BoxKind::Flag, _, None) => {
                    return Err(Diagnostic::error(
                        at(fill.name.span()),
                        format!("box `{}` is a flag: give its words with `text = \"…\"`", fill.name.get_ref()),
                    ));
                }
                (BoxKind::Story, _, _) => {
                    return Err(Diagnostic::error(
                        at(fill.name.span()),
                        format!("box `{}` holds a story: give it `article = \"…\"` and no `text`", fill.name.get_ref()),
                    ));
                }
            }
        }
        pages.push(EditionPage { number: page.number, name: page.name.clone(), geometry, furniture: flags });
    }
    check_page_numbers(&spec, &file, &at)?;
    let print = resolve_print(dir, &file, &source, spec.print.as_ref(), &options.print)?;
    let info = Masthead {
        paper: &spec.paper,
        date,
        lunar: spec.lunar.as_deref(),
        serial: spec.serial,
        page_count: pages.len(),
        extra_lines: &spec.masthead_lines,
    };
    for page in &mut pages {
        page.furniture.extend(page_furniture(&info, page.number, &page.name, &page.geometry));
        if print.marks {
            page.furniture.push(slug_line(&info, page.number));
        }
    }
    let mut stories = Vec::new();
    let mut sources = TextSources::new();
    let mut diagnostics = Vec::new();
    // Articles (and their photos) are read and parsed in parallel, then taken in edition order:
    // the first problem in that order is the one reported, as when reading one by one.
    let context = StoryContext { spec: &spec, order: &order, pages: &pages };
    let loaded: Vec<Loaded<LoadedStory>> = order
        .par_iter()
        .map(|slug| {
            let chain = &placements[slug];
            let article_file = article_path(dir, slug, || at(chain[0].span.clone()), &articles)?;
            load_story(dir, &article_file, slug, chain, &context)
        })
        .collect();
    for article in loaded {
        stories.push(article?.into_story(&mut sources, &mut diagnostics));
    }
    for (slug, primary, part, span) in &stand_ins {
        if placements.contains_key(slug) || stand_ins.iter().filter(|s| &s.0 == slug).count() > 1 {
            return Err(Diagnostic::error(
                at(span.clone()),
                format!("`{slug}` is placed elsewhere too: a stand-in may fill one box only"),
            ));
        }
        let primary_story = order.iter().position(|s| s == primary).expect("placed above");
        let box_of = &placements[primary][*part];
        let chain = [Placement { page: box_of.page, box_index: box_of.box_index, span: span.clone(), below: None }];
        let article_file = article_path(dir, slug, || at(span.clone()), &articles)?;
        let context = StoryContext { spec: &spec, order: &order, pages: &pages };
        let mut story =
            load_story(dir, &article_file, slug, &chain, &context)?.into_story(&mut sources, &mut diagnostics);
        story.stands_in_for = Some(StandIn { story: primary_story, part: *part });
        stories.push(story);
        order.push(slug.clone());
    }
    share_photos(&mut stories);
    let (faces, roles) = resolve_fonts(dir, &spec, &source, &file, options)?;
    diagnostics.extend(unplaced_articles(dir, &order));
    Ok(Edition {
        file,
        paper: spec.paper,
        date,
        lunar: spec.lunar,
        serial: spec.serial,
        masthead_lines: spec.masthead_lines,
        composition: spec.composition,
        print,
        faces,
        roles,
        pages,
        stories,
        sources,
        diagnostics,
    })
}

/// The stems of the files in `dir` ending in `.extension`, sorted.
fn file_stems(dir: &Path, extension: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_string))
        .collect();
    names.sort();
    names
}

/// The articles in `articles/`, by name.
fn article_names(dir: &Path) -> Vec<String> {
    file_stems(&dir.join("articles"), "md")
}

/// Articles in `articles/` that no box names: their text would be lost without a word.
fn unplaced_articles(dir: &Path, placed: &[String]) -> Vec<Diagnostic> {
    article_names(dir)
        .into_iter()
        .filter(|name| !placed.contains(name))
        .map(|name| {
            Diagnostic::error(
                Location::file(&dir.join("articles").join(format!("{name}.md"))),
                "the article is placed on no page",
            )
            .with_hint("name it in a box of edition.toml, or move the file out of articles/")
        })
        .collect()
}

/// The file of article `slug`, which must exist; `at` is where the edition names it, and
/// `articles` the names there are, for a did-you-mean.
/// `at` is where the edition names the article (worked out only for an error).
fn article_path(dir: &Path, slug: &str, at: impl FnOnce() -> Location, articles: &[String]) -> Loaded<PathBuf> {
    let file = dir.join("articles").join(format!("{slug}.md"));
    if file.is_file() {
        return Ok(file);
    }
    let error = Diagnostic::error(at(), format!("no article file `articles/{slug}.md`"));
    Err(match did_you_mean(slug, articles.iter().map(String::as_str)) {
        Some(close) => error.with_hint(format!("did you mean `{close}`?")),
        None => error.with_hint(format!("write articles/{slug}.md or correct the article's name")),
    })
}

/// Where one article is placed.
struct Placement {
    page: usize,
    box_index: usize,
    /// Bytes of the article's name in edition.toml, for messages.
    span: Range<usize>,
    /// In a stack of briefs: the article set just above.
    below: Option<String>,
}

/// `at` is where the edition names the box (worked out only for an error).
fn check_fill(
    geometry: &PageGeometry,
    fill: &BoxFill,
    used: &[usize],
    template: &str,
    at: impl FnOnce() -> Location,
) -> Loaded<usize> {
    let name = fill.name.get_ref();
    let Some(index) = geometry.box_named(name) else {
        let names: Vec<&str> = geometry.boxes.iter().map(|b| b.name.as_str()).collect();
        let error = Diagnostic::error(
            at(),
            format!("template `{template}` has no box `{name}`; its boxes are: {}", names.join(", ")),
        );
        return Err(match did_you_mean(name, names.iter().copied()) {
            Some(close) => error.with_hint(format!("did you mean `{close}`?")),
            None => error,
        });
    };
    if used.contains(&index) {
        return Err(Diagnostic::error(at(), format!("box `{name}` is filled twice on this page")));
    }
    Ok(index)
}

fn check_page_numbers(spec: &EditionFile, file: &Path, at: &impl Fn(Range<usize>) -> Location) -> Loaded<()> {
    for (i, page) in spec.pages.iter().enumerate() {
        if spec.pages[..i].iter().any(|p| p.number == page.number) {
            return Err(Diagnostic::error(at(page.template.span()), format!("page {} appears twice", page.number)));
        }
    }
    if spec.pages.is_empty() {
        return Err(Diagnostic::error(Location::file(file), "the edition has no pages: add a [[page]]"));
    }
    Ok(())
}

/// Reads a file as UTF-8; `what` names the thing for the message.
fn read_text(file: &Path, at: Option<Location>) -> Loaded<String> {
    let location = at.unwrap_or_else(|| Location::file(file));
    let bytes = std::fs::read(file)
        .map_err(|e| Diagnostic::error(location.clone(), format!("cannot read `{}`: {e}", file.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let mut location = Location::at_span(file, &valid, offset..offset);
        // The bad byte itself, as the CLI shows the file (lossily decoded: one U+FFFD).
        location.span = Some(offset..offset + '\u{fffd}'.len_utf8());
        let byte = e.as_bytes()[offset];
        Diagnostic::error(location, format!("the file is not UTF-8 text: byte 0x{byte:02X} at offset {offset}"))
            .with_hint("save it as UTF-8 (GB 18030 and GBK files must be converted first, e.g. with iconv)")
    })
}

/// Parses the TOML in `whole[range]` (a whole file, or an article's front matter), turning an
/// error's span into the file's line and column. A byte order mark is skipped.
fn parse_toml<T: DeserializeOwned>(file: &Path, whole: &str, range: Range<usize>) -> Loaded<T> {
    let mut start = range.start;
    let mut source = &whole[range];
    if let Some(rest) = source.strip_prefix('\u{feff}') {
        start += '\u{feff}'.len_utf8();
        source = rest;
    }
    toml::from_str(source).map_err(|e| {
        let span = e.span().map_or(start..start, |s| start + s.start..start + s.end);
        let message = e.message().trim_end().to_string();
        let hint = unknown_name_hint(&message);
        let error = Diagnostic::error(Location::at_span(file, whole, span), message);
        match hint {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    })
}

/// For serde's "unknown field `serail`, expected one of `paper`, `serial`, …" (and unknown
/// variants): the known name the writer probably meant.
fn unknown_name_hint(message: &str) -> Option<String> {
    if !message.starts_with("unknown field") && !message.starts_with("unknown variant") {
        return None;
    }
    let mut quoted = message.split('`').skip(1).step_by(2);
    let name = quoted.next()?;
    did_you_mean(name, quoted).map(|close| format!("did you mean `{close}`?"))
}

/// Reads templates once each.
struct TemplateCache {
    dir: PathBuf,
    resolved: BTreeMap<String, PageGeometry>,
}

impl TemplateCache {
    fn new(dir: PathBuf) -> TemplateCache {
        TemplateCache { dir, resolved: BTreeMap::new() }
    }

    /// The geometry of template `name`, named at `at` in the edition. Errors in the template
    /// file point into that file.
    /// `at` is where the edition names the template (worked out only for an error).
    fn get(&mut self, name: &str, at: impl FnOnce() -> Location) -> Loaded<PageGeometry> {
        if let Some(geometry) = self.resolved.get(name) {
            return Ok(geometry.clone());
        }
        let file = self.dir.join(format!("{name}.toml"));
        let plain = !name.is_empty() && !name.contains(['/', '\\', '\0']) && name != "." && name != "..";
        if !plain || !file.is_file() {
            let error = Diagnostic::error(at(), format!("no page template `{name}` in `{}`", self.dir.display()));
            return Err(match did_you_mean(name, self.names().iter().map(String::as_str)) {
                Some(close) => error.with_hint(format!("did you mean `{close}`?")),
                None => error.with_hint(format!("the templates are: {}", self.names().join(", "))),
            });
        }
        let geometry = load_template(&file)?;
        self.resolved.insert(name.to_string(), geometry.clone());
        Ok(geometry)
    }

    /// The templates in the folder, sorted.
    fn names(&self) -> Vec<String> {
        file_stems(&self.dir, "toml")
    }
}

fn load_template(file: &Path) -> Loaded<PageGeometry> {
    let source = read_text(file, None)?;
    let template: Template = parse_toml(file, &source, 0..source.len())?;
    let at = |span: Range<usize>| Location::at_span(file, &source, span);
    let mut sizes = default_sizes(template.grid.body_size.0);
    sizes.extend(role_size_table(&template.sizes).map_err(|(e, span)| Diagnostic::error(at(span), e))?);
    resolve(&template, &sizes).map_err(|e| {
        // Point at the box the sentence names, else at the grid.
        let named = template.boxes.iter().find(|b| e.starts_with(&format!("box `{}`", b.name.get_ref())));
        let span = named.map(|b| b.name.span()).or_else(|| source.find("[grid]").map(|i| i..i + 6));
        let location = span.map_or_else(|| Location::file(file), at);
        Diagnostic::error(location, e)
    })
}

/// Type sizes when a template gives none: body-size text for the body's companions.
fn default_sizes(body: Abs) -> BTreeMap<Role, Abs> {
    let pt = |hundredths: i64| Abs::pt(1).scale(hundredths, 100);
    Role::ALL
        .into_iter()
        .map(|role| {
            let size = match role {
                Role::Headline => pt(2200),
                Role::Kicker | Role::Subhead => pt(1400),
                Role::Flag => pt(1200),
                Role::Masthead => pt(6000),
                _ => body,
            };
            (role, size)
        })
        .collect()
}

/// A `sizes` table: role names to lengths, with unknown roles named (and where they are).
pub(super) fn role_size_table(
    table: &BTreeMap<Spanned<String>, Length>,
) -> Result<BTreeMap<Role, Abs>, (String, Range<usize>)> {
    table
        .iter()
        .map(|(name, size)| {
            let role = Role::from_name(name.get_ref()).ok_or_else(|| (unknown_role(name.get_ref()), name.span()))?;
            Ok((role, size.0))
        })
        .collect()
}

fn unknown_role(name: &str) -> String {
    let known: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
    let close =
        did_you_mean(name, known.iter().copied()).map(|c| format!(" (did you mean `{c}`?)")).unwrap_or_default();
    format!("unknown role `{name}`{close}; the roles are: {}", known.join(", "))
}

/// What loading one article needs from the edition (the jump wording, the order stories are
/// placed in) and gives besides the story: maps of its paragraphs back to the file, and
/// warnings about its text.
struct StoryContext<'a> {
    spec: &'a EditionFile,
    order: &'a [String],
    pages: &'a [EditionPage],
}

/// One article read: its story, where its paragraphs came from, and what was cleaned in it.
struct LoadedStory {
    story: Story,
    sources: TextSources,
    warnings: Vec<Diagnostic>,
}

impl LoadedStory {
    /// The story, its text map and warnings added to the edition's.
    fn into_story(self, sources: &mut TextSources, warnings: &mut Vec<Diagnostic>) -> Story {
        sources.extend(self.sources);
        warnings.extend(self.warnings);
        self.story
    }
}

/// Where `part` (a slice of `whole`) starts in it.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize).min(whole.len())
}

fn load_story(dir: &Path, file: &Path, slug: &str, chain: &[Placement], context: &StoryContext) -> Loaded<LoadedStory> {
    let pages = context.pages;
    let (mut sources, mut warnings) = (TextSources::new(), Vec::new());
    let source = read_text(file, None)?;
    if source.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Diagnostic::error(Location::file(file), "the article is empty")
            .with_hint("give it front matter between `+++` lines with at least a headline, then its text"));
    }
    let (front_source, _, body) = split_front_matter(&source).map_err(|e| {
        let first_line = source.find('\n').unwrap_or(source.len());
        Diagnostic::error(Location::at_span(file, &source, 0..first_line), e)
    })?;
    let front_start = offset_in(&source, front_source);
    let mut front: FrontMatter = parse_toml(file, &source, front_start..front_start + front_source.len())?;
    let front_range = front_start..front_start + front_source.len();
    clean_front_matter(&mut front, file, &source, front_range, &mut warnings);
    let body_start = offset_in(&source, body);
    let body_line = source[..body_start].matches('\n').count() + 1;
    let first = &chain[0];
    let first_box = &pages[first.page].geometry.boxes[first.box_index];
    let size = |role: Role| first_box.sizes[&role];
    let head = head_blocks(&front, &size);
    let body_size = pages[first.page].geometry.body_size;
    let parsed = parse_body(body, body_line);
    report_cleanings(file, &parsed, body_start, &mut warnings);
    let blocks = body_blocks(&front, parsed, body_size, &size, file, body_start, &mut sources);
    let photo = match &front.photo {
        Some(spec) => {
            let named = front_source.find(spec.image.as_str()).map(|i| front_start + i);
            let at = named
                .map_or_else(|| Location::file(file), |i| Location::at_span(file, &source, i..i + spec.image.len()));
            Some(load_photo(dir, at, spec, &size)?)
        }
        None => None,
    };
    if blocks.is_empty() && photo.is_none() {
        return Err(Diagnostic::error(Location::file(file), "the article has no body and no photo")
            .with_hint("write its text after the closing `+++`, or give it a [photo]"));
    }
    let parts = chain_parts(&front, chain, pages, context.spec, context.order);
    let story = Story {
        slug: slug.to_string(),
        file: file.to_path_buf(),
        head,
        photo,
        body: blocks,
        parts,
        stands_in_for: None,
    };
    Ok(LoadedStory { story, sources, warnings })
}

fn head_blocks(front: &FrontMatter, size: &impl Fn(Role) -> Abs) -> Vec<Block> {
    let mut head = Vec::new();
    let mut add = |kind, text: &Option<String>, role: Role| {
        if let Some(text) = text.as_ref().filter(|t| !t.trim().is_empty()) {
            head.push(Block { kind, text: StyledText::plain(text.trim(), role, size(role)), line: 1 });
        }
    };
    add(BlockKind::Series, &front.series, Role::Flag);
    add(BlockKind::Kicker, &front.kicker, Role::Kicker);
    add(BlockKind::Headline, &Some(front.headline.clone()), Role::Headline);
    add(BlockKind::Subhead, &front.subhead, Role::Subhead);
    head
}

fn body_blocks(
    front: &FrontMatter,
    body: Vec<BodyBlock>,
    body_size: Abs,
    size: &impl Fn(Role) -> Abs,
    file: &Path,
    body_start: usize,
    sources: &mut TextSources,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some(byline) = front.byline.as_ref().filter(|b| !b.trim().is_empty()) {
        blocks.push(Block {
            kind: BlockKind::Byline,
            text: StyledText::plain(byline.trim(), Role::Byline, size(Role::Byline)),
            line: 1,
        });
    }
    let mut credit = front.credit.as_ref().filter(|c| !c.trim().is_empty());
    for block in body {
        match block {
            BodyBlock::Paragraph(p) => {
                let mut text = StyledText { text: String::new(), spans: Vec::new() };
                if let Some(c) = credit.take() {
                    text.push(c.trim(), Role::Credit, size(Role::Credit));
                }
                sources.insert((file.to_path_buf(), p.line), p.map.shifted(body_start, text.text.len()));
                text.push(&p.text, Role::Body, body_size);
                blocks.push(Block { kind: BlockKind::Paragraph, text, line: p.line });
            }
            BodyBlock::Section(s) => {
                sources.insert((file.to_path_buf(), s.line), s.map.shifted(body_start, 0));
                blocks.push(Block {
                    kind: BlockKind::Section,
                    text: StyledText::plain(s.text, Role::Section, size(Role::Section)),
                    line: s.line,
                });
            }
        }
    }
    blocks
}

/// One raster per image file: a photo that several articles show is held (and embedded) once.
fn share_photos(stories: &mut [Story]) {
    let mut seen: BTreeMap<PathBuf, Arc<Raster>> = BTreeMap::new();
    for photo in stories.iter_mut().filter_map(|s| s.photo.as_mut()) {
        photo.raster = seen.entry(photo.file.clone()).or_insert_with(|| photo.raster.clone()).clone();
    }
}

/// Loads the photo; `at` is where the front matter names its image.
fn load_photo(
    dir: &Path,
    at: Location,
    spec: &super::article::PhotoSpec,
    size: &impl Fn(Role) -> Abs,
) -> Loaded<Photo> {
    let image_file = dir.join(&spec.image);
    let bytes = std::fs::read(&image_file).map_err(|e| {
        Diagnostic::error(at.clone(), format!("cannot read photo `{}`: {e}", image_file.display()))
            .with_hint("the image path is relative to the edition folder")
    })?;
    let raster =
        read_raster(bytes).map_err(|e| Diagnostic::error(at, format!("photo `{}`: {e}", image_file.display())))?;
    let caption = Block {
        kind: BlockKind::Caption,
        text: StyledText::plain(spec.caption.trim(), Role::Caption, size(Role::Caption)),
        line: 1,
    };
    let credit = spec.credit.as_ref().map(|c| Block {
        kind: BlockKind::PhotoCredit,
        text: StyledText::plain(c.trim(), Role::Caption, size(Role::Caption)),
        line: 1,
    });
    Ok(Photo { file: image_file, raster: Arc::new(raster), caption, credit })
}

/// The chain's parts with their jump lines: every part but the last sends the reader on,
/// every part but the first says where it came from.
fn chain_parts(
    front: &FrontMatter,
    chain: &[Placement],
    pages: &[EditionPage],
    spec: &EditionFile,
    order: &[String],
) -> Vec<Part> {
    let style: &JumpStyle = &spec.jumps;
    let label = |p: &Placement| spec.pages[p.page].label.as_deref();
    chain
        .iter()
        .enumerate()
        .map(|(i, placement)| {
            let sizes = &pages[placement.page].geometry.boxes[placement.box_index].sizes;
            let jump = |text: String| Block {
                kind: BlockKind::JumpOut,
                text: StyledText::plain(text, Role::Jump, sizes[&Role::Jump]),
                line: 1,
            };
            let jump_out = chain.get(i + 1).map(|next| jump(style.out_text(pages[next.page].number, label(next))));
            let (jump_in, jump_headline) = if i == 0 {
                (None, None)
            } else {
                let previous = &chain[i - 1];
                let from = style.in_text(pages[previous.page].number, label(previous));
                let title = front.jump_headline.clone().unwrap_or_else(|| front.headline.clone());
                let headline = Block {
                    kind: BlockKind::JumpHeadline,
                    text: StyledText::plain(title, Role::Headline, sizes[&Role::Headline]),
                    line: 1,
                };
                (Some(Block { kind: BlockKind::JumpIn, ..jump(from) }), Some(headline))
            };
            let below = placement.below.as_ref().and_then(|slug| order.iter().position(|s| s == slug));
            Part { page: placement.page, box_index: placement.box_index, jump_headline, jump_in, jump_out, below }
        })
        .collect()
}

/// The faces to load (bundled, then the edition's own) and the roles' chains.
fn resolve_fonts(
    dir: &Path,
    spec: &EditionFile,
    source: &str,
    file: &Path,
    options: &LoadOptions,
) -> Loaded<(Vec<(String, PathBuf)>, RoleFaces)> {
    let mut faces: Vec<(String, PathBuf)> =
        BUNDLED_FACES.iter().map(|(key, name)| (key.to_string(), options.fonts_dir.join(name))).collect();
    for (key, path) in &spec.fonts.faces {
        let path = dir.join(path.get_ref());
        match faces.iter_mut().find(|(k, _)| k == key) {
            Some(face) => face.1 = path,
            None => faces.push((key.clone(), path)),
        }
    }
    let mut roles = RoleFaces::default();
    for (name, keys) in &spec.fonts.roles {
        let at = Location::at_span(file, source, name.span());
        let role = Role::from_name(name.get_ref())
            .ok_or_else(|| Diagnostic::error(at.clone(), unknown_role(name.get_ref())))?;
        if let Some(missing) = keys.iter().find(|k| !faces.iter().any(|(f, _)| f == *k)) {
            return Err(Diagnostic::error(
                at,
                format!(
                    "role `{}` names face `{missing}`, which no [fonts.faces] entry or bundled face has",
                    role.name()
                ),
            ));
        }
        roles.set(role, keys.clone());
    }
    Ok((faces, roles))
}
