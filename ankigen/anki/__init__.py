"""What Anki reads: the note type (``notetype``, ``templates/``), the collection and
its package (``package``), any package read back (``read``), and ankigen's record of
what it published (``state``)."""
