"""RDF basics that import nothing above them: the vocabulary, terms and escaping, N-Quads, the statement writer."""
