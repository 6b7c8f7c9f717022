"""Facts found in an article: date expressions, event frames, quotes and cited sources."""
