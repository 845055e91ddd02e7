"""Small questions about spaCy's dependency tree that every part of the coder asks."""

from __future__ import annotations

from spacy.tokens import Token

from transforms.docindex import doc_index

ARGUMENT_DROP_DEPS = frozenset({"conj", "cc", "relcl", "acl", "advcl", "punct", "prep", "preconj", "appos"})
KEEP_PREP_LEMMAS = frozenset({"of", "from", "with", "between"})
SOURCE_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})


def children(token: Token, *deps: str) -> list[Token]:
    return doc_index(token.doc).children(token, deps)


def argument_bounds(token: Token) -> tuple[int, int]:
    """Token span of an argument without its coordinated siblings and clauses.

    "Putin and Kim" must give two actors, and "troops that Russia sent" must
    not make Russia part of the troops' phrase, so those subtrees are cut.
    """
    index = doc_index(token.doc)
    deps, heads, kids = index.deps, index.heads, index.kids
    keep = [token.i]
    stack = list(kids[token.i])
    while stack:
        child = stack.pop()
        dep = deps[child]
        if heads[child] == token.i and dep in ARGUMENT_DROP_DEPS:
            if not (dep == "appos" or (dep == "prep" and token.doc[child].lemma_.lower() in KEEP_PREP_LEMMAS)):
                continue
        keep.append(child)
        stack.extend(kids[child])
    return min(keep), max(keep) + 1


def expand_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def source_tokens(noun: Token) -> list[Token]:
    """Tokens that may name an event noun's source: possessive, modifiers, by-phrase."""
    found = [c for c in noun.children if c.dep_ in SOURCE_MODIFIER_DEPS and c.i < noun.i]
    for prep in children(noun, "prep", "agent"):
        if prep.lower_ == "by":
            found.extend(children(prep, "pobj"))
        elif prep.lower_ == "of":
            # "the expulsion of France's ambassador by Niger": the by-phrase hangs off the of-object
            found.extend(o for obj in children(prep, "pobj") for p in children(obj, "prep", "agent")
                         if p.lower_ == "by" for o in children(p, "pobj"))
    return found


def target_preps(noun: Token) -> list[tuple[str, Token]]:
    """(preposition, object) pairs after an event noun, including those on an of-object
    ("deployment of police officers to Haiti") and the one after it attached to
    the noun's own head ("aid ... to Israel")."""
    pairs: list[tuple[str, Token]] = []
    for prep in children(noun, "prep"):
        lemma = prep.lower_
        for obj in children(prep, "pobj"):
            pairs.append((lemma, obj))
            if lemma == "of":
                for inner in children(obj, "prep"):
                    if inner.lower_ in ("to", "into", "on", "against"):
                        pairs.extend((inner.lower_, o) for o in children(inner, "pobj"))
    return pairs


def is_joint(noun: Token, joint_words: frozenset[str]) -> bool:
    """"joint drills", "joint air force drills": a modifier anywhere before the noun."""
    for child in noun.lefts:
        if child.dep_ in ("amod", "compound") and any(t.lower_ in joint_words for t in child.subtree):
            return True
    return False


# Subordinators of clauses whose act has not happened (yet): "if it is attacked",
# "before they demobilise", "until the minister resigns".
UNREALISED_MARKS = frozenset({"if", "unless", "whether", "before", "until", "till", "lest", "once"})


def unrealised_clause(verb: Token) -> bool:
    """Whether `verb` (or the verb its conjunct or complement hangs from) is in a
    clause introduced by a subordinator of an act that has not happened."""
    node = verb
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in UNREALISED_MARKS for c in node.children):
            return True
        if node.dep_ not in ("conj", "xcomp"):
            break
        node = node.head
    return False


def comitatives(verb: Token, subject: Token) -> list[Token]:
    """Co-doers named beside a subject: "Mali, along with Burkina Faso and Niger,
    recalled ...", "Kenya, together with Uganda, condemned ...", "Canada, like Britain,
    has imposed ..." (set off by a comma; the phrase hangs off the verb or off the
    subject, as the parser has it), and a headline's "Chile, Peru sign ..."."""
    found: list[Token] = []
    for holder in (verb, subject):
        for prep in children(holder, "prep"):
            lower = prep.lower_
            if lower in ("along", "together"):
                found += [o for w in children(prep, "prep") if w.lower_ == "with" for o in children(w, "pobj")]
            elif lower == "with" and any(c.lower_ in ("along", "together") for c in children(prep, "advmod")):
                found += children(prep, "pobj")
            elif lower == "like" and holder is subject and prep.i > 0 and prep.doc[prep.i - 1].lower_ == ",":
                found += children(prep, "pobj")
    # a headline's comma for "and": "Chile, Peru sign fishing accord" (the first name read as a modifier)
    found += [c for c in children(verb, "npadvmod") if c.pos_ == "PROPN" and c.i + 2 == subject.i
              and c.doc[c.i + 1].lower_ == ","]
    return found
