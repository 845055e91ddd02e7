"""The reading rules: one module per construction, each defining ``RULE``.

The registry (`transforms/coding/registry.py`) finds every module here; see
`transforms/coding/README.md` for how to add one.
"""
