"""The read-only SPARQL endpoint and web explorer behind `hykg serve` (Starlette + uvicorn).

Modules: ``app`` (application, limits, errors), ``protocol`` (SPARQL 1.1 Protocol requests and
content negotiation), ``results`` (evaluation and results formats), ``worker`` (killable query
processes), ``explorer`` (HTML pages), ``examples`` (example queries).
"""
