#!/usr/bin/env python3
"""Writes a synthetic review folder, `scale` times the size of the example, for benchmarks.

scale 100 gives 700 recommendations, 3,500 actions and 2,200 schools. The text is varied but
deterministic (a fixed seed), so runs compare like with like.
"""
import os
import random
import sys

WORDS = ("mathematics schools teachers support programme review training progress pupils "
         "consultants cluster meetings learning platform resources parents governors data "
         "attainment partnership library service course conference evaluation").split()
TIMESCALES = ["Quarterly", "Termly", "September 2010", "Spring 2011", "Summer 2010",
              "From September 2010", "September 2010 – July 2011", "Terms 2-3 (2010 – 11)",
              "2011-12", "November 2010 – July 2011"]


def sentence(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def quoted(text):
    return '"' + text.replace('"', "'") + '"'


def main():
    scale = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    folder = sys.argv[2] if len(sys.argv) > 2 else f"/tmp/clerk-bench-review-{scale}"
    rng = random.Random(2011)
    os.makedirs(os.path.join(folder, "reports"), exist_ok=True)
    recommendations = 7 * scale
    with open(os.path.join(folder, "review.yaml"), "w") as out:
        out.write("title: Generated review\ncouncil: Bench County Council\n")
    with open(os.path.join(folder, "recommendations.yaml"), "w") as out:
        out.write("recommendations:\n")
        for r in range(1, recommendations + 1):
            out.write(f'  - id: "{r}"\n    text: {quoted(sentence(rng, 30))}\n')
    with open(os.path.join(folder, "responses.yaml"), "w") as out, \
            open(os.path.join(folder, "timescales.yaml"), "w") as times:
        out.write("responses:\n")
        times.write("timescales:\n")
        for r in range(1, recommendations + 1):
            for a in range(1, 6):
                action = f"{r}.{a}"
                out.write(f'  - id: "{action}"\n    recommendation: "{r}"\n'
                          f"    action: {quoted(sentence(rng, 25))}\n    updates:\n")
                for date in ("2010-11", "2011-05"):
                    out.write(f"      - date: {date}\n        text: {quoted(sentence(rng, 40))}\n")
                times.write(f'  - action: "{action}"\n    planned: {quoted(rng.choice(TIMESCALES))}\n')
    with open(os.path.join(folder, "attainment.yaml"), "w") as out:
        out.write("measures:\n  - {id: L4+, name: Level 4+}\n  - {id: L5, name: Level 5}\nschools:\n")
        for s in range(1, 22 * scale + 1):
            out.write(f"  - name: School {s}\n    results:\n")
            for year in (2009, 2010):
                out.write(f"      {year}: {{L4+: {rng.randint(40, 95)}, L5: {rng.randint(5, 50)}}}\n")
            out.write(f"    cohorts:\n      2010: {rng.randint(10, 100)}\n")
    with open(os.path.join(folder, "reports", "update.yaml"), "w") as out:
        out.write("""id: update
template: council-report
committee: Children's Services Scrutiny Committee
date: 2011-06-14
as_of: 2011-05-31
author: Director
title: Generated update
purpose: Benchmark
recommendation: ["Note the report."]
recommendation_style: paragraphs
sections:
  - heading: Supporting information
    paragraphs: ["The action plan is {{appendix:action-plan}}; the analysis is {{appendix:attainment}}."]
signatory: {name: A DIRECTOR, title: Director}
contact: {name: A Officer, title: Officer}
local_members: All
background_documents: []
appendices:
  - {key: action-plan, kind: action-plan, title: Action plan}
  - {key: attainment, kind: attainment, title: Attainment, from: 2009, to: 2010}
""")
    print(folder)


if __name__ == "__main__":
    main()
