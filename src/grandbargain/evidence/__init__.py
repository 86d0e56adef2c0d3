"""Evidence: sources, quotes and citations."""
