"""The official XLIFF 1.2 (strict) and 2.0 core XML schemas, as Debian's
php-symfony-translation package ships them (``make setup`` installs it), loaded by lxml
without network access: their imports of the W3C xml.xsd are pointed at the copy beside them.
XLIFF 2.1 keeps the 2.0 core namespace and schema for its core elements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree

SCHEMA_DIR = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
SCHEMAS = {"1.2": "xliff-core-1.2-strict.xsd", "2.1": "xliff-core-2.0.xsd"}
_IMPORTS = (
    'schemaLocation="http://www.w3.org/2001/xml.xsd"',
    'schemaLocation="informativeCopiesOf3rdPartySchemas/w3c/xml.xsd"',
)


def xliff_schema(version: str, folder: Path) -> Any:
    """The lxml ``XMLSchema`` of an XLIFF version; skips the test when the package is missing."""
    source = SCHEMA_DIR / SCHEMAS[version]
    if not source.is_file():
        pytest.skip("the XLIFF schemas need Debian's php-symfony-translation (make setup)")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "xml.xsd").write_bytes((SCHEMA_DIR / "xml.xsd").read_bytes())
    text = source.read_text(encoding="utf-8")
    for location in _IMPORTS:
        text = text.replace(location, 'schemaLocation="xml.xsd"')
    local = folder / SCHEMAS[version]
    local.write_text(text, encoding="utf-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(local), parser))


def assert_valid(schema: Any, data: bytes) -> None:
    """Fail with the schema's own messages when ``data`` is not valid."""
    document = etree.fromstring(data)
    if not schema.validate(document):
        errors = "\n".join(f"line {e.line}: {e.message}" for e in schema.error_log)
        raise AssertionError(f"not valid against the XLIFF schema:\n{errors}")
