"""Presenting answers: text tables, JSON/CSV, SPARQL results, interactive views, reports, exports, ontology docs."""
