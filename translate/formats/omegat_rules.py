"""tx's sentence splitter as OmegaT segmentation rules: ``omegat/segmentation.conf``.

OmegaT (3.x) keeps a project's own segmentation rules in ``omegat/segmentation.conf``, an
``org.omegat.core.segmentation.SRX`` object written by Java's ``XMLEncoder`` (SRX 2.0 rules:
an ordered list of no-break exceptions and break rules per language pattern). Its default
English rules break after any period before a space except after a few titles, so "U.S.
President" becomes two segments. The rules written here come from the splitter's own data
for the source language: titles never end a sentence; numeric abbreviations do not before a
number ("No. 5"); the abbreviations that end a sentence only before a typical sentence opener
("U.S.") do not before any other word; then a period, question or exclamation mark before a
space breaks, as in OmegaT's defaults.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from translate.languages import base
from translate.source.segmentation.rules import rules_for

_RULE = """      <void method="add">
       <object class="org.omegat.core.segmentation.Rule">
        <void property="afterbreak"><string>{after}</string></void>
        <void property="beforebreak"><string>{before}</string></void>
        <void property="breakRule"><boolean>{brk}</boolean></void>
       </object>
      </void>
"""
_MAP = """   <void method="add">
    <object class="org.omegat.core.segmentation.MapRule">
     <void property="language"><string>{name}</string></void>
     <void property="pattern"><string>{pattern}</string></void>
     <void property="rules">
      <object class="java.util.ArrayList">
{rules}      </object>
     </void>
    </object>
   </void>
"""
_CONF = """<?xml version="1.0" encoding="UTF-8"?>
<java version="1.8.0" class="java.beans.XMLDecoder">
 <object class="org.omegat.core.segmentation.SRX">
  <void property="includeEndingTags"><boolean>true</boolean></void>
  <void property="includeStartingTags"><boolean>false</boolean></void>
  <void property="includeIsolatedTags"><boolean>false</boolean></void>
  <void property="segmentSubflows"><boolean>true</boolean></void>
  <void property="mappingRules">
   <object class="java.util.ArrayList">
{maps}   </object>
  </void>
  <void property="version"><string>0.2.2</string></void>
 </object>
</java>
"""
_BREAKS = (r"[\.\?\!]+", r"\s")


def _abbreviation(word: str) -> str:
    """A Java regex matching an abbreviation as written, in any letter case, ending where the
    break would be."""
    parts = (re.escape(part) for part in word.split(" "))
    return r"(?i:(?<![\p{L}\.])" + r"\s".join(parts) + ")"


def rules(lang: str) -> list[tuple[bool, str, str]]:
    """(break, before, after) SRX rules agreeing with tx's splitter for ``lang``."""
    known = rules_for(base(lang))
    found: list[tuple[bool, str, str]] = []
    for word in sorted(known.titles):
        found.append((False, _abbreviation(word), r"\s"))
    for word in sorted(known.numeric):
        found.append((False, _abbreviation(word), r"\s+\d"))
    if known.openers:
        openers = "|".join(sorted(re.escape(word.title()) for word in known.openers))
        for word in sorted(known.maybe):
            found.append((False, _abbreviation(word), rf"\s+(?!(?:{openers})\b)"))
    found.append((True, *_BREAKS))
    return found


def segmentation_conf(lang: str) -> str:
    """``omegat/segmentation.conf`` with tx's rules for ``lang`` (its base language, any
    region) and OmegaT's default break rule for every other language."""
    own = "".join(
        _RULE.format(after=escape(after), before=escape(before), brk=str(brk).lower())
        for brk, before, after in rules(lang)
    )
    code = base(lang).upper()
    default = _RULE.format(after=escape(_BREAKS[1]), before=escape(_BREAKS[0]), brk="true")
    maps = _MAP.format(name=f"tx ({code})", pattern=f"{code}.*", rules=own) + _MAP.format(
        name="Default", pattern=".*", rules=default
    )
    return _CONF.format(maps=maps)
