"""Characters of the Symbol and Wingdings fonts as Unicode.

Word's Insert > Symbol stores a character of a symbol font as ``<w:sym w:font="Symbol"
w:char="F061"/>``: a code in the private-use range U+F020-U+F0FF (the font's own byte plus
0xF000). LibreOffice writes the same character as that private-use code point in a run set in
the font. Either way the character means what the font draws there, which this module gives
as a Unicode character: the whole of the Symbol font (Adobe's Symbol encoding, as Windows
ships it with the euro sign at 0xA0) and the Wingdings characters a reviewer uses (check marks,
ballot boxes, arrows, pointing hands, stars, bullets). A code with no Unicode equivalent gives
``None``; the importer then refuses that row with a message rather than guessing.
"""

from __future__ import annotations

PRIVATE_USE = range(0xE000, 0xF900)

# Symbol: ASCII positions that differ from ASCII, then the letters, then the upper half.
_SYMBOL_PUNCTUATION = {
    0x22: "\u2200", 0x24: "\u2203", 0x27: "\u220b", 0x2A: "\u2217", 0x2D: "\u2212",
    0x40: "\u2245", 0x5C: "\u2234", 0x5E: "\u22a5", 0x60: "\u203e", 0x7E: "\u223c",
}  # fmt: skip
_SYMBOL_UPPER = "\u0391\u0392\u03a7\u0394\u0395\u03a6\u0393\u0397\u0399\u03d1\u039a\u039b\u039c"
_SYMBOL_UPPER += "\u039d\u039f\u03a0\u0398\u03a1\u03a3\u03a4\u03a5\u03c2\u03a9\u039e\u03a8\u0396"
_SYMBOL_LOWER = "\u03b1\u03b2\u03c7\u03b4\u03b5\u03c6\u03b3\u03b7\u03b9\u03d5\u03ba\u03bb\u03bc"
_SYMBOL_LOWER += "\u03bd\u03bf\u03c0\u03b8\u03c1\u03c3\u03c4\u03c5\u03d6\u03c9\u03be\u03c8\u03b6"
# 0xA0 to 0xFE; "" where the font has no character.
_SYMBOL_HIGH = (
    "\u20ac\u03d2\u2032\u2264\u2044\u221e\u0192\u2663\u2666\u2665\u2660\u2194\u2190\u2191\u2192\u2193"
    "\u00b0\u00b1\u2033\u2265\u00d7\u221d\u2202\u2022\u00f7\u2260\u2261\u2248\u2026\u23d0\u23af\u21b5"
    "\u2135\u2111\u211c\u2118\u2297\u2295\u2205\u2229\u222a\u2283\u2287\u2284\u2282\u2286\u2208\u2209"
    "\u2220\u2207\u00ae\u00a9\u2122\u220f\u221a\u22c5\u00ac\u2227\u2228\u21d4\u21d0\u21d1\u21d2\u21d3"
    "\u25ca\u2329\u00ae\u00a9\u2122\u2211\u239b\u239c\u239d\u23a1\u23a2\u23a3\u23a7\u23a8\u23a9\u23aa"
    "\x00\u232a\u222b\u2320\u23ae\u2321\u239e\u239f\u23a0\u23a4\u23a5\u23a6\u23ab\u23ac\u23ad"
)

_WINGDINGS = {
    0x21: "\u270f", 0x22: "\u2702", 0x28: "\u260e", 0x2A: "\u2709", 0x36: "\u231b",
    0x37: "\u2328", 0x3F: "\u270d", 0x41: "\u270c", 0x43: "\U0001f44d", 0x44: "\U0001f44e",
    0x45: "\u261c", 0x46: "\u261e", 0x47: "\u261d", 0x48: "\u261f", 0x4A: "\u263a",
    0x4C: "\u2639", 0x4E: "\u2620", 0x52: "\u263c", 0x54: "\u2744", 0x58: "\u2720",
    0x59: "\u2721", 0x5A: "\u262a", 0x5B: "\u262f", 0x6C: "\u25cf", 0x6E: "\u25a0",
    0x6F: "\u25a1", 0x75: "\u25c6", 0x76: "\u2756", 0xA1: "\u25cb", 0xA7: "\u25aa",
    0xAB: "\u2605", 0xEF: "\u21e6", 0xF0: "\u21e8", 0xF1: "\u21e7", 0xF2: "\u21e9",
    0xFB: "\u2717", 0xFC: "\u2713", 0xFD: "\u2612", 0xFE: "\u2611",
}  # fmt: skip
_WINGDINGS.update({0x5E + i: chr(0x2648 + i) for i in range(12)})  # the zodiac signs

SYMBOL_FONTS = ("symbol", "wingdings")


def symbol_font(font: str | None) -> str | None:
    """``symbol`` or ``wingdings`` when ``font`` is one of them (any case), else ``None``."""
    name = (font or "").strip().casefold()
    return name if name in SYMBOL_FONTS else None


def font_character(font: str, code: int) -> str | None:
    """The Unicode character that ``font`` (``symbol`` or ``wingdings``) draws at ``code``
    (its byte, or the byte plus 0xF000), or ``None`` when there is no equivalent."""
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    if code == 0x20:
        return " "
    if not 0x21 <= code <= 0xFE:
        return None
    if font == "wingdings":
        return _WINGDINGS.get(code)
    if code in _SYMBOL_PUNCTUATION:
        return _SYMBOL_PUNCTUATION[code]
    if 0x41 <= code <= 0x5A:
        return _SYMBOL_UPPER[code - 0x41]
    if 0x61 <= code <= 0x7A:
        return _SYMBOL_LOWER[code - 0x61]
    if code < 0x7F:
        return chr(code)
    if code >= 0xA0:
        found = _SYMBOL_HIGH[code - 0xA0]
        return None if found == "\x00" else found
    return None


def sym_character(font: str | None, char: str | None) -> str | None:
    """The Unicode character of a ``w:sym`` element (its font and hex code), or ``None``
    when it has no equivalent (or is malformed)."""
    try:
        code = int(char or "", 16)
    except ValueError:
        return None
    known = symbol_font(font)
    if known is not None:
        return font_character(known, code)
    if code in PRIVATE_USE or not 0x20 <= code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None  # a private-use code of a font we do not know
    return chr(code)
