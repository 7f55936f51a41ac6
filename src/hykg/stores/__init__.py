"""Store backends beyond in-memory pyoxigraph: rdflib in memory, pyoxigraph on disk, remote SPARQL."""
