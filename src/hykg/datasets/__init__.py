"""Outside datasets imported into their own named graphs."""
