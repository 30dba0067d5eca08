#!/usr/bin/python3
"""A realistic project that is not one of the examples: a long name, 36
months of activity, sixty actors and a crowded canvas, derived from the
rural example; and, with a third argument, one whose names have no space
to break on. Usage: gen_large.py EXAMPLE.yaml OUT.yaml [LONG-WORDS.yaml]"""
import sys

import yaml

src, dst = sys.argv[1], sys.argv[2]
p = yaml.safe_load(open(src, encoding="utf-8"))
p["projet"]["nom"] = ("Conciergerie solidaire et itinérante des vallées du Haut-Vallon, "
                      "de la Brève et des plateaux de Saint-Martin-des-Prés-sur-Orbe")
base = p["activite"][0]
months = []
for i in range(36):
    y, m = 2023 + (9 + i) // 12, (9 + i) % 12 + 1
    r = dict(base)
    r["periode"] = f"{y:04d}-{m:02d}"
    r["recettes"] = round(base["recettes"] * (0.6 + i / 45), 2)
    r["charges"] = round(base["charges"] * (0.9 + (i % 6) / 30), 2)
    months.append(r)
p["activite"] = months
p["projet"]["date"] = "2026-09-30"
types = ["collectivite", "entreprise", "commerce", "association"]
for i in range(60):
    p["acteurs"].append({"nom": f"Partenaire n° {i + 1} de l'intercommunalité des vallées réunies",
                         "type": types[i % 4], "roles": ["partenaire"]})
for block, items in p["bmc"].items():
    if isinstance(items, list):
        for k in range(4):
            items.append(f"Élément supplémentaire {k + 1} du bloc, formulé longuement pour éprouver la mise en page")
yaml.safe_dump(p, open(dst, "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)

# A second file: names without a single space to break on (a pasted
# address, an identifier), in the title, an actor, a need and the canvas.
if len(sys.argv) > 3:
    q = yaml.safe_load(open(src, encoding="utf-8"))
    word = "Conciergerie-des-" + "-".join(["Hameaux"] * 14) + "-SCIC"
    q["projet"]["nom"] = word
    q["acteurs"].append({"nom": "https://www.exemple-de-partenaire-tres-long.fr/" + "x" * 80,
                         "type": "association", "roles": ["partenaire"]})
    q["bmc"]["partenaires"].append("Partenaire-" + "y" * 90)
    yaml.safe_dump(q, open(sys.argv[3], "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)
