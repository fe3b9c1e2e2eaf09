"""Stage 6, renderers: every rendering of a result for a person or a tool, pure (no I/O).

    formats.py      the report as JSON (the contract), CSV or a text table; the format registry
    sarif.py        the report as SARIF 2.1.0
    github.py       the report as GitHub workflow annotations
    explanation.py  one function's verdict and its reasons (``hybridize explain``)
    callgraph.py    the call graph as JSON or dot (``hybridize callgraph``)
    validation.py   the validation report as a table or JSON (``hybridize validate``)
"""
