"""Curation: curated YAML -> validated RDF (reading, schema, compiling, the build, corpus coverage)."""
