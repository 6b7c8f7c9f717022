"""The HTTP face of newsweave: a REST API (FastAPI) over the same service the CLI calls."""
