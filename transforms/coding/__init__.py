"""The event coder: who did what to whom in a parsed document.

`extract.extract_events` is the entry point. The clause core (`mentions`,
`clause`) reads actors and clause structure; each reading rule in `rules/`
reads one construction; `registry` runs the rules over a sentence and
`events` turns their readings into event rows. See README.md here for where a
new rule, word list, input format or view goes.
"""
