"""Mechanical checks for the blind development set (tests/gold/devset*.jsonl).

Run it after editing a label: ``python tests/gold/check_devset.py``. It uses the standard library
only and prints one line per problem (never a label), so it is safe to run on the blind file.
It is not a pytest module on purpose: the set is data, and its checks should not depend on the coder.

What it checks, and why:
- every line is JSON with the documented fields, and ids are unique across both files;
- ``source_text``/``target_text``/``location`` are exact substrings of ``text`` (spans must point at
  the sentence so that span-level scorers can use them);
- a side with a code has a text; an event has at least one coded side;
- codes are ISO-style alpha-3, a CAMEO region code from DEVSET.md, ``IGO`` or ``NGO``;
- types are current PLOVER names, CAMEO codes exist in ``transforms/data/cameo_codes.tsv``, and the
  type agrees with the 2021 CAMEO->PLOVER table (``163`` -> SANCTION is the documented exception);
- identical (source, target, type, polarity, modality) tuples are listed once per item;
- ``attack_place`` events carry a ``location`` key; ``no_event`` items have no events.
"""
from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FILES = [HERE / "devset.jsonl", HERE / "devset_blind.jsonl"]
TABLE_FILE = REPO.parent / "shared" / "reference" / "CAMEO2PLOVER-2021.txt"
CAMEO_FILE = REPO / "transforms" / "data" / "cameo_codes.tsv"

CLASSES = {
    "no_act_word", "coordination", "nominal_actors", "complements", "passives_coordinated_verbs",
    "light_verbs", "modality_negation", "military_movement", "reciprocal_ellipsis", "headline",
    "regions_blocs", "wrong_guesses", "attack_place", "ordinary", "no_event",
}
REGIONS = {"WST", "EUR", "AFR", "ASA", "MEA", "LAM", "WAF", "EAF", "PGS", "SEA", "SAS", "CAS",
           "BLK", "SCN", "CRB", "EEU", "NAF", "CAU", "SAM", "SAF", "NMR"}
TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODALITIES = {"asserted", "reported", "hypothetical", "future", "historical"}
# Documented departures from the 2021 table (see DEVSET.md, "Type and CAMEO choices").
TYPE_OVERRIDES = {"163": "SANCTION"}
FIELDS = ["id", "text", "published", "class", "events"]
EVENT_FIELDS = {"source", "source_text", "target", "target_text", "type", "polarity", "modality"}


def load_table() -> dict[str, str] | None:
    if not TABLE_FILE.exists():
        return None
    table = {}
    for line in TABLE_FILE.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:
            table[m.group(1)] = m.group(2)
    return table


def plover_type(code: str, table: dict[str, str]) -> str | None:
    if code in TYPE_OVERRIDES:
        return TYPE_OVERRIDES[code]
    while code and code not in table:
        code = code[:-1]
    return table.get(code)


def check() -> list[str]:
    problems: list[str] = []
    table = load_table()
    cameo = set()
    if CAMEO_FILE.exists():
        for line in CAMEO_FILE.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#") and not line.startswith("code\t"):
                cameo.add(line.split("\t")[0])
    seen_ids: set[str] = set()
    for path in FILES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{n}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON ({exc})")
                continue
            if list(item) != FIELDS:
                problems.append(f"{where}: fields {list(item)}")
                continue
            iid, text = item["id"], item["text"]
            where = f"{path.name}:{n} {iid}"
            if iid in seen_ids:
                problems.append(f"{where}: duplicate id")
            seen_ids.add(iid)
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["published"]):
                problems.append(f"{where}: bad date")
            if item["class"] not in CLASSES:
                problems.append(f"{where}: unknown class {item['class']}")
            if item["class"] == "no_event" and item["events"]:
                problems.append(f"{where}: no_event item with events")
            tuples = collections.Counter()
            for e in item["events"]:
                if not EVENT_FIELDS <= set(e):
                    problems.append(f"{where}: event fields {sorted(e)}")
                    continue
                for side in ("source", "target"):
                    code, span = e[side], e[side + "_text"]
                    if span is not None and span not in text:
                        problems.append(f"{where}: {side}_text not in text")
                    if code is not None:
                        if span is None:
                            problems.append(f"{where}: {side} code without text")
                        if not (code in REGIONS or code in ("IGO", "NGO") or re.fullmatch(r"[A-Z]{3}", code)):
                            problems.append(f"{where}: bad {side} code {code}")
                if e["source"] is None and e["target"] is None:
                    problems.append(f"{where}: event with no coded side")
                if e["type"] not in TYPES:
                    problems.append(f"{where}: bad type {e['type']}")
                if "cameo" in e:
                    if cameo and e["cameo"] not in cameo:
                        problems.append(f"{where}: unknown CAMEO code {e['cameo']}")
                    if table is not None and plover_type(e["cameo"], table) != e["type"]:
                        problems.append(f"{where}: type {e['type']} disagrees with CAMEO {e['cameo']}")
                if e["polarity"] not in ("positive", "negative") or e["modality"] not in MODALITIES:
                    problems.append(f"{where}: bad polarity/modality")
                if item["class"] == "attack_place":
                    if "location" not in e:
                        problems.append(f"{where}: attack_place event without location key")
                    elif e["location"] is not None and e["location"] not in text:
                        problems.append(f"{where}: location not in text")
                key = (e["source"], e["target"], e["type"], e["polarity"], e["modality"])
                tuples[key] += 1
                if tuples[key] == 2:
                    problems.append(f"{where}: repeated event tuple")
    return problems


if __name__ == "__main__":
    found = check()
    for p in found:
        print(p)
    print(f"{len(found)} problem(s)")
    sys.exit(1 if found else 0)
