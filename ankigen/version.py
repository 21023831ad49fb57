"""ankigen's version, in one place: ``pyproject.toml`` reads it from here.

A literal rather than a lookup in the installed package's metadata: importing
``importlib.metadata`` costs about 40 ms, which every ``ankigen`` start (and a
third of a build with nothing to do) would pay.
"""

VERSION = "0.4.0"
