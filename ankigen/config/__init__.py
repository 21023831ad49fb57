"""Configuration, checked once at the edge: ``deck`` (the ``.deck.yaml`` schema) and
``schema`` (checks on YAML nodes, so every error has a line)."""
