"""The read-only SPARQL endpoint and web explorer behind `hykg serve` (Starlette + uvicorn).

Modules: ``app`` (application, routes, limits), ``responses`` (JSON answers and the one error shape),
``protocol`` (SPARQL 1.1 Protocol requests and content negotiation), ``results`` (evaluation and
results formats), ``worker`` (the pool of killable query processes), ``processes`` (what runs in
them), ``explorer`` (HTML pages), ``examples`` (example queries), ``i18n`` (page texts).
"""
