"""Raw HTML blocks of an article, made safe to publish: ammonia's sanitizer (nh3).

Only markup that cannot run code or load anything from elsewhere survives (nh3's default
allow-list: text-level and structural elements, no scripts, styles, frames, forms or event
attributes); links get ``rel="noopener noreferrer"``. An embed such as an iframe is removed,
and so are images: an ``<img>`` would load its picture from wherever it names (a tracking
pixel) and is not copied into the edition's assets; pictures are Markdown images.
"""

from __future__ import annotations


def sanitize_html(html: str) -> str:
    """``html`` with everything that could run code or load content removed."""
    import nh3

    tags = set(nh3.ALLOWED_TAGS) - {"img"}
    return str(nh3.clean(html, tags=tags, link_rel="noopener noreferrer")).strip()
