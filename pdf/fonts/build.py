#!/usr/bin/python3
"""Makes the fonts in this folder from Debian's Noto packages.

Run it where fonts-noto-core, fonts-noto-cjk and python3-fonttools are
installed (apt-get install fonts-noto-core fonts-noto-cjk python3-fonttools),
from the repository's root:

    /usr/bin/python3 pdf/fonts/build.py

It is not run by the build or by CI: its output is committed, and the app
embeds it (pdf/fonts/fonts.go). It checks the packages' versions, so that the
same inputs give the same bytes (SHA256SUMS beside the fonts says which).

What it does, and why:
  - Arabic, Hebrew and the Indic scripts: Noto Sans, every glyph and every
    OpenType layout table kept (the shaper needs them), hinting dropped (a
    PDF viewer does not use TrueType hinting the way a screen does; it is
    about 40% of these files).
  - Chinese: Noto Sans CJK SC is CFF (OpenType "OTTO"), which the PDF library
    cannot embed, and 16 MB. Its Han characters of GB 2312 (simplified),
    Big5 level 1 (the frequent traditional ones) and JIS X 0208 level 1
    (Japanese kanji), with kana, CJK punctuation and full-width forms, are
    converted to TrueType outlines (quadratic curves, within 1 unit of 1000
    of the originals). Regular only: the PDF draws bold Chinese by
    stroking the regular outlines (pdf/layout.go), which saves about 3 MB.
"""
import hashlib
import os
import subprocess
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

PACKAGES = {
    "fonts-noto-core": "20201225-1",
    "fonts-noto-cjk": "1:20220127+repack1-1",
    "python3-fonttools": "4.38.0-1+deb12u1",
}
NOTO = "/usr/share/fonts/truetype/noto"
CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
CJK_INDEX = 2  # Noto Sans CJK SC in the collection
OUT = os.path.dirname(os.path.abspath(__file__))

SHAPED = ["Arabic", "Hebrew", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Tamil"]


def check_packages():
    for pkg, want in PACKAGES.items():
        got = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True
        ).stdout
        if got != want:
            sys.exit(f"{pkg} is {got or 'not installed'}, want {want}: the fonts would differ")


def options():
    o = subset.Options()
    o.hinting = False
    o.name_IDs = ["*"]
    o.name_languages = ["*"]
    o.notdef_outline = True
    o.glyph_names = False
    o.drop_tables += ["DSIG"]
    return o


def save(font, name):
    path = os.path.join(OUT, name)
    font.save(path, reorderTables=True)
    print(f"{name}: {os.path.getsize(path)} bytes")
    return name


def shaped(script, weight):
    font = TTFont(os.path.join(NOTO, f"NotoSans{script}-{weight}.ttf"), recalcTimestamp=False)
    o = options()
    o.layout_features = ["*"]
    s = subset.Subsetter(o)
    s.populate(unicodes=font.getBestCmap().keys(), glyphs=font.getGlyphOrder())
    s.subset(font)
    return save(font, f"NotoSans{script}-{weight}.ttf")


def decode_all(encoding, leads, trails):
    out = set()
    for lead in leads:
        for trail in trails:
            try:
                out.add(bytes([lead, trail]).decode(encoding))
            except UnicodeDecodeError:
                pass
    return out


def cjk_characters():
    han = decode_all("gb2312", range(0xB0, 0xF8), range(0xA1, 0xFF))  # levels 1 and 2
    han |= decode_all("big5", range(0xA4, 0xC7), range(0x40, 0xFF)) & {
        chr(c) for c in range(0x4E00, 0xA000)
    }  # level 1 (A440-C67E): the frequent characters
    han |= decode_all("euc_jp", range(0xB0, 0xD0), range(0xA1, 0xFF))  # level 1 kanji
    cps = {ord(c) for c in han}
    cps |= set(range(0x3000, 0x3100))  # CJK punctuation, hiragana, katakana
    cps |= set(range(0xFF01, 0xFF61))  # full-width forms
    return sorted(cps)


def cjk():
    font = TTCollection(CJK, recalcTimestamp=False).fonts[CJK_INDEX]
    o = options()
    o.layout_features = []
    o.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
    s = subset.Subsetter(o)
    s.populate(unicodes=cjk_characters())
    s.subset(font)
    # CFF to TrueType outlines, as fontTools' Snippets/otf2ttf.py does.
    order = font.getGlyphOrder()
    outlines = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        outlines[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 3.0
    post.extraNames, post.mapping = [], {}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\0\1\0\0"
    return save(font, "NotoSansCJKsc-Regular.ttf")


def main():
    check_packages()
    names = [shaped(s, w) for s in SHAPED for w in ("Regular", "Bold")]
    names.append(cjk())
    with open(os.path.join(OUT, "SHA256SUMS"), "w") as sums:
        for p, v in PACKAGES.items():
            sums.write(f"# from {p} {v}\n")
        for name in names:
            with open(os.path.join(OUT, name), "rb") as f:
                sums.write(f"{hashlib.sha256(f.read()).hexdigest()}  {name}\n")


if __name__ == "__main__":
    main()
