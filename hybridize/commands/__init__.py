"""One module per CLI command that has more than a few lines of logic."""
