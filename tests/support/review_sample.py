"""A workspace with realistic review work: the wire story's first sentences (tests/data) with
Spanish translations in every state, some flagged, and an Arabic one for right-to-left layout.
Shared by the review export, import, command and LibreOffice tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from support.wire_story import WIRE_STORY
from translate import workspace
from translate.models import Flag, Glossary, State, Term, TranslatedSegment, Translation
from translate.source.articles import read_article
from translate.source.segments import article_digest, segment_article
from translate.workspace import Workspace, workfiles

SLUG = "wire-story"
TODAY = dt.date(2025, 10, 22)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GLOSSARY_FLAG = Flag("glossary", "'China (the CCP)' must be 'China (el PCCh)'")
GLOSSARY = Glossary("en", (Term("China (the CCP)", {"es": "China (el PCCh)", "ar": "الصين"}),))

# (target, origin, state, flags, notes) for the wire story's first eight segments: title,
# caption, two sentences of the opening paragraph, the dated AFP sentence, and the quoted
# statement's three sentences (China (the CCP) in the first two).
SPANISH: tuple[tuple[str, str, State, tuple[Flag, ...], tuple[str, ...]], ...] = (
    (
        "Kiev rechaza la oferta de Pekín para reconstruir la red eléctrica de Ucrania",
        "apertium:eng-spa",
        State.TRANSLATED,
        (),
        (),
    ),
    (
        "Unos ingenieros revisan un transformador dañado por un ataque con drones en una "
        "subestación cerca de Járkov, el 9 de octubre de 2025.",
        "memory",
        State.TRANSLATED,
        (),
        (),
    ),
    (
        "[People News] Ucrania ha pedido a sus socios occidentales cientos de transformadores de "
        "alta tensión antes de las primeras heladas, después de que semanas de ataques rusos "
        "dejaran a varias regiones con pocas horas de electricidad al día.",
        "apertium:eng-spa",
        State.TRANSLATED,
        (),
        (),
    ),
    (
        "Kiev dijo también que no aceptará equipos de Pekín, que se había ofrecido a ayudar a "
        "reparar la red.",
        "apertium:eng-spa",
        State.TRANSLATED,
        (),
        (),
    ),
    (
        "Según la Agence France-Presse (AFP) del 21 de octubre, la solicitud llegó el 20 de "
        "octubre a los ministros de Energía del Grupo de los Siete y enumeraba 14 subestaciones "
        "que necesitan equipos nuevos antes de diciembre.",
        "reviewer",
        State.REVIEWED,
        (),
        ("Ana: fechas comprobadas",),
    ),
    (
        "La viceministra de Energía Halyna Shevchuk dijo a los periodistas: «En primer lugar, "
        "China (el Partido Comunista) vende a Rusia las piezas que acaban en los drones que "
        "atacan nuestras subestaciones.",
        "apertium:eng-spa",
        State.TRANSLATED,
        (GLOSSARY_FLAG,),
        (),
    ),
    (
        "En segundo lugar, China (el PCCh) no ha condenado ni una sola vez esos ataques.",
        "reviewer",
        State.FINAL,
        (),
        (),
    ),
    (
        "No entregaremos las llaves de nuestras centrales a quienes abastecen al agresor.»",
        "apertium:eng-spa",
        State.TRANSLATED,
        (),
        (),
    ),
)

ARABIC = (
    "كييف ترفض عرض بكين لإعادة بناء شبكة الكهرباء في أوكرانيا",
    "مهندسون يفحصون محولا تضرر في هجوم بطائرة مسيرة على محطة فرعية قرب خاركيف في 9 أكتوبر 2025.",
)


def build_workspace(root: Path) -> Workspace:
    """A workspace with the wire story's Spanish work file (revision 3) and an Arabic one."""
    workspace.init(root)
    ws = workspace.load(root)
    article = read_article(WIRE_STORY)
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
