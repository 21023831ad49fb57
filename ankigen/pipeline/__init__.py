"""The build, one module per step, in the order a deck goes through them:

``discover`` the decks, tell whether one is ``outdated``, read its sources
(``ankigen.sources``), ``reuse`` what the last build made of unchanged cards,
``tag``, ``render`` and give ``identity`` to the rest, ``stamp`` modification
times, ``write`` the package and its state, and ``report`` what changed.
``build`` wires them; no step knows the ones after it.
"""
