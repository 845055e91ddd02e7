"""Measuring the coding against gold records.

Three gold formats are read: the PLOVER gold standard records (a JSON list, as
published by the Open Event Data Alliance), Dotterel's own JSONL (see
tests/gold/README.md) and the development set's JSONL (tests/gold/DEVSET.md:
the same lines plus a ``class`` per item and ``*_text`` spans). All become
`GoldRecord`s; the extractor runs on their
texts exactly as in a flow run (same batch function, no Prefect), and events
are compared as (source country, target country, PLOVER type) triples per
record, with precision, recall and F1 overall, per type and for dyads alone.

Scoring scope. The two gold sets code different actors, so each record carries
the scope of the gold set it came from (set by its loader) and `predict` maps
the extracted actors into that scope before `score` compares them:

- ``SCOPE_STATES`` (Dotterel's JSONL gold, tests/gold/README.md): only state
  and IGO actors are coded. Extracted events whose actor is non-state (a
  sector in `actors.NON_STATE_SECTORS`: rebels, opposition, civilians,
  media ...) or a region or bloc ("the West", "WST") are left out of the
  score, neither errors nor matches, and so are domestic dyads (two organs of
  one state), which that gold does not code.
- ``SCOPE_ALL`` (the PLOVER gold standard records): every actor is coded by
  its nationality ("Palestinian youths" -> PSE, "Sudanese rebels" -> SDN), so
  every coded actor is scored by its country, non-state actors included, and
  domestic events (both actors of one country) are compared as such, and a
  region or bloc is scored by its CAMEO region code. Those
  records file international NGOs (the Red Cross, Amnesty International)
  under IGO, so an NGO code scores as IGO there.
- ``SCOPE_OPEN`` (the development set, tests/gold/DEVSET.md): every actor as
  its own code says: a country (non-state actors by their country), ``IGO``,
  ``NGO`` or a CAMEO region code (WST, EUR, ...). A side the coder left
  without a code, or did not find at all, is null, and the set codes such
  one-sided events too: a null side matches only a null side, and an event
  needs one coded side to be scored.

Records that carry a ``class`` (the development set) are also scored per
class, so that `dotterel evaluate` shows where recall is lost.

In the first two scopes an actor the dictionary does not know is uncoded, and
an event with an uncoded actor is not scored.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pycountry

from transforms.actors import NON_STATE_SECTORS, international, regional
from transforms.codes import region_codes
from transforms.documents import Document

# PLOVER 0.5 names in the gold standard and the current types they became.
TYPE_ALTERNATIVES: dict[str, frozenset[str]] = {
    "FIGHT": frozenset({"ASSAULT", "COERCE"}),
    "DISAPPROVE": frozenset({"ACCUSE"}),
    "INVESTIGATE": frozenset({"ACCUSE"}),
    "DEMAND": frozenset({"REQUEST"}),
    # The 2021 CAMEO->PLOVER table files CAMEO 163 (sanctions, embargo) under
    # COERCE; gold coded with PLOVER 0.5 usage calls it SANCTION.
    "SANCTION": frozenset({"SANCTION", "COERCE"}),
    # The 2021 table moved easing a curfew or a state of emergency (CAMEO 0813,
    # 0814) from CONCEDE to RETREAT ("'ease' is no longer a mode", 21.09.17).
    "CONCEDE": frozenset({"CONCEDE", "RETREAT"}),
}
# CAMEO country codes that differ from ISO 3166 alpha-3.
CAMEO_TO_ISO3 = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "DRC": "COD", "UKG": "GBR"}
ISO3 = frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}
# Scoring scopes (see the module docstring).
SCOPE_STATES = "states"
SCOPE_ALL = "all"
SCOPE_OPEN = "open"
SCOPES = frozenset({SCOPE_STATES, SCOPE_ALL, SCOPE_OPEN})
# Scopes whose gold codes events with one side missing (null matches null).
ONE_SIDED_SCOPES = frozenset({SCOPE_OPEN})
# CAMEO region and bloc codes (transforms/data/region_codes.tsv; the development set uses
# them, tests/gold/DEVSET.md).
REGION_CODES = frozenset(region_codes())
# States that no longer exist, by their withdrawn ISO 3166 codes (the USSR is SUN).
HISTORIC_ISO3 = frozenset(c.alpha_3 for c in pycountry.historic_countries)


@dataclass(frozen=True)
class GoldEvent:
    source: str | None
    target: str | None
    type: str
    polarity: str | None = None
    modality: str | None = None


@dataclass
class GoldRecord:
    id: str
    text: str
    published: date | None
    events: list[GoldEvent]
    phenomenon: str | None = None
    scope: str = SCOPE_STATES  # which extracted actors this record's gold codes
    label: str | None = None  # the development set's class (issue #10), scored per class


def normalise_actor(code: str | None) -> str | None:
    """Country ISO3 for state actors, 'IGO' for intergovernmental ones, the CAMEO region
    code for a region or bloc ("WST", "EUR"), else None."""
    if not code:
        return None
    code = code.strip().upper()
    if code.startswith("IGO"):
        return "IGO"
    head = CAMEO_TO_ISO3.get(code[:3], code[:3])
    return head if head in ISO3 or head in REGION_CODES else None


def open_actor(code: str | None) -> str | None:
    """A side as the development set codes it: country, IGO, NGO, region, else None."""
    if not code:
        return None
    code = code.strip().upper()
    if code[:3] in ("IGO", "NGO"):
        return code[:3]
    head = CAMEO_TO_ISO3.get(code[:3], code[:3])
    return head if head in ISO3 or head in REGION_CODES or head in HISTORIC_ISO3 else None


def scored_actor(code: str | None, country: str | None, sector: str | None,
                 scope: str = SCOPE_STATES) -> str | None:
    """The actor as a gold set of `scope` scores it (None: not scored).

    The warehouse also keeps events of non-state actors (rebels, opposition,
    media, former leaders) and of actors the dictionary lacks. Dotterel's gold
    conventions (tests/gold/README.md, ``SCOPE_STATES``) code neither, so they
    are left out of the score rather than counted as errors or matches; the
    PLOVER gold (``SCOPE_ALL``) codes every actor by its country, so a coded
    non-state actor is scored by its country there.
    """
    if scope not in SCOPES:
        raise ValueError(f"unknown scoring scope: {scope!r}")
    if code is None:
        return None
    if scope == SCOPE_OPEN:
        return open_actor(country or code) if not international(code) else open_actor(code)
    if scope == SCOPE_STATES and (sector in NON_STATE_SECTORS or regional(code)):
        return None  # that gold codes neither non-state actors nor regions and blocs
    if scope == SCOPE_ALL and code.startswith("NGO"):
        return "IGO"  # the PLOVER records code the Red Cross and Amnesty International as IGO
    return normalise_actor(country or code)


def _plover_actors(value) -> list[str | None]:
    if not isinstance(value, list):
        return []
    return [normalise_actor(a.get("code")) for a in value if isinstance(a, dict)]


def load_plover_gold(path: Path) -> list[GoldRecord]:
    """The PLOVER gold standard JSON: one record per sentence, sources x targets."""
    records: list[GoldRecord] = []
    for raw in json.loads(Path(path).read_text(encoding="utf-8")):
        if raw.get("event") == "DOCUMENT" or not raw.get("text"):
            continue
        sources = _plover_actors(raw.get("source"))
        target_value = raw.get("target")
        info = raw.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        mutual = "SRC/TAR" in markup and not isinstance(target_value, list)
        targets = _plover_actors(target_value) if isinstance(target_value, list) else []
        events: list[GoldEvent] = []
        if mutual:
            events = [GoldEvent(s, t, raw["event"]) for s in sources for t in sources if s != t]
        elif targets:
            events = [GoldEvent(s, t, raw["event"]) for s in sources for t in targets]
        else:
            events = [GoldEvent(s, None, raw["event"]) for s in sources]
        try:
            published = date.fromisoformat(raw.get("date", ""))
        except ValueError:
            published = None
        records.append(GoldRecord(raw["id"], raw["text"], published, events, scope=SCOPE_ALL))
    return records


def load_jsonl_gold(path: Path) -> list[GoldRecord]:
    """Dotterel's own gold format (tests/gold/README.md) and the development set's.

    A line with a ``class`` is a development-set item (tests/gold/DEVSET.md):
    it is scored in the open scope, its sides keep NGO and region codes, and a
    ``null`` side stays null.
    """
    records: list[GoldRecord] = []
    for line_no, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            label = raw.get("class")
            side = open_actor if label is not None else normalise_actor
            events = [
                GoldEvent(side(e.get("source")), side(e.get("target")), e["type"], e.get("polarity"), e.get("modality"))
                for e in raw.get("events", [])
            ]
            published = date.fromisoformat(raw["published"]) if raw.get("published") else None
            record = GoldRecord(str(raw["id"]), raw["text"], published, events, raw.get("phenomenon"),
                                scope=SCOPE_OPEN if label is not None else SCOPE_STATES,
                                label=str(label) if label is not None else None)
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise ValueError(f"{path}:{line_no}: bad gold record: {exc}") from exc
        records.append(record)
    return records


def load_gold(path: Path) -> list[GoldRecord]:
    path = Path(path)
    if path.suffix.lower() == ".jsonl":
        return load_jsonl_gold(path)
    return load_plover_gold(path)


@dataclass(frozen=True)
class Predicted:
    source: str | None
    target: str | None
    type: str
    polarity: str
    modality: str
    confidence: float


def predict(records: Sequence[GoldRecord], res, batch_size: int = 64) -> dict[str, list[Predicted]]:
    """Run the flow's batch function over the gold texts; actors mapped to each record's scope."""
    from transforms.batch import process_batch
    from transforms.documents import make_document

    out: dict[str, list[Predicted]] = {r.id: [] for r in records}
    scopes = {r.id: r.scope for r in records}
    for start in range(0, len(records), batch_size):
        chunk = records[start:start + batch_size]
        documents: list[Document] = [
            make_document(r.id, "gold", r.text, {"published": r.published}) for r in chunk
        ]
        frames = process_batch(documents, res, run_id="evaluate")
        for row in frames.events.iter_rows(named=True):
            out[row["doc_id"]].append(to_predicted(row, scopes[row["doc_id"]]))
    return out


def to_predicted(row: dict, scope: str = SCOPE_STATES) -> Predicted:
    """One extracted event row as a gold set of `scope` sees it."""
    source = scored_actor(row["source_code"], row["source_country"], row["source_sector"], scope)
    target = scored_actor(row["target_code"], row["target_country"], row["target_sector"], scope)
    if scope == SCOPE_STATES and source is not None and source == target and source != "IGO":
        source = target = None  # a domestic dyad: out of the states scope
    return Predicted(source, target, row["plover_type"], row["polarity"], row["modality"], row["confidence"])


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class ClassCounts:
    """One development-set class: its items, and events and dyads scored in them."""

    records: int = 0
    events: Counts = field(default_factory=Counts)
    dyads: Counts = field(default_factory=Counts)

    def as_dict(self) -> dict:
        return {"records": self.records, "events": self.events.as_dict(), "dyads": self.dyads.as_dict()}


@dataclass
class Report:
    records: int
    events: Counts = field(default_factory=Counts)
    dyads: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_class: dict[str, ClassCounts] = field(default_factory=lambda: defaultdict(ClassCounts))
    polarity: Counter = field(default_factory=Counter)
    modality: Counter = field(default_factory=Counter)
    no_event_records: int = 0
    no_event_false: int = 0
    ranked: list[tuple[float, bool]] = field(default_factory=list)

    @staticmethod
    def accuracy(counter: Counter) -> float | None:
        total = counter["right"] + counter["wrong"]
        return counter["right"] / total if total else None

    @property
    def false_event_rate(self) -> float | None:
        return self.no_event_false / self.no_event_records if self.no_event_records else None

    @property
    def confidence_auc(self) -> float | None:
        """Probability that a correct event outranks a wrong one (ties count half)."""
        right = [c for c, ok in self.ranked if ok]
        wrong = [c for c, ok in self.ranked if not ok]
        if not right or not wrong:
            return None
        wins = sum((r > w) + 0.5 * (r == w) for r in right for w in wrong)
        return wins / (len(right) * len(wrong))

    def as_dict(self) -> dict:
        scores = {
            "records": self.records,
            "events": self.events.as_dict(),
            "dyads": self.dyads.as_dict(),
            "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())},
            "polarity_accuracy": self.accuracy(self.polarity),
            "modality_accuracy": self.accuracy(self.modality),
            "no_event_records": self.no_event_records,
            "false_event_rate": self.false_event_rate,
            "confidence_auc": self.confidence_auc,
        }
        if self.per_class:
            scores["per_class"] = {k: v.as_dict() for k, v in sorted(self.per_class.items())}
        return scores

    def aggregate(self) -> dict:
        """The overall figures only: what may be shown of a blind set (no per-type or per-class rows)."""
        full = self.as_dict()
        return {key: full[key] for key in (
            "records", "events", "dyads", "polarity_accuracy", "modality_accuracy",
            "no_event_records", "false_event_rate",
        )}


def _type_ok(gold: str, predicted: str) -> bool:
    return predicted in TYPE_ALTERNATIVES.get(gold, frozenset({gold}))


def _canonical(gold_type: str) -> str:
    alternatives = TYPE_ALTERNATIVES.get(gold_type)
    return sorted(alternatives)[0] if alternatives else gold_type


def _scored(record: GoldRecord, predictions: list[Predicted]) -> list[Predicted]:
    """The predictions this record's gold codes, one per (source, target, type).

    `predict` left unscored actors (out of the record's scope, or unknown to the
    dictionary) as None: such an event is kept in the warehouse (`dotterel actors
    --unknown`) but is not a coded event of a two-sided gold set. A gold set that
    codes one-sided events scores an event with one coded side, its other side null.
    """
    if record.scope in ONE_SIDED_SCOPES:
        coded = [p for p in predictions if p.source or p.target]
    else:
        coded = [p for p in predictions if p.source and p.target]
    return list({(p.source, p.target, p.type): p for p in coded}.values())


def score(records: Iterable[GoldRecord], predictions: dict[str, list[Predicted]]) -> Report:
    records = list(records)
    report = Report(records=len(records))
    for record in records:
        gold = list(dict.fromkeys(record.events))  # unique, in order
        preds = _scored(record, predictions.get(record.id, []))
        counted = [report.events]
        counted_dyads = [report.dyads]
        if record.label is not None:
            in_class = report.per_class[record.label]
            in_class.records += 1
            counted.append(in_class.events)
            counted_dyads.append(in_class.dyads)
        if not gold:
            report.no_event_records += 1
            report.no_event_false += bool(preds)
        unmatched = list(preds)
        for g in gold:
            hit = next(
                (p for p in unmatched if p.source == g.source and p.target == g.target and _type_ok(g.type, p.type)),
                None,
            )
            kind = _canonical(g.type)
            if hit is None:
                for counts in (*counted, report.per_type[kind]):
                    counts.fn += 1
                continue
            unmatched.remove(hit)
            for counts in (*counted, report.per_type[kind]):
                counts.tp += 1
            report.ranked.append((hit.confidence, True))
            if g.polarity:
                report.polarity["right" if g.polarity == hit.polarity else "wrong"] += 1
            if g.modality:
                report.modality["right" if g.modality == hit.modality else "wrong"] += 1
        for p in unmatched:
            for counts in (*counted, report.per_type[p.type]):
                counts.fp += 1
            report.ranked.append((p.confidence, False))
        gold_dyads = {(g.source, g.target) for g in gold}
        pred_dyads = {(p.source, p.target) for p in preds}
        for counts in counted_dyads:
            counts.tp += len(gold_dyads & pred_dyads)
            counts.fp += len(pred_dyads - gold_dyads)
            counts.fn += len(gold_dyads - pred_dyads)
    return report


def evaluate(path: Path, res) -> Report:
    records = load_gold(path)
    return score(records, predict(records, res))
