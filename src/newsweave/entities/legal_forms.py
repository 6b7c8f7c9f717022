"""Companies by their legal form: "Nord Stream 2 AG", "Ryanair Holdings Plc", "Pfizer Inc.", "TV Nova
s.r.o.", "Уеб Медия Груп АД".

A name followed by a company's legal form is an organisation whatever its words suggest: the tagger
called "Nord Stream AG" a product (the pipeline) and stopped "Nord Stream 2" before its "AG". In the
six SlavicNER topics and RONEC, a capitalised name ending in one of these forms is annotated ORG 294
times in 297 (PRO once; "Domnia sa", Romanian for "his lordship", PER twice, which is why the forms are
matched as written: "SA" is a company, "sa" is not), and where a form follows a mention the gold span
takes it in (236 of 237 for "AG").
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsweave.model import Mention

#: Legal forms of companies as they are written after the name, in the languages newsweave reads.
FORMS = (
    "AG", "GmbH", "KG", "SE", "Inc.", "Inc", "Ltd.", "Ltd", "LLC", "PLC", "Plc", "plc", "Corp.", "S.A.",
    "SA", "S.p.A.", "SpA", "N.V.", "NV", "B.V.", "BV", "AB", "ASA", "Oy", "Oyj", "A/S", "SIA", "UAB",
    "a.s.", "s.r.o.", "s.r.o", "sp. z o.o.", "S.R.L.", "SRL", "d.o.o.", "d.d.", "ООО", "ОАО", "ПАО", "ЗАО",
    "ПАТ", "ПрАТ", "ТОВ", "АД", "ЕАД", "ООД", "ЕООД",
)  # fmt: skip
_ALTERNATION = "|".join(re.escape(f) for f in sorted(FORMS, key=len, reverse=True))
_AFTER = re.compile(rf" (?:{_ALTERNATION})(?![\w/])")
_ENDS = re.compile(rf"\s(?:{_ALTERNATION})$")
_NEXT_WORD = re.compile(r"\W*(\w+)")


def _form_after(text: str, end: int) -> int | None:
    """Where a legal form right after ``end`` ends; not one inside a run of capitals ("INFOGRAFIKA SE
    OTEVŘE PO" is a shouted heading, not a company)."""
    follow = _AFTER.match(text, end)
    if follow is None:
        return None
    nxt = _NEXT_WORD.match(text, follow.end())
    if nxt and len(nxt.group(1)) > 1 and nxt.group(1).isupper():
        return None
    return follow.end()


def by_legal_form(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions ending in a legal form, or followed by one (then taken in), as ORG."""
    out: list[Mention] = []
    for m in mentions:
        stop = _form_after(text, m.end)
        if stop and not any(o is not m and o.start < stop and m.end < o.end for o in mentions):
            m = replace(m, end=stop, text=text[m.start : stop], label="ORG", base=None)
        elif _ENDS.search(m.text) and m.label != "ORG":
            m = replace(m, label="ORG")
        out.append(m)
    return out
