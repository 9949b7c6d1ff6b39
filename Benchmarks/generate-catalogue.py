#!/usr/bin/env python3
"""Writes a deterministic costume-house catalogue as Coop's item CSV: generate-catalogue.py N > file.csv

The same file feeds the Swift benchmarks (COOP_BENCH_CATALOGUE) and the sqlite3 shell floor
(Benchmarks/inventory-floor.sh), so both measure the same data.
"""
import csv
import random
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
rng = random.Random(20261129)
kinds = ["Robe", "Veste", "Chapeau", "Pantalon", "Cape", "Gilet", "Manteau", "Jupe", "Chemise", "Corset",
         "Redingote", "Tunique", "Uniforme", "Costume", "Perruque", "Bottes", "Gants", "Éventail"]
qualifiers = ["d'époque", "de bal", "en velours", "en soie", "brodée", "à dentelle", "de soirée", "militaire",
              "paysanne", "de cour", "à fleurs", "rayée", "en laine", "de mariée", "de théâtre", "à paillettes"]
colours = ["rouge", "bleu", "vert", "noir", "blanc", "or", "argent", "bordeaux", "ivoire", "violet"]
sizes = ["XS", "S", "M", "L", "XL"]
decades = [str(y) for y in range(1800, 2000, 10)]
materials = ["soie", "velours", "laine", "coton", "lin", "dentelle", "satin", "cuir"]
writer = csv.writer(sys.stdout, lineterminator="\r\n")
writer.writerow(["code", "name", "description", "category", "location", "quantity", "tags", "value",
                 "attr:taille", "attr:couleur", "attr:époque"])
for i in range(1, count + 1):
    kind = rng.choice(kinds)
    decade = rng.choice(decades)
    colour = rng.choice(colours)
    material = rng.choice(materials)
    writer.writerow([
        f"GC-{i:06d}",
        f"{kind} {rng.choice(qualifiers)}",
        f"{kind} {colour} en {material}, années {decade}",
        f"Costumes/{kind}/{decade[:3]}0",
        f"Entrepôt/Étage {rng.randint(1, 5)}/Allée {chr(65 + rng.randint(0, 17))}/Tablette {rng.randint(1, 10)}",
        rng.choice([1, 1, 1, 2, 3, 5, 10]),
        "|".join(sorted({material, colour})),
        f"{rng.randint(20, 900)}.00",
        rng.choice(sizes),
        colour,
        decade,
    ])
