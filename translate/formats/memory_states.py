"""The review state of a translation memory unit, as tx and other tools write it.

tx writes its own states (XLIFF 2.1: initial, translated, reviewed, final) in a unit's
``x-state`` property; memories from other tools carry their own words for the same steps
(``approved``, ``confirmed``, ``signed-off``, Trados's ``ApprovedSignOff``). Those are mapped
here, case and separators aside; a state that is neither is unknown, and a memory holding one
is refused when it is imported (with a count) and its units left out when it is read, never
a reason for every command to fail.
"""

from __future__ import annotations

import re

from translate.models import State

# Other tools' states, by what they mean for tx (keys lower case, without separators).
_KNOWN = {
    State.INITIAL: ("initial", "new", "needstranslation", "untranslated", "notstarted"),
    State.TRANSLATED: ("translated", "draft", "unconfirmed", "edited", "pretranslated",
                       "needsreview", "needsreviewtranslation", "needsadaptation",
                       "needsl10n", "needsreviewadaptation", "needsreviewl10n", "fuzzy",
                       "partiallytranslated", "pending"),
    State.REVIEWED: ("reviewed", "approved", "confirmed", "signedoff", "proofread",
                     "approvedtranslation", "translationapproved", "validated", "accepted",
                     "reviewer1confirmed", "completed", "done"),
    State.FINAL: ("final", "approvedsignoff", "signoff", "reviewer2confirmed", "locked"),
}  # fmt: skip
_STATES = {name: state for state, names in _KNOWN.items() for name in names}
_SEPARATORS = re.compile(r"[\s_\-.]+")


def memory_state(value: str) -> State | None:
    """The tx state a memory unit's ``x-state`` means (``reviewed`` when it has none), or
    ``None`` for a state tx does not know."""
    key = _SEPARATORS.sub("", value).lower()
    if not key:
        return State.REVIEWED
    return _STATES.get(key)
