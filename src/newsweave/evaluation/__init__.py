"""Quality measurements against hand-made gold data; each has a CLI command and a test with floors."""
