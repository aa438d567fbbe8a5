"""Replication and audit of Tran (2026): every step is a pure function plus a thin CLI.

The folder shows the layers.  Here, the shared foundations every layer may import: io (files, the step runner),
escape (input text for each target), article (the article's shape), registry (the numbers and their
lineage), reasons (the language of reasons), deps (each step's code inputs, for the Snakefile).
Subpackages, in the order the data flow through them: contract (the inputs' checks), compute (the series
and tables), audit (the verdicts and the report), manuscript (its parts, figures and render), and package
(the package's own tooling).  A layer imports the foundations and its own modules, never another layer;
only the package's tooling, which runs around the workflow, imports the layers.
"""
