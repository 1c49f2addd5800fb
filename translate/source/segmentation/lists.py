"""Lists run into one block of text: where each item starts, and which list markers must not
be read as sentence ends.

Two kinds, both cut before each item but the first (the text before the first item, a lead-in
such as "Three steps:", stays with it, as does a first item that follows a finished sentence,
cut there by its period):

- numbered or lettered runs: "1.) ... 2.) ...", "a) ... b) ...", "1. ... 2. ...", starting
  with "1" or "a" at the start of the text or after a colon and going on with the next label
  written the same way;
- bulleted items: "• 9. The first item • 10. The second item", "⁃9. ... ⁃10. ...". A
  Markdown paragraph joins the lines of such a list into one line, so the bullet marks the
  item, whatever its label. Bullets of one kind are a list when the first of them starts the
  text, follows a colon or a finished sentence, or carries a label ("• 9."); otherwise they
  are separators ("Politics • World • Sport") and cut nothing. A label after a bullet never
  ends a sentence.

Every pattern is anchored on a single character and reads a bounded window, so the whole is
linear in the length of the text.
"""

from __future__ import annotations

import re

from translate.source.segmentation.spans import CLOSERS

# A list marker: "1.)", "2)", "3.", "a)", "b.", "а)", at the start of the text or after space.
_MARKER = re.compile(r"(?<!\S)(\d{1,2}|[a-zа-яґєії])(\.\)|\)|\.)(?=\s)")
_ALPHABETS = (
    "abcdefghijklmnopqrstuvwxyz",
    "абвгдежзиклмнопрстуфхцчшщэюя",
    "абвгдеєжзиіїклмнопрстуфхцчшщюя",
)
BULLETS = "•◦‣⁃▪●■►▸"
# A bullet after white space, the start or a full-width sentence end ("计划。• 1."), with the
# label that may follow it.
_BULLET = re.compile(
    rf"(?<![^\s。！？」』])([{BULLETS}])[^\S\n]*+((?:\d{{1,3}}|[a-zа-яґєії])(?:\.\)|\)|\.)(?=\s))?"
)
_BULLET_CHAR = re.compile(f"[{BULLETS}]")
_ENDS = ":.!?‽…。！？"
_WINDOW = 64


def list_cuts(view: str) -> tuple[list[int], set[int]]:
    """Cuts before the second and later items of each list, and the ends of the markers that
    must not be read as sentence ends (``view`` is the masked text)."""
    cuts, ends = _run_cuts(view)
    if not view.isascii() and _BULLET_CHAR.search(view) is not None:
        bullet_cuts, label_ends = _bullet_cuts(view)
        cuts.extend(bullet_cuts)
        ends.update(label_ends)
    return cuts, ends


def _run_cuts(view: str) -> tuple[list[int], set[int]]:
    """Cuts and marker ends of the numbered and lettered runs."""
    cuts: list[int] = []
    ends: set[int] = set()
    if _MARKER.search(view) is None:
        return cuts, ends
    run: list[re.Match[str]] = []

    def flush() -> None:
        if len(run) >= 2:
            cuts.extend(marker.start() for marker in run[1:])
            ends.update(marker.end() for marker in run)

    for marker in _MARKER.finditer(view):
        label, style = marker.groups()
        if style == ".)":
            ends.add(marker.end())
        if run and style == run[-1].group(2) and _follows(run[-1].group(1), label):
            run.append(marker)
            continue
        flush()
        starts_list = label in ("1", "a", "а") and _after_lead_in(view, marker.start(), ":", "")
        run = [marker] if starts_list else []
    flush()
    return cuts, ends


def _bullet_cuts(view: str) -> tuple[list[int], set[int]]:
    """Cuts before the second and later bullets of each kind that makes a list, and the ends
    of the labels after bullets."""
    cuts: list[int] = []
    ends: set[int] = set()
    is_list: dict[str, bool] = {}  # bullet character: whether its bullets are list items
    for item in _BULLET.finditer(view):
        bullet, label = item.groups()
        labelled = label is not None
        if labelled:
            ends.add(item.end())
        if bullet not in is_list:
            is_list[bullet] = labelled or _after_lead_in(view, item.start(), _ENDS, CLOSERS)
        elif is_list[bullet] or labelled:
            cuts.append(item.start())
    return cuts, ends


def _after_lead_in(view: str, index: int, ends: str, closers: str) -> bool:
    """Whether ``view[index]`` starts the text or follows one of ``ends`` (``closers``
    after it aside)."""
    before = view[max(0, index - _WINDOW) : index].rstrip().rstrip(closers)
    return not before or before.endswith(tuple(ends))


def _follows(previous: str, label: str) -> bool:
    """Whether list label ``label`` comes right after ``previous`` ("2" after "1", "b" after
    "a", Ukrainian "є" after "е")."""
    if previous.isdigit():
        return label == str(int(previous) + 1)
    return any(previous + label in alphabet for alphabet in _ALPHABETS)
