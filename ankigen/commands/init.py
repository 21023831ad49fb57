"""``ankigen init [DIR]``: a deck repository to start from, one example deck a format.

It writes the sources, a deck configuration, a CI workflow using ankigen's
GitHub Action, a ``.gitignore`` and a README, and never overwrites a file that
is there already.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ACTION = "ankigen/ankigen@v1"

FILES = {
    "source_cards/kubernetes.yaml": """\
# A YAML deck: one card of each kind.
name: Kubernetes basics
key: kubernetes-basics          # the deck's identity: never change it once published
tags: [K8S]
cards:
  - question: What is a Pod?
    answer: |
      The smallest deployable unit:
      * one or more containers
      * shared network and storage
  - question: How do you list the Pods of every namespace?
    answer: |
      ```bash
      kubectl get pods --all-namespaces
      ```
    extra: "`-A` is the short form."
  - cloze: "A {{c1::Deployment}} keeps {{c2::a number of}} Pods running."
""",
    "source_cards/german.csv": """\
German,English,Notes
der Hund,the dog,
die Katze,the cat,plural: die Katzen
das Haus,the house,
""",
    "source_cards/german.deck.yaml": """\
# How the table is read, and which cards it makes.
name: German words
sources:
  - path: german.csv
    question: German
    answer: English
    extra: Notes
reverse: true                   # both ways round: German -> English and English -> German
""",
    "source_cards/slurm.md": """\
# Slurm

## What does `sbatch` do?
It submits a batch script to Slurm, which runs it when resources are free.

[#SLURM]()

## Which command shows the queue?
`squeue`, or `squeue -u $USER` for your own jobs.

[#SLURM]()
""",
    "source_cards/mlops.txt": """\
MLOps Flashcards

1
Q

What is MLOps?

A

Practices that bring models to production and keep them there.

2
Q

Name two things a model registry keeps.

A

* model versions
* their metadata
""",
    ".github/workflows/decks.yml": f"""\
# Builds the decks on every push and pull request, checks that the committed
# build/ is current, shows what changed, and uploads the decks and a preview.
name: decks

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

jobs:
  decks:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: {ACTION}
        with:
          strict: true
""",
    ".gitignore": """\
.venv/
build/preview.html
""",
    "README.md": """\
# Flashcard decks

The sources are in `source_cards/`; the decks built from them, for Anki, are in
`build/` (import a `.apkg` with Anki's File → Import). Made with
[ankigen](https://pypi.org/project/ankigen/).

To change a deck, edit its source, then rebuild and commit both:

```sh
python3 -m venv .venv && . .venv/bin/activate && pip install ankigen
ankigen build            # writes build/*.apkg and their state files
ankigen preview          # build/preview.html: every card, as Anki shows it
git add source_cards build && git commit
```

Keep `build/` in the repository: its state files are what lets a new version of
a deck update learners' collections without duplicates or lost review history.
""",
}


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    for name, text in FILES.items():
        path = folder / name
        if path.exists():
            print(f"{path}: kept (it exists already)")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"{path}: written")
    where = "" if folder == Path() else f"cd {folder} && "
    print(f"next: {where}ankigen build && ankigen preview")
    return 0
