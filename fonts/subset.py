#!/usr/bin/env python3
"""Build paiban's bundled subset fonts (called by build-subsets.sh).

Reads the fonts installed by Debian's fonts-noto-cjk, fonts-noto-cjk-extra and
fonts-lxgw-wenkai packages, subsets them to a newspaper character set, renames
LXGW WenKai (its OFL reserves "LXGW" and "霞鹜"), and writes beside this file:

  charset.txt                 the character set, one code point per line
  *.otf / *.ttf               the five subset fonts
  OFL-noto.txt, OFL-lxgw-wenkai.txt   licence texts
  manifest.txt                sizes, glyph counts, sha256 and source versions

Every output is a pure function of the installed packages and the pinned
fontTools version: no clocks, no dict-order or cwd dependence.
"""

import argparse
import bz2
import hashlib
import os
import re
import subprocess
import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor

import fontTools
from fontTools.misc.timeTools import timestampFromString
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection, TTFont

NOTO = "/usr/share/fonts/opentype/noto"
WENKAI = "/usr/share/fonts/truetype/lxgw-wenkai"
UNIHAN = "/usr/share/unicode"

# head.created/modified of every output. fontTools would otherwise stamp the
# current time and no two builds would be byte-identical. A constant (rather
# than $SOURCE_DATE_EPOCH) so an environment that happens to export that
# variable still reproduces the committed files.
FIXED_TIMESTAMP = timestampFromString("Thu Jan  1 00:00:00 2026")

# (output file, source file, PostScript name of the wanted face, Debian package).
# The face inside a .ttc is found by its PostScript name (name ID 6), not by a
# position that a future package might reorder.
FONTS = [
    ("noto-serif-sc-regular.otf", f"{NOTO}/NotoSerifCJK-Regular.ttc",
     "NotoSerifCJKsc-Regular", "fonts-noto-cjk"),
    ("noto-serif-sc-bold.otf", f"{NOTO}/NotoSerifCJK-Bold.ttc",
     "NotoSerifCJKsc-Bold", "fonts-noto-cjk"),
    ("noto-serif-sc-black.otf", f"{NOTO}/NotoSerifCJK-Black.ttc",
     "NotoSerifCJKsc-Black", "fonts-noto-cjk-extra"),
    ("noto-sans-sc-bold.otf", f"{NOTO}/NotoSansCJK-Bold.ttc",
     "NotoSansCJKsc-Bold", "fonts-noto-cjk"),
    ("paiban-kai-regular.ttf", f"{WENKAI}/LXGWWenKai-Regular.ttf",
     "LXGWWenKai-Regular", "fonts-lxgw-wenkai"),
]
RENAMED = "paiban-kai-regular.ttf"

# OpenType features CJK setting needs, on top of fontTools' default set (which
# already has ccmp locl kern vert vrt2 vkrn halt vhal palt vpal chws vchw ...).
# Left out on purpose: aalt, dlig, hist, ruby, salt: they only pull in
# alternates that paiban never asks for.
EXTRA_FEATURES = ["fwid", "hwid", "pwid"]

# Keep the default language system of every script the character set touches
# plus Simplified Chinese; JAN/KOR/ZHT/ZHH locl would pull in Japanese, Korean
# and Traditional glyph variants that a mainland newspaper must never show.
LAYOUT_SCRIPTS = [f"{s}.{l}" for s in ("DFLT", "hani", "kana", "latn", "grek", "cyrl")
                  for l in ("dflt", "ZHS")]

# WenKai's OFL reserves "LXGW" and "霞鹜": a subset is a Modified Version and
# may not be presented under them. Order matters (longest first).
RENAMES = [
    ("LXGWWenKai", "PaibanKai"),
    ("LXGW WenKai", "Paiban Kai"),
    ("霞鹜文楷", "派版楷体"),
]
RESERVED = re.compile(r"lxgw|霞鹜", re.IGNORECASE)
# Copyright and licence records keep the reserved names: they credit the
# author, which the OFL requires, and are not the font's name.
KEEP_VERBATIM_IDS = {0, 13, 14}

SAMPLES = ["，。“”（）《》—…", "中国2026年5G"]


# --------------------------------------------------------------------------
# character set

def charset():
    cps = set()

    # GB2312: every EUC-CN pair; rows 1-9 give the 682 symbols, 16-87 the
    # 6,763 hanzi. Undecodable pairs are the standard's unassigned cells.
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                pass

    # 通用规范汉字表 (2013): Unihan's kTGH field. It has moved between Unihan
    # files across Unicode versions, so look in all of them.
    tgh = set()
    for name in sorted(os.listdir(UNIHAN)):
        if not name.startswith("Unihan") or not name.endswith(".txt.bz2"):
            continue
        with bz2.open(os.path.join(UNIHAN, name), "rt", encoding="utf-8") as f:
            for line in f:
                if "\tkTGH\t" in line:
                    tgh.add(int(line.split("\t", 1)[0][2:], 16))
    if len(tgh) < 8000:
        sys.exit(f"kTGH gave {len(tgh)} hanzi, expected 8,105: is unicode-data installed?")
    cps |= tgh

    ranges = [
        (0x0020, 0x007E),  # ASCII
        (0x00A0, 0x00FF),  # Latin-1
        (0x2000, 0x206F),  # General Punctuation
        (0x2160, 0x216B),  # Ⅰ–Ⅻ
        (0x2170, 0x217B),  # ⅰ–ⅻ
        (0x2460, 0x249B),  # ①–⑳ ⑴–⒇ ⒈–⒛
        (0x2500, 0x257F),  # box drawing
        (0x25A0, 0x25FF),  # geometric shapes
        (0x3000, 0x303F),  # CJK symbols and punctuation (、。〇「」〔〕 …)
        (0xFE10, 0xFE1F),  # vertical forms
        (0xFE30, 0xFE4F),  # CJK compatibility forms
        (0xFF01, 0xFFE6),  # full-width and half-width forms
    ]
    for lo, hi in ranges:
        cps.update(range(lo, hi + 1))

    # Pinyin with tone marks, upper and lower case, including ü with tones,
    # ê with tones, ḿ ń ň ǹ and the ɑ ɡ of dictionary pinyin.
    cps.update(map(ord,
        "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềńňǹḿɑɡ"
        "ĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛÜÊẾỀŃŇǸḾ"))
    cps.update(map(ord, "℃№"))
    # Not in the lists above but common in news copy: the euro, ™, ℉ and the
    # square-unit signs of finance and property pages.
    cps.update(map(ord, "€™℉㎡㎥㎎㎏㎜㎝㎞㏄"))
    # Chinese numerals, plain and financial (大写), for dates and amounts.
    cps.update(map(ord, "〇零一二三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"))

    # Unassigned code points inside the ranges (e.g. U+2065, U+FFBF) are no
    # characters: leave them out so the list is honest.
    return sorted(c for c in cps if unicodedata.category(chr(c)) != "Cn")


def is_hanzi(c):
    return unicodedata.name(chr(c), "").startswith("CJK UNIFIED IDEOGRAPH")


def write_charset(path, cps):
    lines = [
        "# paiban bundled character set: one code point per line,",
        "# 'U+XXXX<TAB>character' (the character is omitted for spaces,",
        "# separators and format/control characters). Lines starting with # are",
        f"# comments. {len(cps)} code points. Generated by subset.py.",
    ]
    for c in cps:
        cat = unicodedata.category(chr(c))
        shown = "" if cat[0] in "ZC" else "\t" + chr(c)
        lines.append(f"U+{c:04X}{shown}")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


# --------------------------------------------------------------------------
# fonts

def face_index(path, psname):
    if not path.endswith(".ttc"):
        return -1
    coll = TTCollection(path, lazy=True)
    hits = [i for i, f in enumerate(coll.fonts) if f["name"].getDebugName(6) == psname]
    if len(hits) != 1:
        sys.exit(f"{path}: expected one face named {psname}, found {hits}")
    return hits[0]


def subset_options():
    o = Options()
    o.layout_features = sorted(set(o.layout_features) | set(EXTRA_FEATURES))
    o.layout_scripts = LAYOUT_SCRIPTS
    # Keep every name record, in every language and platform: the copyright,
    # licence and Chinese family names live there.
    o.name_IDs = ["*"]
    o.name_languages = ["*"]
    o.name_legacy = True
    o.glyph_names = True
    o.notdef_outline = True
    # CFF stays subroutinized and hinted; the hints are harmless and keep the
    # fonts readable on screen at small sizes.
    o.hinting = True
    o.desubroutinize = False
    o.recalc_timestamp = False
    return o


def rename_wenkai(font):
    for rec in font["name"].names:
        if rec.nameID in KEEP_VERBATIM_IDS:
            continue
        text = rec.toUnicode()
        for old, new in RENAMES:
            text = text.replace(old, new)
        if RESERVED.search(text):
            sys.exit(f"name ID {rec.nameID} still has a reserved name: {text!r}")
        rec.string = text
    # The vendor tag "LXGW" would present the modified font as LXGW's.
    font["OS/2"].achVendID = "NONE"


def build_one(job):
    out_dir, cps, (out_name, src, psname, _pkg) = job
    index = face_index(src, psname)
    kw = {"fontNumber": index} if index >= 0 else {}
    font = TTFont(src, recalcTimestamp=False, **kw)
    sub = Subsetter(subset_options())
    sub.populate(unicodes=cps)
    sub.subset(font)
    if "CFF " in font:
        # The OTC shares one CFF between its JP/KR/SC/TC/HK faces, named after
        # the JP face; give the standalone font its own PostScript name, as
        # Adobe's single-face .otf files have.
        font["CFF "].cff.fontNames = [psname]
    if out_name == RENAMED:
        rename_wenkai(font)
    font["head"].created = FIXED_TIMESTAMP
    font["head"].modified = FIXED_TIMESTAMP
    out = os.path.join(out_dir, out_name)
    font.save(out + ".tmp", reorderTables=True)
    os.replace(out + ".tmp", out)
    return out_name


# --------------------------------------------------------------------------
# checks

def check_font(path, cps, src, index):
    """Fail on any defect; return (glyphs, mapped code points, charset code
    points the source lacks, the hanzi among them)."""
    font = TTFont(path)
    cmap = font.getBestCmap()
    srcfont = TTFont(src, fontNumber=max(index, 0), lazy=True)
    srccmap = srcfont.getBestCmap()
    want = [c for c in cps if c in srccmap]
    lost = [c for c in want if c not in cmap]
    if lost:
        sys.exit(f"{path}: {len(lost)} code points lost, e.g. U+{lost[0]:04X}")
    for s in SAMPLES:
        missing = [ch for ch in s if ord(ch) not in cmap]
        if missing:
            sys.exit(f"{path}: no glyph for {''.join(missing)!r}")
    for tag in ("vhea", "vmtx", "BASE", "GSUB"):
        if tag in srcfont and tag not in font:
            sys.exit(f"{path}: table {tag} was dropped")
    if "CFF " in font and "VORG" not in font:
        sys.exit(f"{path}: VORG was dropped")
    for table in ("GSUB", "GPOS"):
        if table not in font:
            continue
        for rec in font[table].table.ScriptList.ScriptRecord:
            langs = {l.LangSysTag for l in rec.Script.LangSysRecord}
            if langs - {"ZHS "}:
                sys.exit(f"{path}: {table} {rec.ScriptTag} keeps {sorted(langs)}")
    names = font["name"]
    if os.path.basename(path) == RENAMED:
        for rec in names.names:
            if rec.nameID not in KEEP_VERBATIM_IDS and RESERVED.search(rec.toUnicode()):
                sys.exit(f"{path}: reserved name left in name ID {rec.nameID}")
    for nid in (0, 13):
        if not names.getName(nid, 3, 1, 0x409):
            sys.exit(f"{path}: name ID {nid} (copyright/licence) is missing")
    missing_in_source = [c for c in cps if c not in srccmap]
    hanzi_missing = [c for c in missing_in_source if is_hanzi(c)]
    return font["maxp"].numGlyphs, len(cmap), missing_in_source, hanzi_missing


# --------------------------------------------------------------------------
# licences and manifest

def ofl_body(debian_copyright):
    """The OFL 1.1 text from a Debian copyright file's stand-alone licence
    paragraph, undoing the deb822 indentation (' .' marks a blank line)."""
    with open(debian_copyright, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^License: (?:SIL-1\.1|OFL-1\.1)\n((?: .*\n)+)", text, re.M)
    if not m:
        sys.exit(f"{debian_copyright}: no OFL licence paragraph")
    lines = [l[1:] for l in m.group(1).splitlines()]
    body = "\n".join("" if l == "." else l for l in lines).strip("\n")
    if "SIL OPEN FONT LICENSE Version 1.1" not in body:
        sys.exit(f"{debian_copyright}: licence paragraph is not OFL 1.1")
    return body + "\n"


def write_licences(out_dir):
    noto = TTFont(f"{NOTO}/NotoSerifCJK-Regular.ttc", fontNumber=0, lazy=True)
    noto_copy = noto["name"].getDebugName(0).strip()
    kai = TTFont(f"{WENKAI}/LXGWWenKai-Regular.ttf", lazy=True)
    kai_copy = kai["name"].getDebugName(0).replace("\r\n", "\n").strip().splitlines()

    # The copyright line is the fonts' own name record 0; the reserved name
    # and trademark sentence are those of upstream noto-cjk's LICENSE.
    head = (
        "Noto Serif CJK SC and Noto Sans CJK SC (subset by paiban:\n"
        "noto-serif-sc-regular.otf, noto-serif-sc-bold.otf,\n"
        "noto-serif-sc-black.otf, noto-sans-sc-bold.otf)\n\n"
        f"{noto_copy.rstrip('.')}, with Reserved Font Name 'Source'.\n"
        "Source is a trademark of Adobe in the United States and/or other countries.\n"
        "Noto is a trademark of Google Inc.\n"
        "(The subsets keep the Noto font names: the Reserved Font Name is\n"
        "'Source', which they do not use.)\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n\n\n"
    )
    with open(os.path.join(out_dir, "OFL-noto.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(head + ofl_body("/usr/share/doc/fonts-noto-cjk/copyright"))

    # WenKai's copyright lines are its name record 0; the reserved names are
    # stated in upstream's README and Debian's copyright file.
    first, rest = kai_copy[0], kai_copy[1:]
    head = (
        "LXGW WenKai Regular, subset and renamed by paiban to \"Paiban Kai\"\n"
        "(派版楷体, paiban-kai-regular.ttf). It is a Modified Version under the\n"
        "OFL and does not use the Reserved Font Names.\n\n"
        f"{first}, with Reserved Font Names \"霞鹜\" and \"LXGW\".\n"
        + "".join(l + "\n" for l in rest)
        + "\nThis Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n\n\n"
    )
    with open(os.path.join(out_dir, "OFL-lxgw-wenkai.txt"), "w", encoding="utf-8",
              newline="\n") as f:
        f.write(head + ofl_body("/usr/share/doc/fonts-lxgw-wenkai/copyright"))


def deb_version(pkg):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], check=True,
                          capture_output=True, text=True).stdout.strip()


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="folder to write into (fonts/)")
    args = ap.parse_args()
    out_dir = os.path.abspath(args.out)

    cps = charset()
    write_charset(os.path.join(out_dir, "charset.txt"), cps)
    print(f"charset: {len(cps)} code points", flush=True)

    # The fonts are independent: use both cores.
    jobs = [(out_dir, cps, spec) for spec in FONTS]
    with ProcessPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1)) as pool:
        for name in pool.map(build_one, jobs):
            print(f"built {name}", flush=True)

    write_licences(out_dir)

    rows = []
    for out_name, src, psname, pkg in FONTS:
        path = os.path.join(out_dir, out_name)
        glyphs, mapped, absent, hanzi_absent = check_font(path, cps, src, face_index(src, psname))
        rows.append((out_name, os.path.getsize(path), glyphs, mapped, len(absent),
                     len(hanzi_absent), sha256(path), f"{src} ({psname})",
                     f"{pkg} {deb_version(pkg)}"))
        print(f"ok {out_name}: {os.path.getsize(path)} bytes, {glyphs} glyphs, "
              f"{mapped} mapped; of the charset, {len(absent)} code points "
              f"({len(hanzi_absent)} hanzi) are not in the source font", flush=True)

    lines = [
        "# paiban bundled fonts: generated by subset.py, do not edit.",
        f"# fontTools {fontTools.version}; charset.txt: {len(cps)} code points.",
        f"# hanzi in charset.txt: {sum(map(is_hanzi, cps))}. 'absent' counts charset code",
        "# points the source font itself lacks (symbols mostly); they are not in the subset.",
        "# file\tbytes\tglyphs\tcmap code points\tabsent\tabsent hanzi\tsha256\t"
        "source\tDebian package",
    ]
    lines += ["\t".join(map(str, r)) for r in rows]
    lines.append(f"# total\t{sum(r[1] for r in rows)}")
    with open(os.path.join(out_dir, "manifest.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
