"""The reference: a lean deck build written directly on genanki, as a maintainer might.

A line parser, one ``MarkdownIt`` instance rendering each answer (a question,
plain text, is only HTML-escaped), keyword tags, genanki's ``write_to_file``. It produces the same deck content as ``ankigen
build`` (same note type, GUIDs, fields and tags), so the two can be timed side
by side and their output compared.

    python -m benchmarks.lean SOURCE.txt OUT.apkg
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import genanki
from markdown_it import MarkdownIt

from ankigen.anki.notetype import QA, template

TAGS = {
    "K8S": ["Kubernetes", "K8S", "pod", "container", "kubelet", "GPU Operator"],
    "SLURM": ["SLURM", "sbatch", "job scheduling", "HPC", "partition"],
    "MLOps": ["MLOps", "model registry", "Run:ai", "experiment tracking"],
}


def parse(text: str) -> list[tuple[str, str]]:
    lines = text.split("\n")
    cards, number, i = [], 1, 0
    while i < len(lines):
        if lines[i].strip() == str(number) and i + 1 < len(lines) and lines[i + 1].strip() == "Q":
            j = i + 2
            while lines[j].strip() != "A":
                j += 1
            k = j + 1
            while k < len(lines) and lines[k].strip() != "How well did you know this?":
                if lines[k].strip() == str(number + 1) and lines[k + 1].strip() == "Q":
                    break
                k += 1
            cards.append(("\n".join(lines[i + 2 : j]).strip(), "\n".join(lines[j + 1 : k]).strip()))
            number += 1
            i = k
        else:
            i += 1
    return cards


def main(source: str, out: str) -> None:
    text = Path(source).read_text(encoding="utf-8")
    md = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(
        ["table", "strikethrough"]
    )
    rules = [
        (tag, re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), re.I))
        for tag, words in TAGS.items()
    ]
    model = genanki.Model(
        QA.id,
        QA.name,
        fields=[{"name": "Question"}, {"name": "Answer"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": template("basic/front.html"),
                "afmt": template("basic/back.html"),
            }
        ],
        css=template("style.css"),
    )
    deck = genanki.Deck(2059400110, "Benchmark deck")
    for question, answer in parse(text):
        both = f"{question}\n{answer}"
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[f"<p>{html.escape(question)}</p>", md.render(answer).strip()],
                tags=sorted((tag for tag, rx in rules if rx.search(both)), key=str.casefold),
                guid=genanki.guid_for("benchmark", " ".join(question.split()).casefold()),
            )
        )
    genanki.Package(deck).write_to_file(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
