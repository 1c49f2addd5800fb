"""YAML front matter of a Markdown article, parsed as untrusted input.

A SafeLoader that refuses anchors and aliases (an alias bomb of a few lines expands to
gigabytes), nesting deeper than ``MAX_FRONT_MATTER_DEPTH``, impossible dates, and any key or
value holding a character a work file may not hold (``translate.workspace.limits``): a YAML
escape in a quoted value ("\\a", "\\x1b", "\\uFFFE") passes the article's check of its raw
text, and would otherwise be saved into a work file that every command then refuses. Each
problem is an ``ArticleError`` with the line.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from translate.errors import ArticleError
from translate.workspace.limits import MAX_FRONT_MATTER_DEPTH, forbidden_character

_CONTROL_PROBLEM = "control character"


def parse_front_matter(path: Path, source: str) -> dict[str, object]:
    """The front matter's mapping (``source`` is the text between the --- lines)."""
    import yaml  # here, not at start-up: plain-text articles and `tx --help` do without

    try:
        data = yaml.load(source, Loader=_front_matter_loader())
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 2 if mark is not None else 2  # the front matter starts on line 2
        problem = str(getattr(error, "problem", None) or "invalid YAML")
        if problem.startswith(_CONTROL_PROBLEM):
            raise ArticleError(
                problem,
                path=path,
                line=line,
                hint="remove the escape (such as \\a, \\x1b or \\uFFFE) from the quoted value: "
                "XML, and so DOCX and HTML, cannot hold it",
            ) from None
        if "alias" in problem:
            hint = "write each value out in full"
        elif problem.startswith("impossible date"):
            hint = "write a real date as YYYY-MM-DD, or quote the value"
        else:
            hint = "quote values that contain ': ' or start with a special character"
        raise ArticleError(
            f"front matter is not valid YAML: {problem}", path=path, line=line, hint=hint
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ArticleError(
            f"front matter is a {type(data).__name__}, not a mapping of keys to values",
            path=path,
            line=2,
            hint="write one `key: value` per line, such as `title: ...`",
        )
    return {str(key): value for key, value in data.items()}


@functools.cache
def _front_matter_loader() -> type[Any]:
    """A YAML SafeLoader that refuses anchors and aliases (an alias bomb of a few lines
    expands to gigabytes), nesting deeper than ``MAX_FRONT_MATTER_DEPTH``, impossible
    dates and characters a work file may not hold, each as a YAML error with its position."""
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    "anchors and aliases (&name, *name) are not allowed in front matter",
                    event.start_mark,
                )
            if self.depth >= MAX_FRONT_MATTER_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, "front matter is nested too deeply", event.start_mark
                )
            self.depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                value = super().construct_object(node, deep)
            except (ValueError, TypeError, OverflowError) as exc:
                if isinstance(exc, yaml.YAMLError):
                    raise
                what = "impossible date" if node.tag.endswith(":timestamp") else "invalid value"
                raise yaml.constructor.ConstructorError(
                    None, None, f"{what} {node.value!r} ({exc})", node.start_mark
                ) from None
            if isinstance(value, str) and (found := forbidden_character(value)) is not None:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"{_CONTROL_PROBLEM} {found} in a front-matter value",
                    node.start_mark,
                )
            return value

    return FrontMatterLoader
