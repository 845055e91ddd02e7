"""Acts read from their receiving end: the giver or the one who judges is the source.

"Ethiopia obtained armed drones from Turkey" is Turkey's military aid to
Ethiopia, and "Nigeria won the backing of the European Union" the Union's
support of Nigeria (issue #10, class 5). Two word classes read so:

* `obtain` (obtain, buy, purchase, acquire, receive, import): what is got
  "from" someone is their aid; its code is the code of delivering that thing
  ("deliver" + the object in verbs.tsv: drones 072, food 073, money 071),
  sales included; a thing with no row keeps the verb's own code (bought
  wheat: trade, 061), else 070;
* `earn` (win, draw, earn, receive, attract, gain): an event noun got "of" or
  "from" someone ("drew condemnation from X", "won the backing of X") is that
  someone's act, coded as the noun is, towards the subject, or towards the
  doer of the act when the subject is one ("Iran's missile strikes drew
  condemnation from Europe" -> towards Iran).
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Actor, Reading
from transforms.coding.rule import Rule
from transforms.coding.tree import children, source_tokens

# The verb whose coding of a thing is the code of giving it.
GIVING_VERB = "deliver"


class Reversed(Rule):
    name = "reversed"
    priority = 60
    pos = frozenset({"VERB"})

    @staticmethod
    def givers(holders: list[Token], preps: tuple[str, ...], core: ClauseCore) -> list[Actor]:
        """The actors a from/of/by phrase names, when they are its head ("the backing of the
        EU"), not a modifier of a thing ("a shipment of Russian arms": origin is no agency)."""
        on = core.ctx.published
        for holder in holders:
            for prep in children(holder, "prep"):
                if prep.lower_ in preps:
                    found = [a for a in core.actors(children(prep, "pobj"), on)
                             if a.resolved.start_char <= a.token.idx < a.resolved.end_char]
                    if found:
                        return found
        return []

    def receivers(self, token: Token, core: ClauseCore) -> list[Actor]:
        """The subject, or the doers of the act the subject names ("Iran's strikes drew ...")."""
        on = core.ctx.published
        found, _ = core.subjects(token, on)
        if found:
            return found
        for subject in children(token, "nsubj"):
            if subject.pos_ == "NOUN" and (core.noun_code(subject) or core.act_noun(subject)):
                return core.actors(source_tokens(subject), on)
        return []

    @staticmethod
    def giving_code(verb: Token, objects: list[Token], core: ClauseCore) -> str | None:
        """The code of delivering what was got (arms 072, food 073, money 071); a thing the
        lexicon has no row for keeps the verb's own code ("bought wheat from Y": trade, 061)."""
        verbs = core.res.verbs
        lemmas = [t.lemma_.lower() for o in objects for t in (o, *o.conjuncts)]
        code = verbs.lookup(GIVING_VERB, objects=lemmas)
        if code == verbs.lookup(GIVING_VERB):
            return verbs.lookup(verb.lemma_.lower()) or code
        return code

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        lemma = token.lemma_.lower()
        words = core.words
        if (lemma not in words.obtain and lemma not in words.earn) or core.passive(token):
            return None
        objects = children(token, "dobj")
        if not objects:
            return None
        code = None
        givers: list[Actor] = []
        if lemma in words.earn:
            code = core.noun_code(objects[0])
            if code is not None:
                givers = self.givers([objects[0], token], ("of", "from", "by"), core)
        if not givers and lemma in words.obtain:
            givers = self.givers([token], ("from",), core)
            if givers:
                code = self.giving_code(token, objects, core)
        if not givers or code is None:
            return None
        receivers = self.receivers(token, core)
        countries = {g.resolved.country for g in givers}
        receivers = [r for r in receivers if r.resolved.country is None or r.resolved.country not in countries]
        if not receivers:
            return None
        on = core.ctx.published
        modality, reporter, denied, _ = core.modality_and_reporter(token, on)
        return Reading(token, code, givers, receivers, False, core.negated(token) or denied, modality, reporter)


RULE = Reversed()
