"""Mentions carried from one sentence to another keep what was found of the actor."""

from __future__ import annotations

from dataclasses import fields, replace

from kg.actors import ActorDictionary
from kg.extract.mentions import MentionFinder
from kg.grammar import load_grammars
from kg.places import Gazetteer


def test_a_mention_renamed_keeps_every_other_field() -> None:
    finder = MentionFinder(ActorDictionary.load(), Gazetteer.load(), load_grammars())
    sentence = "王毅会见了新任泰国外长张三。"
    found = finder.find(sentence, sentence)
    titled = [m for m in found.actors if m.title and m.country]
    assert titled, "a person found after a title, with the country before it"
    for mention in found.actors:
        renamed = mention.named("Sok Chenda", "context")
        assert renamed == replace(mention, surface="Sok Chenda", kind="context")
        kept = {f.name for f in fields(mention)} - {"surface", "kind"}
        assert all(getattr(renamed, name) == getattr(mention, name) for name in kept)
