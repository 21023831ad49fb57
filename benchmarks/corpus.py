"""Deterministic corpora in the flashcard page format, for benchmarks and tests.

Two kinds, the same ``count`` and ``seed`` always giving the same text:

- ``plain``: cards of about 450 bytes: paragraphs, ``*`` lists, short line lists,
  non-ASCII text and topic words. Two thirds of its answers are plain text, which
  the renderer's fast path takes.
- ``technical``: cards like a technical unit's (the seed's Kubernetes and SLURM):
  answers of several paragraphs with inline code, bold text, lists and code blocks,
  nearly all of which need markdown-it.
"""

from __future__ import annotations

import random
from pathlib import Path

from ankigen.sources.flashcard_page import SCAFFOLD_LINES

TOPICS = {
    "K8S": ["Kubernetes", "K8S", "pod", "container", "kubelet", "GPU Operator"],
    "SLURM": ["SLURM", "sbatch", "job scheduling", "HPC", "partition"],
    "MLOps": ["MLOps", "model registry", "Run:ai", "experiment tracking"],
}
WORDS = (
    "cluster node workload resource service network storage volume deployment replica "
    "scheduler queue policy quota driver runtime image registry metric latency throughput "
    "training inference pipeline dataset checkpoint artifact version rollout scaling "
    "availability failover monitoring logging tracing agent operator controller manifest"
).split()
NON_ASCII = ["naïve", "Größe", "узел", "调度器", "façade", "rôle", "Ångström", "データ", "ñandú"]
SCAFFOLD = "\n".join(SCAFFOLD_LINES) + "\n"
KINDS = ("plain", "technical")
CONFIG = """\
name: Benchmark deck
key: benchmark
tag_rules:
  K8S:
    words: [Kubernetes, K8S, pod, container, kubelet, GPU Operator]
  SLURM:
    words: [SLURM, sbatch, job scheduling, HPC, partition]
  MLOps:
    words: [MLOps, model registry, "Run:ai", experiment tracking]
"""


def _sentence(rng: random.Random, topic: list[str]) -> str:
    words = rng.choices(WORDS, k=rng.randint(7, 13))
    words[rng.randrange(len(words))] = rng.choice(topic)
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(NON_ASCII))
    if rng.random() < 0.15:
        index = rng.randrange(len(words))
        words[index] = rng.choice([f"*{words[index]}*", f"`{words[index]}`", f"**{words[index]}**"])
    return " ".join(words).capitalize() + "."


def _answer(rng: random.Random, topic: list[str]) -> str:
    kind = rng.random()
    if kind < 0.5:  # a paragraph
        return " ".join(_sentence(rng, topic) for _ in range(rng.randint(3, 5)))
    if kind < 0.75:  # a lead sentence and a '*' list
        items = [f"* {_sentence(rng, topic)}" for _ in range(rng.randint(3, 4))]
        return "\n".join([_sentence(rng, topic), *items])
    # a short list of names, one a line
    return "\n".join(
        rng.choice(topic).title() + f" {rng.choice(WORDS)}" for _ in range(rng.randint(4, 9))
    )


COMMANDS = [
    "kubectl get pods -A",
    "sbatch --gres=gpu:2 job.sh",
    "helm upgrade --install",
    "squeue -u $USER",
]


def _technical_answer(rng: random.Random, topic: list[str]) -> str:
    """Several paragraphs with inline code and bold text, a list, sometimes a code block."""

    def marked(sentence: str) -> str:
        words = sentence.split()
        for index in rng.sample(range(len(words)), 2):
            words[index] = rng.choice([f"`{words[index]}`", f"**{words[index]}**"])
        return " ".join(words)

    parts = [marked(_sentence(rng, topic)) + " " + _sentence(rng, topic)]
    parts.append("\n".join(f"- {marked(_sentence(rng, topic))}" for _ in range(rng.randint(2, 3))))
    if rng.random() < 0.3:
        parts.append(
            f"```\n{rng.choice(COMMANDS)}\n  --{rng.choice(WORDS)}={rng.randint(1, 9)}\n```"
        )
    parts.append(marked(_sentence(rng, topic)))
    return "\n\n".join(parts)


def corpus(count: int, seed: int = 14, kind: str = "plain") -> str:
    """``count`` cards of flashcard page text of ``kind`` (see ``KINDS``)."""
    rng = random.Random(seed)
    answer = _technical_answer if kind == "technical" else _answer
    parts = [f"Benchmark deck of {count} cards Flashcards\n\n"]
    for number in range(1, count + 1):
        topic = TOPICS[rng.choice(list(TOPICS))]
        question = f"What does {rng.choice(topic)} do with {rng.choice(WORDS)} {number}?"
        parts.append(f"{number}\nQ\n\n{question}\n\nA\n\n{answer(rng, topic)}\n\n{SCAFFOLD}")
    return "".join(parts)


def write_corpus(folder: Path, count: int, seed: int = 14, kind: str = "plain") -> Path:
    """A source_cards-like folder with the corpus and its deck configuration."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "benchmark.txt").write_text(corpus(count, seed, kind), encoding="utf-8")
    (folder / "benchmark.deck.yaml").write_text(CONFIG, encoding="utf-8")
    return folder / "benchmark.txt"
