"""A workspace with realistic review work: the seed article's first sentences with Spanish
translations in every state, some flagged, and an Arabic one for right-to-left layout.
Shared by the review export, import, command and LibreOffice tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from translate import workfiles, workspace
from translate.articles import read_article
from translate.models import Flag, Glossary, State, Term, TranslatedSegment, Translation
from translate.segments import article_digest, segment_article
from translate.workspace import Workspace

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_f9c8f4929e86b7bc.txt"
SLUG = "000_f9c8f4929e86b7bc"
TODAY = dt.date(2025, 8, 22)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GLOSSARY_FLAG = Flag("glossary", "'China (the CCP)' must be 'China (el PCCh)'")
GLOSSARY = Glossary("en", (Term("China (the CCP)", {"es": "China (el PCCh)", "ar": "الصين"}),))

# (target, origin, state, flags, notes) for the seed's first eight segments.
SPANISH: tuple[tuple[str, str, State, tuple[Flag, ...], tuple[str, ...]], ...] = (
    (
        "Zelensky rechaza a Pekín como garante de la seguridad de Ucrania",
        "apertium:eng-spa",
        State.TRANSLATED,
        (),
        (),
    ),
    (
        "El presidente de EE. UU., Donald Trump, recibió al presidente ucraniano Volodymyr "
        "Zelensky en la Casa Blanca, en Washington, el 28 de febrero de 2025.",
        "memory",
        State.TRANSLATED,
        (),
        (),
    ),
    (
        "[People News] En las negociaciones de alto el fuego entre Rusia y Ucrania, Rusia "
        "propuso que Pekín actuara como garante de la seguridad de Ucrania.",
        "apertium:eng-spa",
        State.TRANSLATED,
        (),
        (),
    ),
    (
        "El presidente ucraniano Volodymyr Zelensky rechazó la idea y dijo que Pekín ha apoyado "
        "sistemáticamente a Rusia y que no necesita garantes que no han ayudado a Ucrania.",
        "apertium:eng-spa",
        State.TRANSLATED,
        (),
        (),
    ),
    (
        "Según la Agence France-Presse (AFP) del 21 de agosto, Zelensky emitió el 20 de agosto "
        "un comunicado a un grupo de medios, entre ellos la AFP, embargado hasta la mañana del "
        "21 de agosto.",
        "reviewer",
        State.REVIEWED,
        (),
        ("Ana: fechas comprobadas",),
    ),
    (
        "En el comunicado, Zelensky dijo: «En primer lugar, China (el Partido Comunista) no nos "
        "ayudó a evitar el conflicto al comienzo de la guerra.",
        "apertium:eng-spa",
        State.TRANSLATED,
        (GLOSSARY_FLAG,),
        (),
    ),
    (
        "En segundo lugar, China (el PCCh) ha ayudado a Rusia al mantener abierto su mercado de "
        "drones.",
        "reviewer",
        State.FINAL,
        (),
        (),
    ),
    (
        "No necesitamos Estados garantes que no nos tendieron la mano cuando Ucrania realmente "
        "lo necesitaba.»",
        "apertium:eng-spa",
        State.TRANSLATED,
        (),
        (),
    ),
)

ARABIC = (
    "زيلينسكي يرفض بكين ضامنا لأمن أوكرانيا",
    "رحب الرئيس الأمريكي دونالد ترامب بالرئيس الأوكراني فولوديمير زيلينسكي في البيت الأبيض "
    "في واشنطن في 28 فبراير 2025.",
)


def build_workspace(root: Path) -> Workspace:
    """A workspace with the seed's Spanish work file (revision 3) and an Arabic one."""
    workspace.init(root)
    ws = workspace.load(root)
    article = read_article(SEED)
    segments = segment_article(article)
    digest = article_digest(segments)
    spanish = tuple(
        TranslatedSegment(seg, target, origin, state, flags, notes=notes)
        for seg, (target, origin, state, flags, notes) in zip(segments, SPANISH, strict=False)
    )
    workfiles.save(ws.work_file(SLUG, "es"), Translation(SLUG, "en", "es", digest, spanish, 3))
    arabic = tuple(
        TranslatedSegment(seg, target, "argos:en-ar-1.0", State.TRANSLATED)
        for seg, target in zip(segments, ARABIC, strict=False)
    )
    workfiles.save(ws.work_file(SLUG, "ar"), Translation(SLUG, "en", "ar", digest, arabic, 1))
    return ws
