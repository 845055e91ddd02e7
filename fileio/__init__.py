"""The IO boundary: what reads input files and keeps caches on disk at run time.

`transforms/` is pure (documents, parses and dictionaries in; rows out); the
warehouse writes its own files (`warehouse/`). What is left lives here:

* `inputs`: walking the input paths, reading files and manifests, and
  handing their bytes to the input formats of `transforms/formats.py`;
* `cache`: the gazetteer's built index kept between processes;
* `resources`: loading what a run extracts with (the spaCy model, the
  dictionaries and user files, the gazetteer with its cache) and stamping
  the run's version.
"""
