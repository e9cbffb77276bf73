//! Roles: the parts of a page a newspaper sets in distinct faces, and the bundled defaults.

use std::collections::BTreeMap;

/// A typographic role. Each maps to a chain of faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Body text 正文 (书宋).
    Body,
    /// Section subheads 小标题 inside a story.
    Section,
    /// Headline 主题 (标宋-like).
    Headline,
    /// Kicker 引题.
    Kicker,
    /// Subheadline 副题.
    Subhead,
    /// Byline 本报记者 … .
    Byline,
    /// The 本报讯(记者 …) credit at the start of a brief.
    Credit,
    /// Photo captions and credits.
    Caption,
    /// Column and series flags 栏目.
    Flag,
    /// The paper's name in the masthead 报头.
    Masthead,
    /// Folio lines 报眉 and the masthead's date line.
    Folio,
    /// Jump lines (下转第N版) and jump headlines.
    Jump,
}

impl Role {
    pub const ALL: [Role; 12] = [
        Role::Body,
        Role::Section,
        Role::Headline,
        Role::Kicker,
        Role::Subhead,
        Role::Byline,
        Role::Credit,
        Role::Caption,
        Role::Flag,
        Role::Masthead,
        Role::Folio,
        Role::Jump,
    ];

    /// The name used in settings files.
    pub fn name(self) -> &'static str {
        match self {
            Role::Body => "body",
            Role::Section => "section",
            Role::Headline => "headline",
            Role::Kicker => "kicker",
            Role::Subhead => "subhead",
            Role::Byline => "byline",
            Role::Credit => "credit",
            Role::Caption => "caption",
            Role::Flag => "flag",
            Role::Masthead => "masthead",
            Role::Folio => "folio",
            Role::Jump => "jump",
        }
    }

    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// The bundled faces: key and file name in the fonts folder. 仿宋 has no free face here, so no
/// role defaults to it (fonts.md).
pub const BUNDLED_FACES: [(&str, &str); 5] = [
    ("song", "noto-serif-sc-regular.otf"),
    ("song-bold", "noto-serif-sc-bold.otf"),
    ("song-black", "noto-serif-sc-black.otf"),
    ("hei", "noto-sans-sc-bold.otf"),
    ("kai", "paiban-kai-regular.ttf"),
];

/// Which face keys set each role, first choice first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleFaces(BTreeMap<Role, Vec<String>>);

impl Default for RoleFaces {
    fn default() -> Self {
        let first = |role| match role {
            Role::Body => "song",
            Role::Section | Role::Subhead => "song-bold",
            Role::Headline | Role::Masthead => "song-black",
            Role::Kicker | Role::Credit | Role::Flag | Role::Folio => "hei",
            Role::Byline | Role::Caption | Role::Jump => "kai",
        };
        RoleFaces(Role::ALL.into_iter().map(|r| (r, vec![first(r).to_string()])).collect())
    }
}

impl RoleFaces {
    /// Replaces one role's chain.
    pub fn set(&mut self, role: Role, faces: Vec<String>) {
        self.0.insert(role, faces);
    }

    pub fn faces(&self, role: Role) -> &[String] {
        self.0.get(&role).map_or(&[], Vec::as_slice)
    }

    pub fn iter(&self) -> impl Iterator<Item = (Role, &Vec<String>)> {
        self.0.iter().map(|(r, f)| (*r, f))
    }
}
