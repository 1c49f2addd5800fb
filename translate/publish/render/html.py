"""HTML editions: one self-contained, valid HTML5 page per article and language.

The page carries everything inline (a font stack with system fonts that cover Latin, Cyrillic,
Arabic and CJK scripts, responsive CSS, no scripts, no downloads). Every piece of text goes
through ``escape`` and inline Markdown through ``render_inline``, so markup or script text in
an article or a reviewer's edit is shown as text, never run. A draft edition marks each sentence
nobody has confirmed with ``<mark class="tx-draft">`` (its state and flags in the title) under
a draft banner; a published edition has no review markers at all.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import quote, urljoin

from translate.languages import direction, language_name, region_tag
from translate.models import Block, BlockKind
from translate.publish.edition import DraftSentence, Edition, Site
from translate.publish.render.language import byline as localized_byline
from translate.publish.render.language import correction_text, format_date, label, parse_date
from translate.publish.render.structured import dates, json_ld
from translate.source.inline import parse_inline, plain_text
from translate.source.sanitize import sanitize_html
from translate.source.segments import join_sentences

_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")

_URL_SAFE = "/:?#[]@!$&'()*+,;=%~-._"

CSS = """\
:root{color-scheme:light;--ink:#1b1b1b;--muted:#5a5a5a;--rule:#d9d9d9;--accent:#0b5cad}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;line-height:1.6;font-size:1.0625rem;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,
"Noto Sans CJK SC","Noto Sans CJK JP","PingFang SC","Hiragino Sans","Microsoft YaHei",
"Noto Sans Arabic","Noto Naskh Arabic",Tahoma,"DejaVu Sans",sans-serif}
:lang(zh){font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei","Source Han Sans SC",
system-ui,sans-serif;line-height:1.8}
:lang(ja){font-family:"Noto Sans CJK JP","Hiragino Sans","Yu Gothic","Meiryo",
system-ui,sans-serif;line-height:1.8}
:lang(ar),:lang(fa),:lang(ur){font-family:"Noto Naskh Arabic","Noto Sans Arabic","Geeza Pro",
Tahoma,system-ui,sans-serif;line-height:1.9}
main,article{display:block;max-width:42rem;margin:0 auto;padding:1.25rem 1rem 3rem}
h1{font-size:clamp(1.6rem,5vw,2.4rem);line-height:1.2;margin:0 0 .75rem}
h2,h3,h4,h5,h6{line-height:1.3;margin:2rem 0 .5rem}
a{color:var(--accent);overflow-wrap:anywhere}
p,li{overflow-wrap:break-word}
blockquote{margin:1.5rem 0;padding:0 1rem;border-inline-start:4px solid var(--rule);
color:var(--muted)}
code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.92em}
.tx-summary{font-size:1.2rem;color:var(--muted);margin:0 0 1rem}
.tx-byline,.tx-photo-credit,.tx-credit,.tx-date{color:var(--muted);font-size:.9rem}
.tx-byline>*{unicode-bidi:isolate}
.tx-figure{margin:1rem 0;padding:.5rem 0;border-block:1px solid var(--rule)}
.tx-figure figcaption{font-size:.95rem}
.tx-figure img{display:block;max-width:100%;height:auto;margin:0 0 .5rem}
.tx-table{overflow-x:auto;margin:1.5rem 0}
.tx-table table{border-collapse:collapse;min-width:50%}
.tx-table th,.tx-table td{border-bottom:1px solid var(--rule);padding:.35rem .75rem;
text-align:start;vertical-align:top}
.tx-table .tx-end{text-align:end}.tx-table .tx-center{text-align:center}
.tx-notes{margin-top:2rem;border-top:1px solid var(--rule);font-size:.9rem;color:var(--muted)}
.tx-notes h2{font-size:1rem}
sup.tx-note-ref{line-height:0}
pre{overflow-x:auto;background:#f6f6f6;padding:.75rem}
.tx-embed{margin:1.5rem 0}
.tx-credit{border-top:1px solid var(--rule);padding-top:1rem;margin-top:2rem}
.tx-correction{margin:1rem 0;padding:.5rem .75rem;border-inline-start:4px solid #b35c00;
background:#fff6ec;font-size:.95rem}
.tx-list{list-style:none;padding:0}
.tx-list li{margin:0 0 1.25rem}
.tx-languages{max-width:42rem;margin:0 auto;padding:.75rem 1rem 0;font-size:.95rem}
.tx-languages ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.tx-languages [aria-current]{font-weight:600}
.tx-site{border-bottom:1px solid var(--rule);padding:.6rem 1rem;text-align:center}
.tx-site p{margin:0;font-weight:700;letter-spacing:.02em}.tx-site a{color:inherit}
.tx-edition{border-top:2px solid var(--ink);margin-top:2rem}.tx-edition h2{margin-top:.75rem}
.tx-edition h3{font-size:1.15rem;margin:0 0 .25rem}.tx-list p{margin:.25rem 0}
@media (min-width:48rem){body{font-size:1.125rem}}
@media print{a{color:inherit}}
"""

DRAFT_CSS = """\
.tx-draft-banner{margin:0;padding:.75rem 1rem;background:#fff3b0;border-bottom:2px solid #c9a400;
font-weight:600;text-align:center}
mark.tx-draft{background:#ffe066;text-decoration:underline wavy #c0392b;padding:0 .1em}
mark.tx-draft[data-flags]{background:#ffb3a7}
.tx-draft-legend{margin:0;padding:.4rem 1rem;background:#fffbe6;text-align:center;font-size:.9rem}
.tx-swatch{display:inline-block;padding:0 .4em;margin:0 .3em;border-radius:.2em}
.tx-swatch-draft{background:#ffe066}.tx-swatch-flagged{background:#ffb3a7}
@media print{.tx-draft-banner{border:2px solid #000}}
"""


def escape(text: str) -> str:
    """``text`` safe in HTML content and quoted attributes (control characters dropped)."""
    return html.escape(_UNSAFE_CHARS.sub("", text), quote=True)


def url(value: str) -> str:
    """A URL escaped for an href attribute: characters URLs may not hold are percent-encoded."""
    return escape(quote(_UNSAFE_CHARS.sub("", value.strip()), safe=_URL_SAFE))


def render_inline(text: str, notes: Mapping[str, int] | None = None) -> str:
    """Inline Markdown as HTML: <em>, <strong>, <s>, <code>, safe links and footnote
    references (numbered by ``notes``: label to number); all text escaped."""
    out: list[str] = []
    for span in parse_inline(text):
        if span.note is not None:
            number = (notes or {}).get(span.note)
            shown = escape(str(number) if number is not None else span.note)
            out.append(
                f'<sup class="tx-note-ref"><a href="#{note_id(span.note)}">{shown}</a></sup>'
            )
            continue
        piece = escape(span.text)
        if span.code:
            piece = f"<code>{piece}</code>"
        if span.strike:
            piece = f"<s>{piece}</s>"
        if span.emphasis:
            piece = f"<em>{piece}</em>"
        if span.strong:
            piece = f"<strong>{piece}</strong>"
        if span.href is not None:
            piece = f'<a href="{url(span.href)}">{piece}</a>'
        out.append(piece)
    return "".join(out)


def note_id(label: str) -> str:
    """The id of a footnote's list item (letters, digits, - and _ only)."""
    return "tx-note-" + re.sub(r"[^A-Za-z0-9_-]", "-", label)


def page(lang: str, title: str, body: str, *, head: Sequence[str] = (), draft: bool = False) -> str:
    """A complete HTML5 document in ``lang`` (with its direction) around ``body``."""
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}" dir="{direction(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        *head,
        f"<style>\n{CSS}{DRAFT_CSS if draft else ''}</style>",
        "</head>",
        "<body>",
        body,
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(lines)


def render(item: Edition) -> bytes:
    """The HTML page of an edition, UTF-8 encoded."""
    article = item.article
    lang = article.lang
    head: list[str] = []
    if article.meta.get("summary"):
        summary = escape(plain_text(article.meta["summary"]))
        head.append(f'<meta name="description" content="{summary}">')
    if article.meta.get("author"):
        head.append(f'<meta name="author" content="{escape(article.meta["author"])}">')
    if item.draft is not None:
        head.append('<meta name="robots" content="noindex">')
    if lang in item.alternates:
        head.append(f'<link rel="canonical" href="{url(item.alternates[lang])}">')
    for code, link in item.alternates.items():
        head.append(f'<link rel="alternate" hreflang="{escape(code)}" href="{url(link)}">')
    head.extend(_open_graph(item))
    if item.draft is None:
        head.append(json_ld(item, correction_text(item)))
    body: list[str] = []
    if item.draft is not None:
        body.append(f'<p class="tx-draft-banner" role="status">{escape(label("draft", lang))}</p>')
        body.append(draft_legend(lang))
    if item.site.name:
        body.append(masthead(item.site, "" if item.draft is not None else "../index.html"))
    others = {
        code: f"../{code}/{article.slug}.html" for code in item.alternates if code != "x-default"
    }
    if len(others) > 1:
        body.append(language_switcher(lang, others))
    body.append("<article>")
    body.extend(_header(item))
    body.extend(_body(item))
    body.append("</article>")
    title = plain_text(article.title)
    if item.draft is not None:
        title = f"[{label('draft_title', lang)}] {title}"
    draft = item.draft is not None
    return page(lang, title, "\n".join(body), head=head, draft=draft).encode("utf-8")


def masthead(site: Site, home: str = "") -> str:
    """The site's name at the top of a page, linked to the home page at ``home`` (relative
    to the page; a draft, outside the site, names it without a link)."""
    name = escape(site.name)
    shown = f'<a href="{url(home)}" rel="home">{name}</a>' if home else name
    return f'<header class="tx-site"><p class="tx-site-name">{shown}</p></header>'


def language_switcher(lang: str, links: Mapping[str, str]) -> str:
    """A navigation list of language editions (``links``: language to address), each named
    in its own language; the page's own language is marked as the current one."""
    items = []
    for code in sorted(links, key=lambda code: language_name(code).casefold()):
        name = escape(_capitalised(language_name(code)))
        attrs = f'lang="{escape(code)}" dir="{direction(code)}"'
        if code == lang:
            items.append(f'<li><span aria-current="page" {attrs}>{name}</span></li>')
        else:
            items.append(
                f'<li><a href="{url(links[code])}" hreflang="{escape(code)}" {attrs}>'
                f"{name}</a></li>"
            )
    words = escape(label("languages", lang))
    return f'<nav class="tx-languages" aria-label="{words}"><ul>{"".join(items)}</ul></nav>'


def _capitalised(name: str) -> str:
    """A language name as a menu shows it: "español" becomes "Español"."""
    return name[:1].upper() + name[1:]


def _open_graph(item: Edition) -> list[str]:
    """Open Graph properties: title, description, type, address, image and locales."""
    article = item.article
    lang = article.lang
    canonical = item.alternates.get(lang, "")
    tags = [("og:type", "article"), ("og:title", plain_text(article.title))]
    if article.meta.get("summary"):
        tags.append(("og:description", plain_text(article.meta["summary"])))
    if canonical:
        tags.append(("og:url", canonical))
    image = item.assets.get(article.meta.get("image", ""), "")
    if image and canonical:
        tags.append(("og:image", urljoin(canonical, image)))
        alt = next((b.text for b in article.blocks if b.kind is BlockKind.IMAGE), "")
        if alt:
            tags.append(("og:image:alt", plain_text(alt)))
    published, modified = dates(item) if item.draft is None else ("", "")
    if published:
        tags += [("article:published_time", published), ("article:modified_time", modified)]
    tags.append(("og:locale", _og_locale(lang)))
    for code in item.alternates:
        if code not in (lang, "x-default"):
            tags.append(("og:locale:alternate", _og_locale(code)))
    return [f'<meta property="{name}" content="{escape(value)}">' for name, value in tags]


def _og_locale(lang: str) -> str:
    return region_tag(lang).replace("-", "_")


def _text(item: Edition, index: int) -> str:
    """The HTML of block ``index``: plain, or sentence by sentence with draft marks."""
    block = item.article.blocks[index]
    notes = _note_numbers(item)
    if item.draft is None:
        return render_inline(block.text, notes)
    pieces = [_draft_sentence(sentence, notes) for sentence in item.draft[index]]
    return join_sentences(pieces, item.article.lang)


def _note_numbers(item: Edition) -> dict[str, int]:
    labels = [b.label for b in item.article.blocks if b.kind is BlockKind.FOOTNOTE]
    return {label: number for number, label in enumerate(dict.fromkeys(labels), start=1)}


def draft_legend(lang: str) -> str:
    """What a draft page's highlight colours mean, in ``lang``."""
    swatches = (
        ("draft", label("legend_unreviewed", lang)),
        ("flagged", label("legend_flagged", lang)),
    )
    items = " ".join(
        f'<span class="tx-swatch tx-swatch-{name}">{escape(text)}</span>' for name, text in swatches
    )
    return f'<p class="tx-draft-legend">{escape(label("legend", lang))} {items}</p>'


def _draft_sentence(sentence: DraftSentence, numbers: Mapping[str, int]) -> str:
    text = render_inline(sentence.text, numbers)
    if sentence.confirmed:
        return text
    notes = [f"state: {sentence.state.value}"]
    notes.extend(f"{flag.code}: {flag.message}" for flag in sentence.flags)
    flags = " ".join(flag.code for flag in sentence.flags)
    attrs = f' data-state="{escape(sentence.state.value)}"'
    if flags:
        attrs += f' data-flags="{escape(flags)}"'
    return f'<mark class="tx-draft"{attrs} title="{escape("; ".join(notes))}">{text}</mark>'


def _header(item: Edition) -> Iterable[str]:
    article = item.article
    lang = article.lang
    blocks = article.blocks
    yield "<header>"
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.TITLE:
            yield f"<h1>{_text(item, index)}</h1>"
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.SUMMARY and block.text:
            yield f'<p class="tx-summary">{_text(item, index)}</p>'
    byline = []
    if article.meta.get("author"):
        words = escape(localized_byline(article.meta["author"], item.source.lang, lang))
        byline.append(f'<span class="tx-author">{words}</span>')
    if article.meta.get("date"):
        byline.append(_time(article.meta["date"], lang))
    if byline:
        yield f'<p class="tx-byline">{" · ".join(byline)}</p>'
    if item.corrected and item.draft is None:
        shown = escape(format_date(item.corrected, lang))
        day = f'<time datetime="{escape(item.corrected)}">{shown}</time>'
        when = label("correction", lang, date=day)
        text = render_inline(correction_text(item))
        yield f'<p class="tx-correction" role="note"><strong>{when}</strong> {text}</p>'
    lead = _lead_image(item)
    captions = [i for i, b in enumerate(blocks) if b.kind is BlockKind.CAPTION and b.text]
    if lead is not None:  # a caption without its photo stays in the article, unshown
        first = captions[0] if captions else None
        parts = ['<figure class="tx-figure">', _image(item, lead, first)]
        caption = "".join(_text(item, index) for index in captions[:1])
        credit = ""
        if article.meta.get("image_credit"):
            words = label("photo", lang, credit=escape(article.meta["image_credit"]))
            credit = f' <span class="tx-photo-credit">{words}</span>'
        if caption or credit:
            parts.append(f"<figcaption>{caption}{credit}</figcaption>")
        parts.append("</figure>")
        yield "".join(parts)
    yield "</header>"


def _time(value: str, lang: str) -> str:
    date = parse_date(value)
    text = escape(format_date(value, lang))
    if date is None:
        return f'<span class="tx-date">{text}</span>'
    return f'<time class="tx-date" datetime="{date.isoformat()}">{text}</time>'


def _lead_image(item: Edition) -> int | None:
    """The index of the front matter's image block, if the article has one."""
    src = item.article.meta.get("image", "")
    return next(
        (
            index
            for index, block in enumerate(item.article.blocks)
            if block.kind is BlockKind.IMAGE and src and block.src == src
        ),
        None,
    )


def _image(item: Edition, index: int, caption: int | None = None) -> str:
    """An <img> of image block ``index`` from the edition's assets, its alt text translated
    (the caption's text when the writer gave no alt text)."""
    block = item.article.blocks[index]
    alt = block.text or (item.article.blocks[caption].text if caption is not None else "")
    href = item.assets.get(block.src, block.src)
    return f'<img src="{url(href)}" alt="{escape(plain_text(alt))}" loading="lazy">'


def _body(item: Edition) -> Iterable[str]:
    blocks = item.article.blocks
    lead = _lead_image(item)
    open_list: str | None = None
    table: list[int] = []
    for index, block in enumerate(blocks):
        if block.kind in (BlockKind.TITLE, BlockKind.SUMMARY, BlockKind.CAPTION):
            continue
        if block.kind is BlockKind.CORRECTION:  # shown as the notice, once it is dated
            continue
        if block.kind is BlockKind.FOOTNOTE or index == lead:
            continue
        wanted = _list_tag(block)
        if open_list and wanted != open_list:
            yield f"</{open_list}>"
            open_list = None
        if table and _table_of(block) != _table_of(blocks[table[0]]):
            yield _table(item, table)
            table = []
        if block.kind is BlockKind.TABLE_CELL and block.cell is not None:
            table.append(index)
            continue
        if block.kind is BlockKind.IMAGE:
            yield f'<figure class="tx-figure">{_image(item, index)}</figure>'
            continue
        # HTML and code are published as written: in the source's language and direction
        source = f'lang="{escape(item.source.lang)}" dir="{direction(item.source.lang)}"'
        if block.kind is BlockKind.HTML:
            if block.text.strip():
                yield f'<div class="tx-embed" {source}>{sanitize_html(block.text)}</div>'
            continue
        if block.kind is BlockKind.CODE:
            yield f"<pre {source}><code>{escape(block.text)}</code></pre>"
            continue
        if not block.text.strip():
            continue
        text = _text(item, index)
        if wanted:
            if open_list is None:
                yield f"<{wanted}>"
                open_list = wanted
            yield f"<li>{text}</li>"
        elif block.kind is BlockKind.HEADING:
            level = max(2, min(6, block.level or 2))
            yield f"<h{level}>{text}</h{level}>"
        elif block.kind is BlockKind.QUOTE:
            yield f"<blockquote><p>{text}</p></blockquote>"
        elif block.kind is BlockKind.CREDIT:
            yield f'<footer><p class="tx-credit">{text}</p></footer>'
        else:
            yield f"<p>{text}</p>"
    if open_list:
        yield f"</{open_list}>"
    if table:
        yield _table(item, table)
    yield from _notes(item)


def _table_of(block: Block, *, header: bool = False) -> int:
    """The table number of a cell block (0 for other blocks); with ``header``, 1 for a
    header cell and 0 otherwise."""
    if block.cell is None:
        return 0
    return int(block.cell.header) if header else block.cell.table


_ALIGN = {"left": "tx-start", "right": "tx-end", "center": "tx-center"}


def _table(item: Edition, cells: list[int]) -> str:
    """A table of the cell blocks ``cells`` (one table), header row in <thead>."""
    blocks = item.article.blocks
    rows: dict[int, list[int]] = {}
    for index in cells:
        cell = blocks[index].cell
        assert cell is not None
        rows.setdefault(cell.row, []).append(index)
    head: list[str] = []
    body: list[str] = []
    for number in sorted(rows):
        parts = []
        for index in rows[number]:
            cell = blocks[index].cell
            assert cell is not None
            tag = "th" if cell.header else "td"
            scope = ' scope="col"' if cell.header else ""
            align = f' class="{_ALIGN[cell.align]}"' if cell.align in _ALIGN else ""
            parts.append(f"<{tag}{scope}{align}>{_text(item, index)}</{tag}>")
        row = f"<tr>{''.join(parts)}</tr>"
        header = all(_table_of(blocks[i], header=True) for i in rows[number])
        (head if header else body).append(row)
    out = ['<div class="tx-table"><table>']
    if head:
        out.append(f"<thead>{''.join(head)}</thead>")
    out.append(f"<tbody>{''.join(body)}</tbody></table></div>")
    return "".join(out)


def _notes(item: Edition) -> Iterable[str]:
    """The footnotes, numbered in order, as a list under a heading."""
    notes = [(i, b) for i, b in enumerate(item.article.blocks) if b.kind is BlockKind.FOOTNOTE]
    if not notes:
        return
    heading = escape(label("notes", item.article.lang))
    yield f'<section class="tx-notes"><h2>{heading}</h2><ol>'
    seen: set[str] = set()
    for index, block in notes:
        if block.label in seen:
            continue
        seen.add(block.label)
        yield f'<li id="{escape(note_id(block.label))}">{_text(item, index)}</li>'
    yield "</ol></section>"


def _list_tag(block: Block) -> str | None:
    if block.kind is not BlockKind.LIST_ITEM:
        return None
    return "ol" if block.ordered else "ul"
