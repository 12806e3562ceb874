"""The medicines Today's form offers: every medicine of the vocabulary, and every combination product in each of
its strengths (co-codamol 30/500 is codeine 30 mg and paracetamol 500 mg a tablet).

Why the products: a person in pain knows the box they took, not its ingredients. Typing "co-codamol" on Today
found nothing, while the import reads it (review 12): she had to know to enter codeine and paracetamol apart,
or left the opioid out of the diary and the codeine days and paracetamol maximum never saw it. A product is
saved as its medicines, each counted once per tablet, as the import saves "2 x co-codamol 30/500".
"""
from __future__ import annotations

from analysis.model.vocabulary import COMBINATIONS, MEDICINES, Combination
from analysis.storage.records import DoseEntry

# "co-codamol 30/500" -> the product and the strength (mg a tablet, in its medicines' order)
COMBINATION_CHOICES: dict[str, tuple[Combination, tuple[float, float]]] = {
    (f"{product.name} {strength[0]:g}/{strength[1]:g}" if len(product.strengths) > 1 or "/" not in product.name
     else product.name): (product, strength)
    for product in COMBINATIONS.values() for strength in product.strengths}
MEDICINE_CHOICES = [*MEDICINES, *COMBINATION_CHOICES]  # the pick list, in this order


def choice_words(choice: str) -> str:
    """What a combination choice holds, for the pick list: 'co-codamol 30/500: codeine 30 mg + paracetamol 500 mg'."""
    product, strength = COMBINATION_CHOICES[choice]
    return f"{choice}: " + " + ".join(f"{name} {mg:g} mg" for name, mg in zip(product.medicines, strength,
                                                                              strict=True))


def combination_doses(choice: str, tablets: int, times: int) -> list[DoseEntry]:
    """The doses to save for `tablets` tablets of a combination choice taken `times` times: one per medicine,
    counted once per tablet."""
    product, strength = COMBINATION_CHOICES[choice]
    return [DoseEntry(name, float(mg), int(tablets) * int(times))
            for name, mg in zip(product.medicines, strength, strict=True)]
